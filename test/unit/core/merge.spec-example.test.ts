import * as assert from 'node:assert/strict';
import { mergePresets } from '../../../src/core/merge';

describe('merge: the SPEC example', () => {
  it('unions {"tp-size":[1,2]} and {"tp-size":[3],"mem-fraction":[0.9]}', () => {
    const result = mergePresets(
      [
        { name: 'A', parameters: { 'tp-size': [1, 2] } },
        { name: 'B', parameters: { 'tp-size': [3], 'mem-fraction': [0.9] } },
      ],
      'union',
    );
    assert.deepEqual(result.parameters, { 'tp-size': [1, 2, 3], 'mem-fraction': [0.9] });
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.grid_size, 3);
  });
});
