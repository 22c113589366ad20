import * as assert from 'node:assert/strict';
import {
  appendToSelection,
  createSelection,
  removeFromSelection,
  renameInSelection,
  reorderSelection,
  slotColor,
} from '../../../../src/extension/mergePreview/selection';

const presets = (...ids: string[]) => ids.map((id) => ({ id, name: id.toUpperCase() }));

describe('Merge Preview selection', () => {
  it('keeps each preset once, in order, with the first free color slot', () => {
    const selection = createSelection(presets('a', 'b', 'a', 'c'));
    assert.deepEqual(selection, [
      { id: 'a', name: 'A', slot: 0 },
      { id: 'b', name: 'B', slot: 1 },
      { id: 'c', name: 'C', slot: 2 },
    ]);
    const removed = removeFromSelection(selection, 'b')!;
    assert.deepEqual(
      appendToSelection(removed, presets('d', 'e', 'c')).map((e) => [e.id, e.slot]),
      [
        ['a', 0],
        ['c', 2],
        ['d', 1],
        ['e', 3],
      ],
    );
  });

  it('a preset keeps its color when the order changes', () => {
    const selection = createSelection(presets('a', 'b', 'c'));
    const reordered = reorderSelection(selection, ['c', 'a', 'b'])!;
    assert.deepEqual(
      reordered.map((e) => [e.id, slotColor(e.slot)]),
      [
        ['c', 'green'],
        ['a', 'blue'],
        ['b', 'red'],
      ],
    );
    assert.equal(slotColor(6), 'blue', 'colors repeat past the palette');
  });

  it('refuses a reorder that is not a permutation of the selection', () => {
    const selection = createSelection(presets('a', 'b', 'c'));
    assert.equal(reorderSelection(selection, ['a', 'b']), undefined);
    assert.equal(reorderSelection(selection, ['a', 'b', 'b']), undefined);
    assert.equal(reorderSelection(selection, ['a', 'b', 'x']), undefined);
    assert.equal(reorderSelection(selection, ['a', 'b', 'c', 'd']), undefined);
    assert.equal(reorderSelection(selection, ['a', 'b', 'c']), selection, 'the same order returns the same selection');
  });

  it('removing an unknown id is refused', () => {
    assert.equal(removeFromSelection(createSelection(presets('a')), 'b'), undefined);
    assert.deepEqual(removeFromSelection(createSelection(presets('a')), 'a'), []);
  });

  it('follows renames, and returns the same selection when nothing changed', () => {
    const selection = createSelection(presets('a', 'b'));
    assert.equal(
      renameInSelection(selection, () => undefined),
      selection,
    );
    assert.equal(
      renameInSelection(selection, (id) => id.toUpperCase()),
      selection,
    );
    assert.deepEqual(
      renameInSelection(selection, (id) => (id === 'b' ? 'Bee' : undefined)).map((e) => e.name),
      ['A', 'Bee'],
    );
  });
});
