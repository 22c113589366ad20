import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { presetDescription, presetFacts } from '../../../src/extension/presetRowText';

const root = path.resolve(__dirname, '..', '..', '..', '..');

describe('Preset tree row text', () => {
  const fastDecode = {
    runtime: 'sglang' as const,
    parameters: { 'tp-size': [1, 2], 'schedule-policy': ['lpm', 'fcfs'] },
  };

  it('puts the run count first in the description, where the sidebar does not cut it', () => {
    assert.equal(presetDescription(fastDecode), '4 runs · 2 params · sglang');
    assert.equal(presetDescription({ runtime: null, parameters: { 'tp-size': [1] } }), '1 run · 1 param · any runtime');
    assert.equal(
      presetDescription({
        runtime: 'vllm',
        parameters: { a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], b: Array.from({ length: 200 }, (_, i) => i) },
      }),
      '2,000 runs · 2 params · vllm',
    );
  });

  it('gives the tooltip the runs, the parameters and the runtime', () => {
    assert.equal(presetFacts(fastDecode), '4 runs from 2 parameters · Runtime: sglang');
    assert.equal(
      presetFacts({ runtime: null, parameters: { 'tp-size': [1] } }),
      '1 run from 1 parameter · Runtime: any',
    );
  });

  it('names the view container and the tree so the sidebar title fits, keeping their ids', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const [container] = manifest.contributes.viewsContainers.activitybar;
    const [tree] = manifest.contributes.views.parameterPresets;
    assert.equal(container.id, 'parameterPresets');
    assert.equal(tree.id, 'parameterPresets.tree');
    // With one view shown, VS Code titles the side bar "<container>: <view>", or just one when both agree.
    assert.equal(container.title, tree.name);
    assert.ok(container.title.length <= 10, container.title);
    assert.equal(tree.contextualTitle, 'Parameter Presets');
  });
});
