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

  it("opens a broken preset: one message for its problem, the extension's precise one, not the schema's", async () => {
    await wb.openFile('presets/broken.preset.json');
    const precise = /parameters\.tp-size: expected a non-empty list of values, got a number/;
    let problems = await wb.problems(2);
    for (let tries = 0; tries < 30 && !problems.some((row) => precise.test(row)); tries++) {
      await wb.page.waitForTimeout(500);
      problems = await wb.problems(2);
    }
    assert.ok(
      problems.some((row) => precise.test(row)),
      `problems: ${JSON.stringify(problems)}`,
    );
    // The JSON language service validates the open file against the packaged schema on its own: give it time.
    await wb.page.waitForTimeout(2000);
    problems = await wb.problems(2);
    assert.ok(
      !problems.some((row) => /Incorrect type|Trailing comma/.test(row)),
      `the schema checks nothing itself: ${JSON.stringify(problems)}`,
    );
    await wb.screenshot('03-preset-with-one-message');
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
