// End to end: the Merge Preview's Runs section in the real workbench with the packaged extension. A
// 24-run SGLang preset, one of whose values SGLang refuses, is merged from the tree: the section shows the
// total, GPUs per run, the first command line as the core builds it, the failing runs marked, Copy, Show
// more; then a task is chosen in the section and its model, image tag, cut, time bound and the count union
// mode would leave (its own values too) appear. The narrow layout does not scroll sideways. Screenshots: the
// README's picture comes from here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { gridRuns } from '../../src/core/runtime/runs';
import { shellCommand } from '../../src/core/shellQuote';
import { Workbench, slug } from './workbench';

const PRESET = {
  name: 'Runs E2E',
  category: 'e2e runs',
  runtime: 'sglang',
  parameters: {
    'tp-size': [1, 2, 4],
    'schedule-policy': ['bogus', 'fcfs'],
    'mem-fraction-static': [0.8, 0.85],
    'chunked-prefill-size': [2048, 4096],
  },
};

const TASK = {
  task_name: 'runs-e2e-task',
  base_runtime: 'sglang',
  runtime_image_tag: 'v0.5.2-cu126',
  model: { id_or_path: 'Qwen/Qwen2.5-0.5B-Instruct' },
  // Its own 8 is one more tp-size than the merge has: Apply's union mode would try 32 runs, not 24.
  parameters: { 'tp-size': [1, 8] },
  optimization: { strategy: 'grid_search', max_iterations: 2, timeout_per_iteration: 7200 },
};

describe('Merge Preview: the Runs section (end to end)', () => {
  let wb: Workbench;
  let view: FrameLocator;
  const workspace = process.env.E2E_WORKSPACE ?? '';
  const presetFile = path.join(workspace, 'presets', 'runs-e2e.preset.json');
  const taskFile = path.join(workspace, 'runs-e2e.task.json');
  const quickPickRow = (text: string) =>
    wb.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  const text = (selector: string) => view.locator(selector).first().innerText({ timeout: 30_000 });

  before(async function () {
    if (!workspace) this.skip();
    fs.writeFileSync(presetFile, JSON.stringify(PRESET, null, 2) + '\n');
    fs.writeFileSync(taskFile, JSON.stringify(TASK, null, 2) + '\n');
    wb = await Workbench.open();
    view = wb.webview();
    await wb.openViewContainer('Presets');
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    await wb?.screenshot(`failed-${slug(this.currentTest.title)}`).catch(() => {});
    await wb?.page.keyboard.press('Escape').catch(() => {});
  });

  after(async () => {
    await wb?.runCommand('View: Close All Editors').catch(() => {});
    await wb?.close();
    for (const file of [presetFile, taskFile]) fs.rmSync(file, { force: true });
  });

  it('shows the total, GPUs, command lines and the runs that would fail at launch', async () => {
    // From the palette: a tree row's menu can lose its row when the tree refreshes while the menu is open.
    await wb.runCommand('Presets: Merge Presets…');
    const widget = wb.page.locator('.quick-input-widget', { hasText: 'Merge Presets' }).first();
    await widget.waitFor({ timeout: 15_000 });
    await wb.page.locator('.quick-input-widget input').fill('Runs E2E');
    await quickPickRow('Runs E2E').waitFor({ timeout: 15_000 });
    await wb.page.waitForTimeout(300);
    const picked = widget.locator('.quick-input-title', { hasText: '1. Runs E2E' });
    for (let attempt = 1; !(await picked.count()); attempt++) {
      if (attempt > 3) assert.fail('could not pick Runs E2E');
      await quickPickRow('Runs E2E').locator('.monaco-checkbox').first().click();
      await picked.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await widget.locator('.monaco-button', { hasText: 'OK' }).first().click();
    await wb.page.locator('.quick-input-widget', { hasText: 'Merge strategy' }).first().waitFor({ timeout: 15_000 });
    await quickPickRow('union').click();

    assert.equal(await text('.runs-total'), '24 runs');
    assert.match(await text('.runs-gpus'), /1–4 GPUs per run/);
    assert.match(await text('.runs-checked'), /Checked against SGLang 0\.5\.2/);
    const expected = gridRuns(PRESET.parameters, { runtime: 'sglang' });
    assert.equal(await text('.run-list .run .command'), shellCommand(expected.runAt(0).command));
    assert.equal(await view.locator('.run-list .run').count(), 20, 'the first batch');

    assert.equal(await text('.runs-failing'), '⚠ 12 of 24 runs would fail at launch (the first is run 1).');
    const failing = await view
      .locator('.run-list .run.failing')
      .evaluateAll((runs) => runs.map((run) => Number(run.getAttribute('data-run'))));
    assert.deepEqual(
      failing,
      [...expected.runs(0, 20)].filter((run) => run.parameters['schedule-policy'] === 'bogus').map((run) => run.index),
    );
    assert.match(await text('.run.failing .run-problems'), /parameters\.schedule-policy\[0\]: .*bogus/);

    await view.locator('.run-list .run .copy').first().click();
    await view.locator('#action-status', { hasText: 'Copied the command line of run 1.' }).waitFor({ timeout: 15_000 });

    await view.locator('.runs-more').click();
    await view.locator('.run-list .run').nth(23).waitFor({ timeout: 15_000 });
    assert.equal(await view.locator('.run-list .run').count(), 24);
    assert.equal(await view.locator('.runs-more').count(), 0, 'no more runs to show');
  });

  it("shows the chosen task's model, image tag, cut, time bound and union count", async () => {
    await view.locator('[data-focus="runs:task"]').click();
    await quickPickRow('runs-e2e-task').waitFor({ timeout: 30_000 });
    await wb.page.waitForTimeout(300);
    await quickPickRow('runs-e2e-task').click();
    await view.locator('.task-cut').waitFor({ timeout: 30_000 });
    assert.equal(await text('.task-cut'), '24 runs; the task stops after 2 (max_iterations), in at most 4 h');
    assert.equal(await text('.task-model'), 'Qwen/Qwen2.5-0.5B-Instruct');
    assert.equal(await text('.task-image'), 'v0.5.2-cu126');
    assert.equal(await text('.task-time'), '2 runs × 7,200 s (timeout_per_iteration) = 4 h at most.');
    assert.equal(
      await text('.task-union-cut'),
      "With the task's own values: 32 runs; the task stops after 2 (max_iterations), in at most 4 h",
    );
    assert.match(await text('.run-list .run .command'), /--model-path Qwen\/Qwen2\.5-0\.5B-Instruct /);
    assert.match(await text('.run-list .run:nth-child(3) .run-untried'), /not tried: past max_iterations/);

    await view.locator('.runs-section').scrollIntoViewIfNeeded();
    await view.locator('#runs-heading').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await wb.page.waitForTimeout(300);
    const panel = wb.page.locator('iframe.webview.ready');
    await panel.screenshot({ path: path.join(wb.screenshotsDir, 'merge-preview-runs.png') });
    await wb.screenshot('40-merge-preview-runs');
  });

  it('does not scroll sideways in a narrow panel', async () => {
    await wb.runCommand('View: Close Primary Side Bar').catch(() => undefined);
    await wb.page.setViewportSize({ width: 410, height: 860 });
    await wb.page.waitForTimeout(500);
    const seen = await view.locator('html').evaluate((html) => ({
      overflow: html.scrollWidth - html.clientWidth,
      outside: Array.from(document.querySelectorAll('.runs-section *'))
        .filter((element) => element.getBoundingClientRect().right > html.clientWidth + 0.5)
        .map((element) => element.className || element.tagName)
        .slice(0, 5),
    }));
    assert.deepEqual(seen, { overflow: 0, outside: [] });
    await view.locator('#runs-heading').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    const panel = wb.page.locator('iframe.webview.ready');
    await panel.screenshot({ path: path.join(wb.screenshotsDir, 'merge-preview-runs-narrow.png') });
    await wb.page.setViewportSize({ width: 1400, height: 900 });
    await wb.runCommand('View: Show Explorer');
  });
});
