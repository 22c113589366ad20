// Runs one in-host test suite: mocha inside code-server's Node extension host, in a session of its own.
//
// code-server's web workbench honours the `?payload=` query (extensionDevelopmentPath, extensionTestsPath)
// when the server runs with `--vscode-option enable-smoke-test-driver`. The tests entry's run() has the same
// contract as under @vscode/test-electron; when it settles, the workbench calls window.codeAutomationExit(code),
// which we expose to the page with Playwright, exactly as @vscode/test-web does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, elapsed, root } from './config.mjs';
import { copyWorkspace, freePort, prepareSession, startServer, workspaceQuery } from './server.mjs';

// In test mode the extension host's console is re-logged into the page console as ('%c INFO', css, fmt, …args).
// The workbench's own chatter on a closed network is hidden unless VERBOSE is set.
const NOISE = new RegExp(
  [
    'connection token',
    'Creating a socket',
    'grace.time',
    'Service Worker',
    'AgentHost',
    'AccountPolicyGate',
    'additional builtin extensions',
    'Failed to load resource',
    'same-origin iframe',
    'allow-same-origin',
    '^ERR \\{"name":"(Failed|Canceled)"\\}',
    'Timed out waiting for authentication provider',
    'ENOTFOUND',
    'ECONNREFUSED',
    '^ERR Canceled',
    'OverlayWebview has been disposed',
  ].join('|'),
);

async function consoleText(message) {
  const values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => String(arg))));
  let head = String(values.length ? values[0] : message.text());
  const rest = values.slice(1);
  rest.splice(0, (head.match(/%c/g) || []).length);
  head = head.replace(/%c/g, '').trim();
  return /%[sdifoOj]/.test(head) ? util.format(head, ...rest) : `${head} ${util.format(...rest)}`.trim();
}

/**
 * Runs `suite` ({ name, workspace, tests, workspaceTrust?, settings?, serverArgs?, timeoutMs? }) and resolves
 * with the extension host's exit code: 0 when every test passed. Harness failures (no server, no browser,
 * no answer in time) reject, so they can never pass for a test result.
 */
export async function runInHostSuite(suite, { verbose = Boolean(process.env.VERBOSE) } = {}) {
  const started = Date.now();
  const testsEntry = path.resolve(root, suite.tests);
  if (!fs.existsSync(testsEntry))
    throw new Error(`${suite.tests} does not exist: build the tests first (node scripts/build.mjs --tests)`);
  const session = prepareSession(`in-host-${suite.name}`, {
    workspaceTrust: suite.workspaceTrust,
    settings: suite.settings,
  });
  const workspacePath = copyWorkspace(session, suite.workspace);
  const server = await startServer(session, {
    port: await freePort(),
    workspacePath,
    args: ['--vscode-option', 'enable-smoke-test-driver', ...(suite.serverArgs ?? [])],
  });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'presets-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: true,
      args: chromiumArgs,
      // Chromium's crash database follows XDG folders, not the profile: keep it out of the home folder.
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(userDataDir, 'xdg-config'),
        XDG_CACHE_HOME: path.join(userDataDir, 'xdg-cache'),
      },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const remote = (file) => `vscode-remote://127.0.0.1:${server.port}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(testsEntry)],
    ];
    const url = `${server.url}/?${workspaceQuery(workspacePath)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    let printing = Promise.resolve();
    page.on('console', (message) => {
      printing = printing.then(async () => {
        const text = await consoleText(message);
        if (verbose || (!NOISE.test(text) && /^(INFO|WARN|ERR|\[Extension Host\])/.test(text))) {
          console.log(`  ${text.replace(/^(INFO|\[Extension Host\]) ?/, '')}`);
        }
      });
    });

    const timeoutMs = suite.timeoutMs ?? Number(process.env.IN_HOST_TIMEOUT_MS || 180_000);
    const code = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `in-host suite "${suite.name}": the extension host reported no result within ${timeoutMs / 1000}s ` +
                `(set VERBOSE=1 for the workbench's own log; server log: ${path.relative(root, server.logFile)})`,
            ),
          ),
        timeoutMs,
      );
      server.exited.then((exitCode) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited (${exitCode}) during suite "${suite.name}"`));
      });
      page.on('crash', () => {
        clearTimeout(timer);
        reject(new Error(`the browser page crashed during suite "${suite.name}"`));
      });
      page
        .exposeFunction('codeAutomationExit', (exitCode) => {
          clearTimeout(timer);
          resolve(exitCode);
        })
        .then(() => page.goto(url))
        .catch((error) => {
          clearTimeout(timer);
          reject(error);
        });
    });
    await printing;
    console.log(`  extension host exit code ${code} (${elapsed(started)})`);
    return code;
  } finally {
    await context?.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
    await server.stop();
  }
}
