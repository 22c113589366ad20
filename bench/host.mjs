// The real-host benchmark (npm run bench -- --host): the packaged extension in code-server, driven in headless
// Chromium with Playwright, on the benchmark's 10,000-preset workspace. Uses the project's harness
// (scripts/host/*.mjs): the same pinned code-server, profile settings and Chromium flags as the end-to-end tests.
//
// What one run measures, from the click on the Parameter Presets icon in the activity bar until every row is
// reachable. The click usually activates the extension (onView); should VS Code have activated it before (say,
// onLanguage:jsonc), its index still waits for the view, so the time always holds the whole index and the tree:
//   - the Workspace group row reads "10,000 presets": the tree model holds every file, validated;
//   - then End in the tree brings up its last row, the alphabetically last preset of the last category: every
//     category is expanded, so the tree reaches it only once it holds the rows of all of them.
// Each run is a fresh browser window, so a fresh extension host, activation and index.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, root } from '../scripts/host/config.mjs';
import { ensureHost } from '../scripts/host/install.mjs';
import { freePort, installVsix, prepareSession, startServer, workspaceQuery } from '../scripts/host/server.mjs';

const EXTENSION_ID = 'inference-autotuner.parameter-presets';
const VIEW_TITLE = 'Presets';
const EXTENSION_NAME = 'Parameter Presets';

/** The package folder as `npm run package` lays it out, from the bundles built for the benchmark; then the .vsix. */
function packageVsix(pkg, out) {
  for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore'])
    fs.copyFileSync(path.join(root, file), path.join(pkg, file));
  for (const folder of ['media', 'schemas'])
    fs.cpSync(path.join(root, folder), path.join(pkg, folder), { recursive: true });
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], {
    cwd: pkg,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}${result.stderr}`);
  return out;
}

/** The row End must reach: the tree sorts categories (Uncategorized last) and presets by name, case-insensitively. */
function lastRow(pkg, workspace) {
  const result = spawnSync(process.execPath, [path.join(pkg, 'dist', 'cli.js'), 'list', '--dir', workspace, '--json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const entries = JSON.parse(result.stdout).filter((entry) => entry.source === 'workspace');
  const compare = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' });
  const category = (entry) => (entry.category?.trim() ? entry.category : 'Uncategorized');
  const categories = [...new Set(entries.map(category))].sort((a, b) =>
    a === 'Uncategorized' ? 1 : b === 'Uncategorized' ? -1 : compare(a, b),
  );
  const last = categories[categories.length - 1];
  const names = entries
    .filter((entry) => category(entry) === last)
    .map((entry) => entry.name ?? path.basename(entry.path))
    .sort(compare);
  return { count: entries.length, category: last, name: names[names.length - 1] };
}

/** The extension hosts' logs of the session: one folder per host, exthost1, exthost2… */
function extensionHostLogs(session) {
  const logs = path.join(session.userDataDir, 'logs');
  if (!fs.existsSync(logs)) return [];
  return fs.readdirSync(logs).flatMap((run) => {
    const dir = path.join(logs, run);
    return fs.statSync(dir).isDirectory()
      ? fs
          .readdirSync(dir)
          .filter((name) => /^exthost\d+$/.test(name))
          .map((name) => path.join(dir, name, 'remoteexthost.log'))
      : [];
  });
}

/**
 * Opens a window on the workspace and waits until it is up: the workbench drawn, the Explorer listing the
 * folder, and the window's own extension host started with its startup extensions activated (in code-server
 * it starts after the workbench; a click before it would time VS Code's startup, not the view).
 */
async function openWorkbench(browser, url, workspacePath, session) {
  const before = new Set(extensionHostLogs(session));
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}/?${workspaceQuery(workspacePath)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  await page.locator('.statusbar').waitFor({ timeout: 120_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 120_000 });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const fresh = extensionHostLogs(session).filter((log) => !before.has(log));
    if (fresh.some((log) => fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('Eager extensions activated')))
      break;
    if (Date.now() > deadline) throw new Error("the window's extension host did not start within 120 s");
    await page.waitForTimeout(100);
  }
  // Let the workbench settle after the startup extensions, as a person would before opening a view.
  await page.waitForTimeout(1000);
  return { context, page };
}

const activityEntry = (page, title) =>
  page
    .locator(
      [
        `.activitybar .action-item[aria-label^="${title}"] a`,
        `.activitybar a[aria-label^="${title}"]`,
        `.composite-bar .action-label[aria-label^="${title}"]`,
      ].join(', '),
    )
    .first();

/** One measurement: click the view's icon, wait for every row, return milliseconds. */
async function measureOpen(page, target) {
  const count = target.count.toLocaleString('en-US');
  const group = page.locator('.part.sidebar .monaco-list-row', { hasText: `${count} presets` });
  if (await group.count())
    throw new Error('the view is already open before the click: the measurement would start late');
  const entry = activityEntry(page, VIEW_TITLE);
  await entry.waitFor({ timeout: 60_000 });
  const started = Date.now();
  await entry.click();
  await group.first().waitFor({ timeout: 120_000 });
  const allIndexed = Date.now() - started;
  // Every row reachable: End moves to the tree's last row, which VS Code renders only once it has all rows.
  const tree = page.locator('.part.sidebar .pane-body .monaco-list').first();
  const last = page.locator(
    `.part.sidebar .monaco-list-row[aria-label^="${target.name.replace(/"/g, '\\"')}, workspace preset"]`,
  );
  await tree.focus();
  await page.keyboard.press('End');
  await last.first().waitFor({ timeout: 120_000 });
  return { open: Date.now() - started, allIndexed };
}

/** VS Code's own activation time, from Developer: Show Running Extensions; undefined when it cannot be read. */
async function reportedActivation(page) {
  try {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('>Developer: Show Running Extensions');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' })
      .first()
      .click({ timeout: 15_000 });
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: EXTENSION_NAME }).first();
    await row.waitFor({ timeout: 30_000 });
    const text = await row.innerText();
    const match = /(\d+(?:\.\d+)?)\s*ms/.exec(text);
    return match
      ? { ms: Number(match[1]), text: text.replace(/\s+/g, ' ').trim() }
      : { text: text.replace(/\s+/g, ' ').trim() };
  } catch (error) {
    return { error: String(error).split('\n')[0] };
  }
}

export async function benchHost({ tmp, pkg, workspace, runs, log }) {
  await ensureHost();
  const vsix = packageVsix(pkg, path.join(tmp, 'parameter-presets-bench.vsix'));
  const target = lastRow(pkg, workspace);
  log(`real host: ${target.count} workspace presets; the last row is "${target.name}" in ${target.category}`);
  const session = prepareSession('bench-host');
  await installVsix(session, vsix, EXTENSION_ID);
  const server = await startServer(session, { port: await freePort(), workspacePath: workspace });
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
  const samples = { open: [], allIndexed: [] };
  const activations = [];
  try {
    // One warm-up run (code-server's first window compiles and caches), then the measured ones.
    for (let run = 0; run < runs + 1; run++) {
      const { context, page } = await openWorkbench(browser, server.url, workspace, session);
      try {
        const result = await measureOpen(page, target);
        log(
          `real host run ${run}${run === 0 ? ' (warm-up)' : ''}: all rows reachable after ${result.open} ms (all indexed after ${result.allIndexed} ms)`,
        );
        if (run > 0) {
          samples.open.push(result.open);
          samples.allIndexed.push(result.allIndexed);
          activations.push(await reportedActivation(page));
        }
        if (run === runs) await page.screenshot({ path: path.join(tmp, 'host-last-run.png') });
        // Leave the Explorer showing, so the next window does not restore the presets view before the click.
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+Shift+E');
        await page.waitForTimeout(1000);
      } finally {
        await context.close();
      }
      // The closed window's extension host ends after the reconnection grace time (5 s): let it go first.
      await new Promise((resolve) => setTimeout(resolve, 6000));
    }
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
  const summarize = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return {
      runs: values.length,
      median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
      min: sorted[0],
      max: sorted[sorted.length - 1],
      samples: values,
    };
  };
  const activationMs = activations.map((a) => a.ms).filter((ms) => typeof ms === 'number');
  const screenshot = path.join(root, 'bench', 'results', 'host-last-run.png');
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  if (fs.existsSync(path.join(tmp, 'host-last-run.png')))
    fs.copyFileSync(path.join(tmp, 'host-last-run.png'), screenshot);
  return {
    target,
    open: summarize(samples.open),
    allIndexed: summarize(samples.allIndexed),
    activation: activationMs.length ? summarize(activationMs) : undefined,
    activationReports: activations,
  };
}
