// End to end: the sidebar tree, its rows and menus, palette commands and the Problems panel, driven
// in the real workbench with the packaged extension.
import * as assert from 'node:assert/strict';
import { Workbench, slug } from './workbench';

describe('Parameter Presets sidebar (end to end)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open();
    await wb.openViewContainer('Presets');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await wb?.screenshot(`failed-${slug(this.currentTest.title)}`).catch(() => {});
  });

  after(async () => {
    await wb?.close();
  });

  // Clicking the activity-bar entry of the open container would close the side bar: show it by command.
  const showPresets = () => wb.runCommand('View: Show Presets');
  const row = (text: string) => wb.page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: text }).first();

  it('shows System and Workspace groups with the six system presets and the workspace presets', async () => {
    const rows = await wb.treeRows([
      'System',
      'Balanced',
      'SGLang Performance Tuning',
      'vLLM Performance Tuning',
      'Workspace',
      'Fast Decode',
      'Commented',
      'Broken',
    ]);
    for (const name of [
      'Memory Efficient',
      'High Throughput',
      'Low Latency',
      'Balanced',
      'SGLang Performance Tuning',
      'vLLM Performance Tuning',
    ]) {
      assert.ok(
        rows.some((text) => text.includes(name)),
        `no row for ${name}: ${JSON.stringify(rows)}`,
      );
    }
    assert.match(await row('Fast Decode').innerText(), /4 runs · 2 params · sglang/);
    // The side bar's title is shown whole at the default width, not cut to "Parameter Prese…".
    const title = wb.page.locator('.part.sidebar .composite.title .title-label h2').first();
    assert.equal((await title.innerText()).toLowerCase(), 'presets');
    assert.ok(
      await title.evaluate((element) => element.scrollWidth <= element.clientWidth),
      'the side bar title is not cut',
    );
    await wb.screenshot('10-tree');
  });

  it('marks the broken file as invalid in its row and reports it in the Problems panel', async () => {
    assert.match(
      await row('Broken').innerText(),
      /invalid — parameters\.tp-size: expected a non-empty list of values, got a number/,
    );
    const problems = await wb.problems();
    assert.ok(
      problems.some(
        (text) =>
          text.includes('parameters.tp-size: expected a non-empty list of values, got a number') &&
          /Ln 5, Col 16/.test(text),
      ),
      `problems: ${JSON.stringify(problems)}`,
    );
    await wb.screenshot('11-problems');
  });

  it('opens a system preset read-only from its row', async () => {
    await showPresets();
    await row('Low Latency').click();
    const tab = wb.page.locator('.tabs-container .tab', { hasText: 'Low Latency.preset.json' }).first();
    await tab.waitFor({ timeout: 30_000 });
    // Typing into it changes nothing: VS Code says why.
    await wb.page.locator('.monaco-editor .view-lines').first().click();
    await wb.page.keyboard.type('typed text');
    await wb.page
      .locator('.monaco-editor-overlaymessage', { hasText: 'read-only' })
      .first()
      .waitFor({ timeout: 15_000 });
    assert.doesNotMatch(await wb.page.locator('.monaco-editor .view-lines').first().innerText(), /typed text/);
    await wb.screenshot('12-system-preset-read-only');
  });

  it('filters the tree from the palette and clears the filter', async () => {
    await showPresets();
    await wb.runCommand('Presets: Filter Presets…');
    const input = wb.page.locator('.quick-input-widget input');
    await input.fill('runtime:vllm');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.part.sidebar', { hasText: 'Filter: runtime:vllm' }).first().waitFor({ timeout: 15_000 });
    const rows = await wb.treeRows(['vLLM Performance Tuning']);
    assert.ok(!rows.some((text) => text.includes('Balanced')), `filtered rows: ${JSON.stringify(rows)}`);
    await wb.screenshot('13-filtered');
    await wb.runCommand('Presets: Clear Filter');
    await wb.treeRows(['Balanced']);
  });

  it('offers the preset actions in a row’s context menu', async () => {
    await row('Fast Decode').click({ button: 'right' });
    const menu = wb.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 15_000 });
    const items = await menu.locator('.action-label').allInnerTexts();
    for (const action of [
      'Merge Presets…',
      'Duplicate to Workspace…',
      'Rename Preset…',
      'Delete Preset',
      'Export Preset…',
      'Reveal in Explorer',
      'Convert to vLLM…',
    ]) {
      assert.ok(
        items.some((item) => item.includes(action)),
        `context menu: ${JSON.stringify(items)}`,
      );
    }
    assert.ok(!items.some((item) => item.includes('Convert to SGLang…')), 'an SGLang preset converts to vLLM only');
    await wb.screenshot('14-context-menu');
    await wb.page.keyboard.press('Escape');

    await row('Balanced').click({ button: 'right' });
    await menu.waitFor({ timeout: 15_000 });
    const systemItems = await menu.locator('.action-label').allInnerTexts();
    assert.ok(systemItems.some((item) => item.includes('Duplicate to Workspace…')));
    assert.ok(
      !systemItems.some((item) => item.includes('Delete Preset') || item.includes('Rename Preset')),
      `a system preset offers no delete or rename: ${JSON.stringify(systemItems)}`,
    );
    await wb.page.keyboard.press('Escape');
  });

  it('creates a preset with the New Preset wizard and opens it', async () => {
    await wb.runCommand('Presets: New Preset…');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('Balanced');
    await wb.page
      .locator('.quick-input-widget', { hasText: 'A preset named "Balanced" already exists.' })
      .first()
      .waitFor({ timeout: 15_000 });
    await input.fill('Wizard Made');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-widget', { hasText: 'description' }).first().waitFor({ timeout: 15_000 });
    await input.fill('Made by the end-to-end test');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-widget', { hasText: 'category' }).first().waitFor({ timeout: 15_000 });
    await input.fill('latency');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-widget', { hasText: 'runtime' }).first().waitFor({ timeout: 15_000 });
    await input.fill('sglang');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-widget', { hasText: 'start from' }).first().waitFor({ timeout: 15_000 });
    await input.fill('example');
    await wb.page.keyboard.press('Enter');
    await wb.page
      .locator('.tabs-container .tab', { hasText: 'wizard-made.preset.json' })
      .first()
      .waitFor({ timeout: 30_000 });
    await showPresets();
    await wb.treeRows(['Wizard Made']);
    // The new preset is revealed and selected, so the user sees where it went.
    await wb.page
      .locator('.part.sidebar .pane-body .monaco-list-row.selected', { hasText: 'Wizard Made' })
      .first()
      .waitFor({ timeout: 15_000 });
    await wb.screenshot('15-new-preset');
  });

  it('Merge Presets… from the palette starts with nothing picked, though a tree row is selected', async () => {
    await showPresets();
    await row('Fast Decode').click();
    await wb.page
      .locator('.part.sidebar .pane-body .monaco-list-row.selected', { hasText: 'Fast Decode' })
      .first()
      .waitFor({ timeout: 15_000 });
    await wb.runCommand('Presets: Merge Presets…');
    const widget = wb.page.locator('.quick-input-widget', { hasText: 'Merge Presets' }).first();
    await widget.waitFor({ timeout: 15_000 });
    const fastDecode = widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Fast Decode' }).first();
    await fastDecode.waitFor({ timeout: 15_000 });
    const checked = widget.locator(
      '.quick-input-list .monaco-checkbox.checked, .quick-input-list [aria-checked="true"]',
    );
    assert.equal(await checked.count(), 0, 'no preset starts picked');
    assert.doesNotMatch(await widget.locator('.quick-input-title').innerText(), /merge order/);
    await wb.screenshot('16-merge-from-palette');
    // The check above can fail: a click picks the row, and the title shows the merge order.
    await wb.page.waitForTimeout(300);
    // In a fresh profile the picker has been seen to close by itself before this click: open it again then.
    for (let attempt = 1; ; attempt++) {
      try {
        await fastDecode.locator('.monaco-checkbox').first().click({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await wb.page.keyboard.press('Escape');
        await wb.runCommand('Presets: Merge Presets…');
      }
    }
    await widget.locator('.quick-input-title', { hasText: '1. Fast Decode' }).waitFor({ timeout: 15_000 });
    await wb.page.keyboard.press('Escape');
  });
});
