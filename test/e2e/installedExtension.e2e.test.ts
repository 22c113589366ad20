// End to end: the packaged .vsix installed into code-server, the workbench driven in headless Chromium.
import * as assert from 'node:assert/strict';
import { Workbench, slug } from './workbench';

describe('workbench with the packaged extension installed (end to end)', () => {
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

  it('loads the workbench on the fixture workspace', async () => {
    const rows = await wb.page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts();
    assert.ok(
      rows.some((row) => row.includes('presets')),
      `explorer rows: ${JSON.stringify(rows)}`,
    );
    await wb.screenshot('01-workbench');
  });

  it('lists Parameter Presets among the installed extensions', async () => {
    await wb.runCommand('Extensions: Show Installed Extensions');
    const row = wb.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Parameter Presets' }).first();
    await row.waitFor({ timeout: 30_000 });
    assert.match(await row.innerText(), /inference-autotuner|Parameter Presets/);
    await wb.screenshot('02-installed-extensions');
  });

  it('opens a broken preset and shows the warning from the packaged schema', async () => {
    await wb.openFile('presets/broken.preset.json');
    const problems = await wb.problems();
    assert.ok(
      problems.some((row) => /Incorrect type\. Expected "array"/.test(row)),
      `problems: ${JSON.stringify(problems)}`,
    );
    await wb.screenshot('03-preset-with-schema-warning');
  });

  it('runs the extension from the .vsix: it is listed among the activated extensions', async () => {
    await wb.runCommand('Developer: Show Running Extensions');
    const row = wb.page
      .locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Parameter Presets' })
      .first();
    await row.waitFor({ timeout: 30_000 });
    const text = await row.innerText();
    assert.match(text, /Activation: \d+(\.\d+)?\s*ms/, `running extensions row: ${JSON.stringify(text)}`);
    await wb.screenshot('04-running-extensions');
  });
});
