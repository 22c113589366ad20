// End to end: runtime flag completion and hover in a real preset editor, with the packaged extension.
// The screenshots are the README's (docs/images/flag-completion.png and flag-hover.png).
import * as assert from 'node:assert/strict';
import { Workbench, slug } from './workbench';

describe('runtime flags in a preset editor (end to end)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await wb?.screenshot(`failed-${slug(this.currentTest.title)}`).catch(() => {});
  });

  after(async () => {
    await wb?.close();
  });

  it('suggests SGLang flags with their type and default while typing inside parameters', async () => {
    await wb.openFile('presets/fast-decode.preset.json');
    const editor = wb.page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-line', { hasText: 'schedule-policy' }).first().click();
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.type(',');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type('"mem');
    await wb.page.keyboard.press('Control+Space');
    const suggestion = wb.page.locator('.suggest-widget .monaco-list-row', { hasText: 'mem-fraction-static' }).first();
    await suggestion.waitFor({ timeout: 30_000 });
    // The focused row's details (type and default) show beside it: open them for the picture.
    await wb.page.keyboard.press('Control+Space');
    await wb.page.waitForTimeout(800);
    const rows = await wb.page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
    assert.ok(
      rows.some((row) => /mem-fraction-static/.test(row)),
      `suggestions: ${JSON.stringify(rows)}`,
    );
    assert.ok(!rows.some((row) => /gpu-memory-utilization/.test(row)), 'no vLLM flag in an SGLang preset');
    await wb.screenshot('flag-completion');
    await wb.page.keyboard.press('Escape');
  });

  it("shows a flag's facts on hover over its key", async () => {
    const editor = wb.page.locator('.editor-instance .monaco-editor').first();
    const key = editor.locator('.view-line span', { hasText: 'schedule-policy' }).first();
    await key.hover();
    const hover = wb.page.locator('.monaco-hover', { hasText: '--schedule-policy' }).first();
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await hover.innerText();
    assert.match(text, /SGLang 0\.5\.2/);
    assert.match(text, /choices/);
    assert.match(text, /SGLang server arguments/);
    await wb.screenshot('flag-hover');
  });
});
