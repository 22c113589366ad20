import * as assert from 'node:assert/strict';
import { commandArgs, isOptions } from '../../../../src/extension/commands/args';

/** Stand-ins for what VS Code passes: a tree row, an index entry and a URI (told apart by their shape). */
const row = { kind: 'preset', id: 'preset:a' };
const otherRow = { kind: 'preset', id: 'preset:b' };
const entry = { id: 'file:///a.preset.json', analysis: {} };
const uri = { scheme: 'file', path: '/a.preset.json', with: () => uri };

describe('command arguments', () => {
  describe('isOptions', () => {
    it('is true for a plain object only', () => {
      assert.equal(isOptions({ name: 'x' }), true);
      assert.equal(isOptions({}), true);
      for (const value of [row, entry, uri, ['a'], 'Balanced', null, undefined, 3])
        assert.equal(isOptions(value), false, JSON.stringify(value));
    });
  });

  describe('commandArgs', () => {
    it('from the palette: nothing', () => {
      assert.deepEqual(commandArgs([]), { target: undefined, selection: undefined, options: undefined });
    });

    it('from a context menu: the clicked row, then the selection', () => {
      assert.deepEqual(commandArgs([row, [row, otherRow]]), {
        target: row,
        selection: [row, otherRow],
        options: undefined,
      });
    });

    it('from a keybinding or another extension: options alone, or after a target', () => {
      assert.deepEqual(commandArgs([{ presets: ['A'] }]), {
        target: undefined,
        selection: undefined,
        options: { presets: ['A'] },
      });
      assert.deepEqual(commandArgs(['Balanced', { skipConfirmation: true }]), {
        target: 'Balanced',
        selection: undefined,
        options: { skipConfirmation: true },
      });
      assert.deepEqual(commandArgs([uri, { name: 'B' }]), {
        target: uri,
        selection: undefined,
        options: { name: 'B' },
      });
    });

    it('finds the options after a target and a selection too', () => {
      assert.deepEqual(commandArgs([row, [row], { strategy: 'union' }]), {
        target: row,
        selection: [row],
        options: { strategy: 'union' },
      });
    });

    it('a selection is never taken as the target, and only a later list is a selection', () => {
      assert.deepEqual(commandArgs([[row]]), { target: undefined, selection: undefined, options: undefined });
      assert.deepEqual(commandArgs([entry, 'x']), { target: entry, selection: undefined, options: undefined });
    });
  });
});
