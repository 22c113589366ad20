import * as assert from 'node:assert/strict';
import { applyTextEdits } from '../../../src/core/textEdit';

describe('applyTextEdits', () => {
  it('applies edits given in any order, each at the offset it was computed for', () => {
    const edits = [
      { offset: 0, length: 1, newText: 'AA' },
      { offset: 2, length: 1, newText: 'CC' },
    ];
    assert.equal(applyTextEdits('abc', edits), 'AAbCC');
    assert.equal(applyTextEdits('abc', [...edits].reverse()), 'AAbCC');
  });

  it('inserts, deletes and replaces at either end, and leaves the text alone without edits', () => {
    assert.equal(applyTextEdits('abc', [{ offset: 0, length: 0, newText: '>' }]), '>abc');
    assert.equal(applyTextEdits('abc', [{ offset: 3, length: 0, newText: '<' }]), 'abc<');
    assert.equal(applyTextEdits('abc', [{ offset: 1, length: 2, newText: '' }]), 'a');
    assert.equal(applyTextEdits('abc', []), 'abc');
  });

  it('does not reorder the edits it was given', () => {
    const edits = [
      { offset: 2, length: 1, newText: 'C' },
      { offset: 0, length: 1, newText: 'A' },
    ];
    applyTextEdits('abc', edits);
    assert.deepEqual(
      edits.map((e) => e.offset),
      [2, 0],
    );
  });
});
