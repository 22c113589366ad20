import * as assert from 'node:assert/strict';
import { listNames, listSomePresetNames } from '../../../src/core/prose';

describe('names in a sentence', () => {
  it('joins one, two and three names as a sentence does', () => {
    assert.equal(listNames([]), '');
    assert.equal(listNames(['A']), 'A');
    assert.equal(listNames(['A', 'B']), 'A and B');
    assert.equal(listNames(['A', 'B', 'C']), 'A, B and C');
  });

  it('names up to four presets in full, and past four the first three and how many others', () => {
    assert.equal(listSomePresetNames(['A']), 'A');
    assert.equal(listSomePresetNames(['A', 'B', 'C', 'D']), 'A, B, C and D');
    assert.equal(listSomePresetNames(['A', 'B', 'C', 'D', 'E']), 'A, B, C and 2 other presets');
    assert.equal(listSomePresetNames(Array.from({ length: 40 }, (_, i) => `P${i}`)), 'P0, P1, P2 and 37 other presets');
  });
});
