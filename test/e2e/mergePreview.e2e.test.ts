// End to end: the Merge Preview webview in the real workbench with the packaged extension. Opened from
// the palette and from the tree selection; the table and conflicts read out of the webview's iframe for
// each strategy and compared with the core's merge; strategy switch, drag and keyboard reordering; a
// preset file edited, broken and fixed while shown; Save as Preset checked on disk; a hostile preset
// name shown as text; the panel restored after a window reload; screenshots in light, dark and
// high-contrast themes (the README's pictures come from these).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { analyzePresetText } from '../../src/core/analyze';
import { mergePresets } from '../../src/core/merge';
import type { MergeStrategy, Preset } from '../../src/core/model';
import { Workbench, slug } from './workbench';

const root = path.resolve(__dirname, '..', '..', '..');
const HOSTILE = '<img src=x onerror=alert(1)>';

/** A system preset as the extension ships it, by name. */
function systemPreset(name: string): Preset {
  for (const file of fs.readdirSync(path.join(root, 'presets'))) {
    const preset = analyzePresetText(fs.readFileSync(path.join(root, 'presets', file), 'utf8'), {
      origin: 'system',
    }).preset;
    if (preset?.name === name) return preset;
  }
  throw new Error(`no system preset named ${name}`);
}

interface TableRow {
  parameter: string;
  status: string;
  values: { text: string; sources: string[] }[];
}

/** The merged-parameters table as the page shows it: per row, each value's text and its source chips' names. */
function readTable(view: FrameLocator): Promise<TableRow[]> {
  return view.locator('table.parameters tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({
      parameter: (row.querySelector('code.parameter') as HTMLElement).textContent ?? '',
      status: row.classList.contains('dropped') ? 'dropped' : 'kept',
      values: Array.from(row.querySelectorAll('.value')).map((value) => ({
        text: value.querySelector('code.v')?.textContent ?? '',
        sources: Array.from(value.querySelectorAll('.src')).map((src) => (src as HTMLElement).title),
      })),
    })),
  );
}

/** The conflict cards as shown: [kind, the parameters it names (comma-separated), reason]. */
function readConflicts(view: FrameLocator): Promise<string[][]> {
  return view.locator('.conflict-group .conflict').evaluateAll((items) =>
    items.map((item) => [
      item.closest('.conflict-group')!.getAttribute('data-kind') ?? '',
      Array.from(item.querySelectorAll('[data-conflict]'))
        .map((link) => link.getAttribute('data-conflict'))
        .join(', '),
      item.querySelector('.reason')?.textContent ?? '',
    ]),
  );
}

/** "A", "A and B", "A, B and C". */
function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** What the table must show for a merge, computed by the core the CLI and extension share. */
const GROUP_ORDER = ['overridden', 'missing', 'empty_intersection'];

function expectedTable(
  presets: Preset[],
  strategy: MergeStrategy,
): { rows: TableRow[]; conflicts: string[][]; dropped: string[] } {
  const result = mergePresets(presets, strategy);
  // The page groups conflicts by kind, each group in the merge's order; parameters that the same presets
  // lack share one card.
  const sorted = [...result.conflicts].sort((a, b) => GROUP_ORDER.indexOf(a.kind) - GROUP_ORDER.indexOf(b.kind));
  const cards: { kind: string; parameters: string[]; reason: string; lacking?: string }[] = [];
  for (const conflict of sorted) {
    const lacking = conflict.kind === 'missing' ? conflict.presets.join('\n') : undefined;
    const alike = lacking === undefined ? undefined : cards.find((card) => card.lacking === lacking);
    if (!alike) {
      cards.push({ kind: conflict.kind, parameters: [conflict.parameter], reason: conflict.reason, lacking });
      continue;
    }
    alike.parameters.push(conflict.parameter);
    alike.reason = `${alike.parameters.length} parameters missing from ${listNames(lacking!.split('\n'))}; intersection keeps only parameters every preset defines`;
  }
  const rows: TableRow[] = Object.entries(result.parameters).map(([parameter, values]) => ({
    parameter,
    status: 'kept',
    values: values.map((value, i) => ({ text: JSON.stringify(value), sources: [...result.sources[parameter][i]] })),
  }));
  return {
    rows,
    conflicts: cards.map((card) => [card.kind, card.parameters.join(', '), card.reason]),
    dropped: result.conflicts.map((c) => c.parameter),
  };
}

describe('Merge Preview (end to end)', () => {
  let wb: Workbench;
  let view: FrameLocator;
  const workspace = process.env.E2E_WORKSPACE ?? '';
  const hostileFile = path.join(workspace, 'presets', 'markup-name.preset.json');
  const liveFile = path.join(workspace, 'presets', 'live-e2e.preset.json');
  const dialogs: string[] = [];
  const cspViolations: string[] = [];

  const chipNames = () => view.locator('.chips .chip .chip-name').allTextContents();
  const waitForChips = async (names: string[]): Promise<void> => {
    const deadline = Date.now() + 30_000;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      seen = await chipNames().catch(() => []);
      if (JSON.stringify(seen) === JSON.stringify(names)) return;
      await wb.page.waitForTimeout(100);
    }
    assert.fail(`chips ${JSON.stringify(seen)}, expected ${JSON.stringify(names)}`);
  };
  const waitForStrategy = (strategy: MergeStrategy) =>
    view.locator(`vscode-radio[data-strategy="${strategy}"][checked]`).waitFor({ timeout: 15_000 });
  const quickPickRow = (text: string) =>
    wb.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  const treeRow = (text: string) =>
    wb.page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: text }).first();
  /** Expands a category of the Presets tree when it is collapsed. */
  const expandCategory = async (category: string): Promise<void> => {
    const row = wb.page
      .locator('.part.sidebar .pane-body .monaco-list-row[aria-expanded="false"]', { hasText: category })
      .first();
    if (await row.count()) await row.locator('.monaco-tl-twistie').click();
  };
  /** Waits until the table equals `expected` (the page re-renders after each message round trip). */
  const waitForTable = async (expected: TableRow[], what: string): Promise<void> => {
    const deadline = Date.now() + 15_000;
    let seen: TableRow[] = [];
    while (Date.now() < deadline) {
      seen = await readTable(view).catch(() => []);
      if (JSON.stringify(seen) === JSON.stringify(expected)) return;
      await wb.page.waitForTimeout(100);
    }
    assert.deepEqual(seen, expected, what);
  };

  /**
   * Picks presets, in this order, in the open "pick presets in order" quick pick and accepts it. The picker
   * shows the merge order in its title ("merge order: 1. A  2. B"): each pick is confirmed there.
   */
  async function pickPresets(names: readonly string[]): Promise<void> {
    const widget = wb.page.locator('.quick-input-widget');
    // The list settles (height, scroll) just after it shows: a click during that can land on another row.
    await quickPickRow(names[0]).waitFor({ timeout: 15_000 });
    await wb.page.waitForTimeout(300);
    for (const [i, name] of names.entries()) {
      const shown = `${i + 1}. ${name}`;
      const title = widget.locator('.quick-input-title', { hasText: shown });
      for (let attempt = 1; !(await title.count()); attempt++) {
        if (attempt > 3)
          assert.fail(
            `could not pick ${name}: title ${JSON.stringify(await widget.locator('.quick-input-title').innerText())}`,
          );
        await quickPickRow(name).locator('.monaco-checkbox').first().click();
        await title.waitFor({ timeout: 3_000 }).catch(() => undefined);
      }
    }
    // Accept with the OK button: Enter on the focused checkbox would toggle it instead.
    await widget.locator('.monaco-button', { hasText: 'OK' }).first().click();
  }

  /** Merge Presets… from the palette: all presets picked in one prompt, the order confirmed, then the strategy. */
  async function mergeFromPalette(names: string[], strategy: MergeStrategy): Promise<void> {
    // From the palette the picker starts with nothing picked; the Explorer keeps the tree out of the pictures.
    await wb.runCommand('View: Show Explorer');
    await wb.runCommand('Presets: Merge Presets…');
    await wb.page.locator('.quick-input-widget', { hasText: 'Merge Presets' }).first().waitFor({ timeout: 15_000 });
    await pickPresets(names);
    if (names.length > 1) {
      // The order step lists the presets as picked; Enter merges in that order.
      const order = wb.page
        .locator('.quick-input-widget', { hasText: 'later presets come after earlier ones' })
        .first();
      await order.waitFor({ timeout: 15_000 });
      const labels = await order.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
      // Only the numbered labels: the list also holds detail lines (file paths) and recycled rows.
      assert.deepEqual(
        labels.filter((label) => /^\d+\. /.test(label)),
        names.map((name, i) => `${i + 1}. ${name}`),
      );
      await wb.page.keyboard.press('Enter');
    }
    await wb.page.locator('.quick-input-widget', { hasText: 'Merge strategy' }).first().waitFor({ timeout: 15_000 });
    await quickPickRow(strategy).click();
    await waitForChips(names);
    await waitForStrategy(strategy);
  }

  async function setTheme(theme: string, bodyClass: string): Promise<void> {
    await wb.runCommand('Preferences: Color Theme');
    const input = wb.page.locator('.quick-input-widget input');
    await input.fill(theme);
    await quickPickRow(theme).waitFor({ timeout: 15_000 });
    await wb.page.keyboard.press('Enter');
    await view.locator(`body.${bodyClass}`).waitFor({ timeout: 15_000 });
    await wb.page.waitForTimeout(300); // let the components repaint with the new variables
  }

  before(async function () {
    if (!workspace) this.skip();
    fs.copyFileSync(path.join(root, 'test', 'fixtures', 'markup-name.preset.json'), hostileFile);
    wb = await Workbench.open();
    wb.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    wb.page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    view = wb.webview();
    await wb.openViewContainer('Presets');
    await wb.treeRows([HOSTILE, 'Fast Decode']);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    await wb?.screenshot(`failed-${slug(this.currentTest.title)}`).catch(() => {});
    // Leave no prompt open for the next test.
    await wb?.page.keyboard.press('Escape').catch(() => {});
  });

  after(async () => {
    // Leave no editor behind: the next suite's window would restore the panel.
    await wb?.runCommand('View: Close All Editors').catch(() => {});
    await wb?.close();
    for (const file of [hostileFile, liveFile]) fs.rmSync(file, { force: true });
  });

  it('opens from the palette and shows each value with the presets it came from', async () => {
    await mergeFromPalette(['High Throughput', 'Memory Efficient'], 'union');
    await wb.page.locator('.tabs-container .tab', { hasText: 'Merge Preview' }).first().waitFor({ timeout: 30_000 });
    await waitForChips(['High Throughput', 'Memory Efficient']);
    await waitForStrategy('union');
    const presets = [systemPreset('High Throughput'), systemPreset('Memory Efficient')];
    await waitForTable(expectedTable(presets, 'union').rows, 'union table');
    assert.deepEqual(await readConflicts(view), []);
    assert.equal(await view.locator('.run-count').textContent(), `${mergePresets(presets, 'union').grid_size} runs`);
    assert.equal(
      await view
        .locator('.chips .chip .chip-index')
        .allTextContents()
        .then((t) => t.join(',')),
      '1,2',
    );
    await wb.screenshot('30-merge-preview-union');
  });

  it('switches strategy and shows the table and conflicts of each', async () => {
    const presets = [systemPreset('High Throughput'), systemPreset('Memory Efficient')];
    for (const strategy of ['intersection', 'last_wins', 'union'] as const) {
      await view.locator(`vscode-radio[data-strategy="${strategy}"]`).click();
      await waitForStrategy(strategy);
      const expected = expectedTable(presets, strategy);
      if (strategy === 'intersection') {
        // Parameters the intersection drops stay visible as rows, flagged "left out".
        await view.locator('tr.dropped').first().waitFor({ timeout: 15_000 });
        const rows = await readTable(view);
        assert.deepEqual(
          rows.filter((row) => row.status === 'kept'),
          expected.rows,
        );
        const dropped = rows.filter((row) => row.status === 'dropped').map((row) => row.parameter);
        assert.deepEqual(dropped, expected.dropped);
      } else {
        await waitForTable(expected.rows, `${strategy} table`);
      }
      assert.deepEqual(await readConflicts(view), expected.conflicts, `${strategy} conflicts`);
      // Rows a conflict affects are highlighted and badged.
      for (const [kind, parameters] of expected.conflicts) {
        for (const parameter of parameters.split(', ')) {
          const row = view.locator(`tr[data-parameter="${parameter}"]`);
          assert.match((await row.getAttribute('class')) ?? '', new RegExp(`conflict-${kind}`));
        }
      }
      if (strategy === 'intersection') {
        // These two share no value for any parameter they both define: the page says so, not "1 run".
        assert.equal(await view.locator('.run-count').textContent(), 'Nothing to run');
        assert.equal(
          await view.locator('.nothing-to-run').textContent(),
          'No parameter is shared by every preset with a value they all allow: nothing to run.',
        );
      }
      if (strategy === 'last_wins') {
        const replaced = await view.locator('.conflict .detail.replaced').first().innerText();
        assert.match(
          replaced,
          /\[2, 4\] from\s*1\s*High Throughput\s*→ replaced by\s*\[1\] from\s*2\s*Memory Efficient/,
        );
      }
    }
  });

  it('reorders by drag and by keyboard, and the merge follows', async () => {
    await view.locator('vscode-radio[data-strategy="last_wins"]').click();
    await waitForStrategy('last_wins');
    const [high, memory] = [systemPreset('High Throughput'), systemPreset('Memory Efficient')];

    await view
      .locator('.chips .chip')
      .nth(1)
      .dragTo(view.locator('.chips .chip').nth(0), { targetPosition: { x: 5, y: 5 } });
    await waitForChips(['Memory Efficient', 'High Throughput']);
    await waitForTable(expectedTable([memory, high], 'last_wins').rows, 'after dragging');
    assert.deepEqual(await readConflicts(view), expectedTable([memory, high], 'last_wins').conflicts);

    await view.locator('.chips .chip .chip-main').nth(0).focus();
    await wb.page.keyboard.press('Alt+ArrowRight');
    await waitForChips(['High Throughput', 'Memory Efficient']);
    await waitForTable(expectedTable([high, memory], 'last_wins').rows, 'after Alt+Right');
    // The keyboard stays on the moved preset.
    assert.equal(await view.locator('.chip-main:focus .chip-name').textContent(), 'Memory Efficient');

    await view.locator('.chips .chip').nth(0).getByRole('button', { name: 'Move "High Throughput" later' }).click();
    await waitForChips(['Memory Efficient', 'High Throughput']);
    await view.locator('.chips .chip').nth(0).getByRole('button', { name: 'Move "Memory Efficient" later' }).click();
    await waitForChips(['High Throughput', 'Memory Efficient']);
  });

  it('adds presets with the panel’s Add button, at the end in the order picked', async () => {
    await view.locator('#add').click();
    await wb.page.locator('.quick-input-widget', { hasText: 'Add to the merge' }).first().waitFor({ timeout: 15_000 });
    await pickPresets(['Low Latency', 'Balanced']);
    await waitForChips(['High Throughput', 'Memory Efficient', 'Low Latency', 'Balanced']);
    const presets = ['High Throughput', 'Memory Efficient', 'Low Latency', 'Balanced'].map(systemPreset);
    await waitForTable(expectedTable(presets, 'last_wins').rows, 'after adding two presets');
  });

  it('follows a selected preset file: edited, made invalid (flagged, left out), fixed', async () => {
    fs.writeFileSync(liveFile, JSON.stringify({ name: 'Live E2E', parameters: { 'tp-size': [1] } }, null, 2));
    await wb.runCommand('View: Show Presets');
    await expandCategory('Uncategorized');
    await wb.treeRows(['Live E2E']);
    await mergeFromPalette(['Live E2E', 'Fast Decode'], 'union');
    await waitForChips(['Live E2E', 'Fast Decode']);
    const tpSize = () => view.locator('tr[data-parameter="tp-size"] code.v').allTextContents();
    assert.deepEqual(await tpSize(), ['1', '2']);

    fs.writeFileSync(liveFile, JSON.stringify({ name: 'Live E2E', parameters: { 'tp-size': [8] } }, null, 2));
    await view.locator('tr[data-parameter="tp-size"] code.v', { hasText: '8' }).waitFor({ timeout: 15_000 });
    assert.deepEqual(await tpSize(), ['8', '1', '2']);

    fs.writeFileSync(liveFile, '{ "name": "Live E2E", "parameters": { "tp-size": 8 } }');
    const flagged = view.locator('.chip.status-invalid');
    await flagged.waitFor({ timeout: 15_000 });
    assert.equal(await flagged.locator('.chip-name').textContent(), 'Live E2E');
    assert.match(
      await view.locator('.notices').innerText(),
      /"Live E2E" is left out of the merge: (\S+\/)?presets\/live-e2e\.preset\.json, line 1: parameters\.tp-size: expected a non-empty list of values, got a number/,
    );
    assert.deepEqual(await tpSize(), ['1', '2']);
    await wb.screenshot('31-merge-preview-invalid-preset');

    fs.writeFileSync(liveFile, JSON.stringify({ name: 'Live E2E', parameters: { 'tp-size': [16] } }, null, 2));
    await view.locator('tr[data-parameter="tp-size"] code.v', { hasText: '16' }).waitFor({ timeout: 15_000 });
    assert.equal(await view.locator('.chip.status-invalid').count(), 0);
  });

  it('opens from the tree selection', async () => {
    await wb.runCommand('View: Show Presets');
    await expandCategory('latency');
    await expandCategory('Uncategorized');
    await treeRow('Fast Decode').click();
    await treeRow('Commented').click({ modifiers: ['Control'] });
    await treeRow('Commented').click({ button: 'right' });
    const menu = wb.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 15_000 });
    // The menu lays itself out just after it shows; a click during that can miss: try again while it stays.
    for (let attempt = 1; await menu.isVisible(); attempt++) {
      if (attempt > 3) assert.fail('the context menu did not take the click on "Merge Presets…"');
      await wb.page.waitForTimeout(300);
      await menu
        .locator('.action-label', { hasText: 'Merge Presets…' })
        .first()
        .click()
        .catch(() => undefined);
      await menu.waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
    }
    await waitForChips(['Fast Decode', 'Commented']);
    await waitForStrategy('union');
    assert.equal(
      await wb.page.locator('.tabs-container .tab', { hasText: 'Merge Preview' }).count(),
      1,
      'the one panel is reused',
    );
    const fast = analyzePresetText(
      fs.readFileSync(path.join(workspace, 'presets', 'fast-decode.preset.json'), 'utf8'),
    ).preset!;
    const commented = analyzePresetText(
      fs.readFileSync(path.join(workspace, 'presets', 'commented.preset.json'), 'utf8'),
    ).preset!;
    await waitForTable(expectedTable([fast, commented], 'union').rows, 'tree selection merge');
  });

  it('saves the merge as a new preset file holding exactly the merged parameters', async () => {
    await view.locator('vscode-radio[data-strategy="last_wins"]').click();
    await waitForStrategy('last_wins');
    await view.locator('#save').click();
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await input.inputValue(), 'Fast Decode + Commented (last_wins)', 'a name is suggested');
    await input.fill('Saved From Preview');
    await wb.page.keyboard.press('Enter');
    // Then a category, so the preset does not land in Uncategorized: the categories in use are offered.
    await wb.page.locator('.quick-input-widget', { hasText: 'category' }).first().waitFor({ timeout: 15_000 });
    await quickPickRow('latency').waitFor({ timeout: 15_000 });
    await input.fill('latency');
    await wb.page.keyboard.press('Enter');
    await wb.notification(/Saved the merge as "Saved From Preview"/);
    const file = path.join(workspace, 'presets', 'saved-from-preview.preset.json');
    try {
      const written = JSON.parse(fs.readFileSync(file, 'utf8'));
      const fast = analyzePresetText(
        fs.readFileSync(path.join(workspace, 'presets', 'fast-decode.preset.json'), 'utf8'),
      ).preset!;
      const commented = analyzePresetText(
        fs.readFileSync(path.join(workspace, 'presets', 'commented.preset.json'), 'utf8'),
      ).preset!;
      assert.equal(written.name, 'Saved From Preview');
      assert.equal(written.category, 'latency');
      assert.equal(written.description, 'Merged from Fast Decode, Commented (last_wins)');
      assert.deepEqual(written.parameters, mergePresets([fast, commented], 'last_wins').parameters);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('shows a preset named like markup as text, and runs none of it', async () => {
    await mergeFromPalette([HOSTILE, 'Fast Decode'], 'union');
    await waitForChips([HOSTILE, 'Fast Decode']);
    assert.equal(await view.locator('.chip-name').first().textContent(), HOSTILE);
    assert.equal(await view.locator('code.parameter', { hasText: '<svg onload=alert(2)>' }).count(), 1);
    assert.deepEqual(await view.locator('tr[data-parameter="<svg onload=alert(2)>"] code.v').allTextContents(), [
      '"<i>not italic</i>"',
      '"\\"quoted\\""',
    ]);
    // No element was made from the markup (looking at the page's own DOM, not the components' shadow roots), and no script ran.
    assert.equal(
      await view.locator('#app').evaluate((app) => app.querySelectorAll('img, svg, script, i, b').length),
      0,
    );
    assert.deepEqual(dialogs, []);
    await wb.screenshot('32-merge-preview-hostile-name');
  });

  it('shows an intersection plainly: alike conflicts on one card, one readable marking per left-out row', async () => {
    await mergeFromPalette(['Balanced', 'SGLang Performance Tuning'], 'intersection');
    const presets = [systemPreset('Balanced'), systemPreset('SGLang Performance Tuning')];
    const expected = expectedTable(presets, 'intersection');
    await view.locator('tr.dropped').first().waitFor({ timeout: 15_000 });
    const rows = await readTable(view);
    assert.deepEqual(
      rows.filter((row) => row.status === 'kept'),
      expected.rows,
    );
    // Twenty-five parameters Balanced lacks: one card names them all, not twenty-five cards.
    const conflicts = await readConflicts(view);
    assert.deepEqual(conflicts, expected.conflicts);
    assert.equal(conflicts.length, 1);
    assert.match(conflicts[0][2], /^25 parameters missing from Balanced; /);
    assert.equal(await view.locator('.conflict-group h3').innerText(), 'Not defined by every preset (25)');

    const dropped = await view.locator('tr.dropped').evaluateAll((trs) =>
      trs.map((tr) => {
        const name = tr.querySelector('code.parameter') as HTMLElement;
        return {
          badges: Array.from(tr.querySelectorAll('.badge')).map((badge) => badge.textContent),
          decoration: getComputedStyle(name).textDecorationLine,
          opacity: getComputedStyle(tr.querySelector('.values')!).opacity,
        };
      }),
    );
    assert.equal(dropped.length, 25);
    for (const row of dropped)
      assert.deepEqual(row, { badges: ['left out: not in every preset'], decoration: 'none', opacity: '1' });
    await wb.screenshot('33-merge-preview-intersection');
    await view.locator('.conflict-group').scrollIntoViewIfNeeded();
    await wb.screenshot('34-merge-preview-grouped-conflict');
    // The left-out marking in the other themes, to judge its contrast.
    const initial = (await wb.page.locator('.monaco-workbench.vs').count()) > 0 ? 'Light Modern' : 'Dark Modern';
    for (const [theme, bodyClass] of [
      ['Dark Modern', 'vscode-dark'],
      ['Dark High Contrast', 'vscode-high-contrast'],
      [initial, initial === 'Light Modern' ? 'vscode-light' : 'vscode-dark'],
    ]) {
      await setTheme(theme, bodyClass);
      if (theme !== initial) await wb.screenshot(`33-merge-preview-intersection-${bodyClass}`);
    }

    // Copy JSON confirms beside the button, not only in the status bar.
    await view.locator('#copy-parameters').click();
    await view
      .locator('#action-status', { hasText: 'Copied the merged parameters as JSON.' })
      .waitFor({ timeout: 15_000 });
  });

  it('comes back after a window reload with the same presets and strategy', async () => {
    await mergeFromPalette(['High Throughput', 'Memory Efficient', 'Low Latency'], 'last_wins');
    await waitForChips(['High Throughput', 'Memory Efficient', 'Low Latency']);
    await wb.runCommand('Developer: Reload Window');
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await waitForChips(['High Throughput', 'Memory Efficient', 'Low Latency']);
    await waitForStrategy('last_wins');
  });

  it('looks right in light, dark and high-contrast themes (README screenshots)', async () => {
    await wb.page.setViewportSize({ width: 1280, height: 860 });
    await wb.runCommand('View: Close Primary Side Bar').catch(() => undefined);
    const panel = wb.page.locator('iframe.webview.ready');
    // Themes are a user setting of the shared session: put the one found back for the suites that follow.
    const initial =
      (await wb.page.locator('.monaco-workbench.vs').count()) > 0
        ? (['Light Modern', 'vscode-light'] as const)
        : (['Dark Modern', 'vscode-dark'] as const);
    const shots: [string, string, string][] = [
      ['Light Modern', 'vscode-light', 'merge-preview-light'],
      ['Dark Modern', 'vscode-dark', 'merge-preview-dark'],
      ['Dark High Contrast', 'vscode-high-contrast', 'merge-preview-high-contrast'],
    ];
    for (const [theme, bodyClass, name] of shots) {
      await setTheme(theme, bodyClass);
      await view.locator('body').evaluate(() => window.scrollTo(0, 0));
      await panel.screenshot({ path: path.join(wb.screenshotsDir, `${name}.png`) });
    }
    await setTheme(initial[0], initial[1]);
    await wb.runCommand('View: Show Explorer');
    assert.deepEqual(cspViolations, [], 'the page breaks none of its Content Security Policy');
  });

  it('fits a narrow panel, as beside a task, without scrolling sideways (README screenshot)', async () => {
    await wb.runCommand('View: Close Primary Side Bar').catch(() => undefined);
    const panel = wb.page.locator('iframe.webview.ready');
    const layout = () =>
      view.locator('html').evaluate((html) => ({
        width: html.clientWidth,
        overflow: html.scrollWidth - html.clientWidth,
        // Anything laid out past the right edge, even where an ancestor clips it.
        outside: Array.from(document.querySelectorAll('#app *'))
          .filter((element) => element.getBoundingClientRect().right > html.clientWidth + 0.5)
          .map((element) => element.className || element.tagName),
      }));
    // About half of a laptop's window, as when Apply to Task opens the task beside the preview; then narrower.
    for (const [windowWidth, widest] of [
      [600, 560],
      [410, 380],
    ]) {
      await wb.page.setViewportSize({ width: windowWidth, height: 860 });
      for (const strategy of ['last_wins', 'intersection'] as const) {
        await view.locator(`vscode-radio[data-strategy="${strategy}"]`).click();
        await waitForStrategy(strategy);
        await wb.page.waitForTimeout(300); // the layout settles after the re-render
        const seen = await layout();
        assert.ok(seen.width <= widest, `the panel is ${seen.width} px wide`);
        assert.deepEqual(
          { overflow: seen.overflow, outside: seen.outside.slice(0, 5) },
          { overflow: 0, outside: [] },
          `${strategy} at ${seen.width} px`,
        );
      }
      await view.locator('tr.dropped').first().scrollIntoViewIfNeeded();
      await panel.screenshot({ path: path.join(wb.screenshotsDir, `35-narrow-${windowWidth}-intersection.png`) });
      await view.locator('vscode-radio[data-strategy="last_wins"]').click();
      await waitForStrategy('last_wins');
      await view.locator('body').evaluate(() => window.scrollTo(0, 0));
      await panel.screenshot({ path: path.join(wb.screenshotsDir, `merge-preview-narrow-${windowWidth}.png`) });
    }
    await wb.page.setViewportSize({ width: 1280, height: 860 });
    await wb.runCommand('View: Show Explorer');
  });
});
