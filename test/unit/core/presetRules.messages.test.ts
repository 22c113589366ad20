/**
 * What the rule set (src/core/presetRules.ts) says about keys it does not read, and what a checked file
 * gives its caller: the exact warnings for server-assigned and unknown keys, for an export envelope's
 * version, and the name, category and normalized grid a caller reads back.
 */
import * as assert from 'node:assert/strict';
import { Limits } from '../../../src/core/limits';
import { checkPresetFile, type PresetOrigin } from '../../../src/core/presetRules';

const problemsOf = (value: unknown, origin: PresetOrigin) =>
  checkPresetFile(value, { origin }).problems.map((p) => [p.severity, p.code, p.path, p.target, p.message]);
const grid = { 'tp-size': [1, 2] };

describe('preset rules: keys the rules do not read', () => {
  it('server-assigned keys are ignored with a warning each in a workspace file, and silently elsewhere', () => {
    const file = { name: 'A', parameters: grid, is_system: true, id: 3, created_at: 'x', updated_at: 'y' };
    assert.deepEqual(problemsOf(file, 'workspace'), [
      [
        'warning',
        'ignored-key',
        ['is_system'],
        'key',
        'ignored; only presets bundled with the extension are system presets',
      ],
      ['warning', 'ignored-key', ['id'], 'key', 'ignored; the autotuner assigns ids'],
      ['warning', 'ignored-key', ['created_at'], 'key', 'ignored; the autotuner sets timestamps'],
      ['warning', 'ignored-key', ['updated_at'], 'key', 'ignored; the autotuner sets timestamps'],
    ]);
    for (const origin of ['import', 'system'] as const) assert.deepEqual(problemsOf(file, origin), [], origin);
    // They are not kept either: the autotuner assigns them again.
    assert.deepEqual(checkPresetFile(file, { origin: 'workspace' }).preset?.extra, {});
  });

  it('an unknown key is kept, with a warning whatever the origin', () => {
    for (const origin of ['workspace', 'import', 'system'] as const) {
      const checked = checkPresetFile({ name: 'A', parameters: grid, notes: 'n' }, { origin });
      assert.deepEqual(
        checked.problems.map((p) => [p.severity, p.code, p.path, p.target, p.message]),
        [['warning', 'unknown-key', ['notes'], 'key', 'not a preset field; kept as it is']],
      );
      assert.deepEqual(checked.preset?.extra, { notes: 'n' });
    }
  });
});

describe('preset rules: the export envelope', () => {
  const preset = { name: 'A', parameters: grid };

  it('a missing or other version is read as 1.0, with a warning saying what was found', () => {
    const warning = (got: string) => [
      'warning',
      'envelope-version',
      ['version'],
      undefined,
      `expected "1.0", got ${got}; reading it as 1.0`,
    ];
    assert.deepEqual(problemsOf({ preset }, 'import'), [warning('nothing')]);
    assert.deepEqual(problemsOf({ version: '2.0', preset }, 'import'), [warning('"2.0"')]);
    assert.deepEqual(problemsOf({ version: 1, preset }, 'import'), [warning('a number')]);
    assert.deepEqual(problemsOf({ version: '1.0', preset }, 'import'), []);
    assert.equal(checkPresetFile({ preset }, { origin: 'import' }).preset?.name, 'A');
  });

  it('a key beside version and preset is ignored with a warning', () => {
    assert.deepEqual(problemsOf({ version: '1.0', preset, exported_by: 'me' }, 'import'), [
      ['warning', 'unknown-key', ['exported_by'], 'key', 'not part of the export format; ignored'],
    ]);
  });
});

describe('preset rules: what a checked file gives back', () => {
  it('the category only when it is a string, also from a file with errors', () => {
    const categoryOf = (category: unknown, parameters: unknown = grid) =>
      checkPresetFile({ name: 'A', parameters, category }, { origin: 'workspace' }).category;
    assert.equal(categoryOf('Throughput'), 'Throughput');
    assert.equal(categoryOf('Throughput', {}), 'Throughput');
    assert.equal(categoryOf(null), undefined);
    assert.equal(categoryOf(5), undefined);
    assert.equal(categoryOf(['Throughput']), undefined);
  });

  it('repeats are dropped from the grid even when other warnings stand beside them', () => {
    const checked = checkPresetFile(
      { name: 'A', parameters: { a: [1, 2, 1], b: ['x'] }, notes: 'n' },
      { origin: 'workspace' },
    );
    assert.deepEqual(
      checked.problems.map((p) => p.code),
      ['duplicate-value', 'unknown-key'],
    );
    assert.deepEqual(checked.preset?.parameters, { a: [1, 2], b: ['x'] });
  });

  it('a grid without repeats is the parsed grid itself, as the doc comment promises', () => {
    const value = { name: 'A', parameters: { a: [1, 2], b: ['x'] }, notes: 'n' };
    const checked = checkPresetFile(value, { origin: 'workspace' });
    assert.equal(checked.preset?.parameters, value.parameters);
  });

  it('as many parameters as a preset may hold is no problem', () => {
    const parameters = Object.fromEntries(Array.from({ length: Limits.maxParameters }, (_, i) => [`p${i}`, [i]]));
    assert.deepEqual(problemsOf({ name: 'A', parameters }, 'workspace'), []);
  });

  it('as many values as a preset may hold is no problem, whatever its parameters are named', () => {
    // Full lists that reach the limit together, one of them named like a missing key's text.
    const lists = Limits.maxValues / Limits.maxValuesPerList;
    const full = Array.from({ length: Limits.maxValuesPerList }, (_, i) => i);
    const parameters = Object.fromEntries(Array.from({ length: lists }, (_, i) => [i ? `p${i}` : 'undefined', full]));
    assert.deepEqual(problemsOf({ name: 'A', parameters }, 'workspace'), []);
  });
});
