import * as assert from 'node:assert/strict';
import { presetNameProblem, type NameSource } from '../../../src/core/presetName';
import { NAME_MAX_LENGTH } from '../../../src/core/presetRules';

const taken = (...names: string[]): NameSource => ({
  hasName: (name) => names.includes(name.trim()),
  names: () => names,
});

describe('preset name check (the name boxes)', () => {
  const catalog = taken('Balanced', 'Fast Decode');

  it('accepts a free name, trimmed', () => {
    assert.equal(presetNameProblem('  Team Shared ', catalog), undefined);
  });

  it('refuses a blank name and one over the limit, counted in characters', () => {
    assert.deepEqual(presetNameProblem('   ', catalog), { severity: 'error', message: 'Enter a name.' });
    assert.equal(presetNameProblem('🚀'.repeat(NAME_MAX_LENGTH), catalog), undefined, 'an emoji is one character');
    assert.deepEqual(presetNameProblem('x'.repeat(NAME_MAX_LENGTH + 1), catalog), {
      severity: 'error',
      message: `At most ${NAME_MAX_LENGTH} characters (now ${NAME_MAX_LENGTH + 1}).`,
    });
  });

  it('refuses a name in use, system presets included; a rename may keep its own name', () => {
    assert.deepEqual(presetNameProblem('Balanced', catalog), {
      severity: 'error',
      message: 'A preset named "Balanced" already exists.',
    });
    assert.equal(presetNameProblem('Fast Decode', catalog, 'Fast Decode'), undefined);
  });

  it('warns about a name that differs only in case, but not about the preset being renamed', () => {
    assert.deepEqual(presetNameProblem('fast decode', catalog), {
      severity: 'warning',
      message: '"Fast Decode" differs only in case; consider a clearer name.',
    });
    assert.equal(presetNameProblem('FAST DECODE', catalog, 'Fast Decode'), undefined);
  });

  it('warns about a look-alike name as the catalog does: NFC, zero-width and bidi characters', () => {
    const names = taken('Caf\u00e9', 'Fast');
    for (const [value, shown] of [
      ['Cafe\u0301', 'Café'],
      ['Fa\u200bst', 'Fast'],
      ['\u202efast', 'Fast'],
    ]) {
      const problem = presetNameProblem(value, names);
      assert.equal(problem?.severity, 'warning', value);
      assert.match(problem.message, new RegExp(`^"${shown}" looks the same`), value);
    }
    assert.equal(presetNameProblem('Fast Lane', names), undefined);
  });
});
