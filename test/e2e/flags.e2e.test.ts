// End to end: runtime flag completion and hover in a real preset editor, with the packaged extension.
// The screenshots are the README's (docs/images/flag-completion.png and flag-hover.png).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbench, slug } from './workbench';

// A file of this suite's own, in the session's copy of the fixture: the typing below may be saved, and the
// other suites count and read the fixture's presets.
const DEMO = 'presets/flag-demo.preset.json';
const DEMO_TEXT = `{
  "name": "Flag Demo",
  "runtime": "sglang",
  "parameters": {
    "tp-size": [1, 2],
    "schedule-policy": ["lpm", "fcfs"]
  }
}
`;

describe('runtime flags in a preset editor (end to end)', () => {
  let wb: Workbench;

  const demoFile = (): string => path.join(process.env.E2E_WORKSPACE ?? '', DEMO);

  before(async () => {
    fs.writeFileSync(demoFile(), DEMO_TEXT);
    wb = await Workbench.open();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await wb?.screenshot(`failed-${slug(this.currentTest.title)}`).catch(() => {});
  });

  after(async () => {
    await wb?.runCommand('View: Revert and Close Editor').catch(() => {});
    await wb?.close();
    fs.rmSync(demoFile(), { force: true });
  });

  it('suggests SGLang flags with their type and default while typing inside parameters', async () => {
    await wb.openFile(DEMO);
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
    await wb.runCommand('File: Revert File');
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
