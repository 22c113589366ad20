import * as assert from 'node:assert/strict';
import {
  anything,
  boolean,
  checkShape,
  describeShape,
  either,
  list,
  map,
  number,
  object,
  oneOf,
  optional,
  required,
  scalar,
  string,
  withExpected,
  type Check,
  type Problem,
  type Shape,
  type StringShape,
} from '../../../src/core/shapes';

/** The problems of a check, as `path: code message` lines (severity first when it is not an error). */
function lines(problems: readonly Problem[]): string[] {
  return problems.map((problem) => {
    const severity = problem.severity === 'error' ? '' : `${problem.severity} `;
    const target = problem.target === 'key' ? ' (key)' : '';
    return `${severity}${JSON.stringify(problem.path)}${target}: ${problem.code} ${problem.message}`;
  });
}

const check = (shape: Shape<undefined>, value: unknown, path?: readonly (string | number)[]): string[] =>
  lines(checkShape(shape, value, undefined, path));

/** A check that reports a warning for every value it is given. */
const warnAlways: Check<unknown, undefined> = (value, report) =>
  report({ severity: 'warning', code: 'noted', message: `saw ${JSON.stringify(value)}` });

describe('shapes: what each shape accepts and the message for a value it refuses', () => {
  it('names the expected type and what was given, with the default code', () => {
    const table: [Shape<undefined>, unknown, string[]][] = [
      [string(), 'ok', []],
      [string(), 3, ['[]: invalid-type expected a string, got a number']],
      [string({ nullable: true }), null, []],
      [string({ nullable: true }), 3, ['[]: invalid-type expected a string or null, got a number']],
      [string(), null, ['[]: invalid-type expected a string, got null']],
      [boolean(), false, []],
      [boolean(), 'true', ['[]: invalid-type expected a boolean, got a string']],
      [boolean({ nullable: true }), 0, ['[]: invalid-type expected a boolean or null, got a number']],
      [number(), 0, []],
      [number(), '1', ['[]: invalid-type expected a number, got a string']],
      [number(), null, ['[]: invalid-type expected a number, got null']],
      [number({ nullable: true }), null, []],
      [number({ nullable: true }), true, ['[]: invalid-type expected a number or null, got a boolean']],
      [scalar(), true, []],
      [scalar(), undefined, ['[]: invalid-type expected a string, number, boolean or null, got nothing']],
      [scalar({ nullable: true }), null, []],
      [scalar(), [], ['[]: invalid-type expected a string, number, boolean or null, got an empty list']],
      [list(string()), {}, ['[]: invalid-type expected a list, got an empty object']],
      [list(string()), ['a', 1], ['[1]: invalid-type expected a string, got a number']],
      [
        list(scalar()),
        [1, 'a', {}],
        ['[2]: invalid-type expected a string, number, boolean or null, got an empty object'],
      ],
      [list(oneOf(['a'])), ['a', 'b'], ['[1]: invalid-value expected "a", got "b"']],
      // Items whose shape has checks are checked one by one, plain strings and scalars included.
      [list(string({ checks: [warnAlways] })), ['x'], ['warning [0]: noted saw "x"']],
      [list(scalar({ checks: [warnAlways] })), [2], ['warning [0]: noted saw 2']],
      [map(scalar()), [1], ['[]: invalid-type expected an object, got a list']],
      [
        map(scalar()),
        { a: 1, b: {} },
        ['["b"]: invalid-type expected a string, number, boolean or null, got an empty object'],
      ],
      [object({}), 'x', ['[]: invalid-type expected an object, got a string']],
      [anything(), undefined, []],
      [anything(), { any: 'thing' }, []],
    ];
    for (const [shape, value, expected] of table) {
      assert.deepEqual(check(shape, value), expected, `${shape.kind} given ${JSON.stringify(value)}`);
    }
  });

  it('takes the expected phrase, the code and nullability from the options', () => {
    const shape = string({ expected: 'a flag name', typeCode: 'invalid-value' });
    assert.deepEqual(check(shape, 1), ['[]: invalid-value expected a flag name, got a number']);
    assert.deepEqual(check(shape, null), ['[]: invalid-value expected a flag name, got null']);
    assert.deepEqual(check(list(scalar(), { nullable: true }), null), []);
    assert.deepEqual(check(withExpected<StringShape<undefined>, undefined>(string(), 'a model path'), false), [
      '[]: invalid-type expected a model path, got a boolean',
    ]);
    // withExpected keeps everything else of the shape: its checks still run.
    assert.deepEqual(
      check(withExpected<StringShape<undefined>, undefined>(string({ checks: [warnAlways] }), 'a model path'), 'x'),
      ['warning []: noted saw "x"'],
    );
  });

  it('quotes the allowed strings of oneOf, the last one after "or", and a wrong string as given', () => {
    const table: [readonly (string | null)[], unknown, string[]][] = [
      [['sglang'], 'vllm', ['[]: invalid-value expected "sglang", got "vllm"']],
      [['sglang', 'vllm'], 'tgi', ['[]: invalid-value expected "sglang" or "vllm", got "tgi"']],
      [['a', 'b', 'c'], 2, ['[]: invalid-value expected "a", "b" or "c", got a number']],
      [['a', null], null, []],
      [['a', null], 'b', ['[]: invalid-value expected "a" or null, got "b"']],
      [['a', 'b'], 'b', []],
    ];
    for (const [values, value, expected] of table) {
      assert.deepEqual(
        check(oneOf(values), value),
        expected,
        `${JSON.stringify(values)} given ${JSON.stringify(value)}`,
      );
    }
    assert.deepEqual(check(oneOf(['a'], { typeCode: 'invalid-type' }), 'b'), [
      '[]: invalid-type expected "a", got "b"',
    ]);
    assert.deepEqual(check(oneOf(['a'], { checks: [warnAlways] }), 'a'), ['warning []: noted saw "a"']);
  });

  it('runs every check of every kind on a value of the right type, and none on a wrong one', () => {
    const kinds: [Shape<undefined>, unknown, unknown][] = [
      [string({ checks: [warnAlways] }), 's', 1],
      [boolean({ checks: [warnAlways] }), true, 'yes'],
      [number({ checks: [warnAlways] }), 1.5, '1.5'],
      [scalar({ checks: [warnAlways] }), 2, {}],
      [list(anything(), { checks: [warnAlways] }), [], 'x'],
      [map(anything(), { checks: [warnAlways] }), {}, []],
      [object({}, { checks: [warnAlways] }), {}, 3],
      [anything({ checks: [warnAlways, warnAlways] }), 7, undefined],
    ];
    for (const [shape, good, bad] of kinds) {
      const expected = shape.kind === 'any' ? 2 : 1;
      assert.equal(checkShape(shape, good, undefined).length, expected, `${shape.kind} given ${JSON.stringify(good)}`);
      if (shape.kind !== 'any') {
        assert.deepEqual(
          checkShape(shape, bad, undefined).map((problem) => problem.code),
          ['invalid-type'],
          `${shape.kind} given ${JSON.stringify(bad)}`,
        );
      }
    }
    // A nullable shape given null runs no check.
    assert.deepEqual(check(string({ nullable: true, checks: [warnAlways] }), null), []);
  });

  it('prefixes the paths with the path given, and reports at the key for key checks', () => {
    const noDashes: Check<string, undefined> = (key, report) => {
      if (key.includes('-')) report({ severity: 'error', code: 'bad-key', message: `"${key}" has a dash` });
    };
    const deep: Check<unknown, undefined> = (_value, report) =>
      report({ severity: 'warning', code: 'deep', message: 'below', path: ['x', 0] });
    const shape = map(list(anything({ checks: [deep] })), { keyChecks: [noDashes] });
    assert.deepEqual(check(shape, { 'tp-size': [1], ok: [] }, ['parameters']), [
      '["parameters","tp-size"] (key): bad-key "tp-size" has a dash',
      'warning ["parameters","tp-size",0,"x",0]: deep below',
    ]);
    // The path given is not changed by the walk.
    const path = ['root'];
    checkShape(shape, { a: [1] }, undefined, path);
    assert.deepEqual(path, ['root']);
  });
});

describe('shapes: objects', () => {
  // Made in each test, not as the suite loads: a shape built at load would hide its builders from the tests.
  const preset = () =>
    object(
      {
        name: required(string(), 'a preset needs a name'),
        runtime: required(oneOf(['sglang', 'vllm']), { severity: 'warning', code: 'no-runtime', message: 'say which' }),
        note: optional(string()),
      },
      {
        otherKey: (key, report) => report({ severity: 'warning', code: 'unknown-key', message: `unknown "${key}"` }),
      },
    );

  it('reports each missing required field at the object, with its message or its problem', () => {
    assert.deepEqual(check(preset(), {}), [
      '["name"]: missing-field a preset needs a name',
      'warning ["runtime"]: no-runtime say which',
    ]);
    assert.deepEqual(check(object({ a: required(scalar()) }), {}), ['["a"]: missing-field missing']);
    assert.deepEqual(check(object({ a: optional(scalar()) }), {}), []);
    assert.deepEqual(check(object({ a: optional(scalar()) }), { a: [] }), [
      '["a"]: invalid-type expected a string, number, boolean or null, got an empty list',
    ]);
  });

  it('checks the fields present, in the order the shape lists them, then the other keys at their key', () => {
    assert.deepEqual(check(preset(), { extra: 1, note: 2, runtime: 'tgi', name: 'n' }), [
      '["runtime"]: invalid-value expected "sglang" or "vllm", got "tgi"',
      '["note"]: invalid-type expected a string, got a number',
      'warning ["extra"] (key): unknown-key unknown "extra"',
    ]);
    // Without otherKey, other keys are accepted.
    assert.deepEqual(check(object({ a: optional(scalar()) }), { b: {} }), []);
  });

  it('stops at the gate only when the gate reports an error', () => {
    const gated = (severity: 'error' | 'warning') =>
      object(
        { a: required(string()) },
        { gate: (_value, report) => report({ severity, code: 'gate', message: 'too large' }) },
      );
    assert.deepEqual(check(gated('error'), {}), ['[]: gate too large']);
    assert.deepEqual(check(gated('warning'), {}), ['warning []: gate too large', '["a"]: missing-field missing']);
  });

  it('gates each object on its own problems, not on errors found before it', () => {
    const quiet = object({ a: required(string()) }, { gate: () => undefined });
    assert.deepEqual(check(object({ first: required(string()), second: required(quiet) }), { first: 1, second: {} }), [
      '["first"]: invalid-type expected a string, got a number',
      '["second","a"]: missing-field missing',
    ]);
  });
});

describe('shapes: either', () => {
  it('takes the first option the value fits, and names all the options otherwise', () => {
    const shape = either<undefined>([string(), list(scalar())]);
    assert.deepEqual(check(shape, 'x'), []);
    assert.deepEqual(check(shape, [1]), []);
    assert.deepEqual(check(shape, 1), ['[]: invalid-type expected a string or a list, got a number']);
    assert.deepEqual(check(either([string(), scalar(), list(scalar())]), {}), [
      '[]: invalid-type expected a string or a string, number, boolean or null or a list, got an empty object',
    ]);
    assert.deepEqual(check(either([string()], { expected: 'a name', typeCode: 'invalid-value' }), 1), [
      '[]: invalid-value expected a name, got a number',
    ]);
  });

  it('keeps the warnings of the option that fits, and runs its own checks after', () => {
    const shape = either<undefined>([string({ checks: [warnAlways] }), scalar()], { checks: [warnAlways] });
    assert.deepEqual(check(shape, 'x', ['p']), ['warning ["p"]: noted saw "x"', 'warning ["p"]: noted saw "x"']);
    // An option that only warns still fits.
    assert.deepEqual(check(either<undefined>([scalar({ checks: [warnAlways] }), string()]), 'y'), [
      'warning []: noted saw "y"',
    ]);
  });

  it('drops the problems of the options that do not fit', () => {
    const strict = object({ a: required(string()) });
    assert.deepEqual(check(either<undefined>([strict, map(scalar())]), { b: 1 }), []);
    assert.deepEqual(check(either<undefined>([strict, map(scalar())]), { b: [] }), [
      '[]: invalid-type expected an object or an object, got an object',
    ]);
  });
});

describe('shapes: describeShape', () => {
  it('writes the description, examples and snippet, and the structure they hang on', () => {
    const name = string({ about: { title: 'Name', description: 'What the preset is called', snippet: '$1' } });
    const runtime = oneOf(['sglang', 'vllm'], { about: { title: 'Runtime' } });
    const shape = object({
      name: required(name),
      runtime: optional(runtime),
      tags: optional(list(string({ about: { examples: ['fast'] } }))),
      bare: optional(list(string())),
      parameters: optional(map(either([scalar(), list(scalar())]))),
    });
    assert.deepEqual(describeShape(shape), {
      properties: {
        name: { title: 'Name', description: 'What the preset is called', defaultSnippets: [{ body: '$1' }] },
        runtime: { title: 'Runtime', examples: ['sglang', 'vllm'] },
        tags: { items: { examples: ['fast'] } },
        bare: {},
        parameters: { additionalProperties: { anyOf: [{}, {}] } },
      },
    });
  });

  it('describes a shape with an id once, in the definitions, and refers to it', () => {
    const flag = string({ about: { id: 'flag', title: 'Flag' } });
    const definitions: Record<string, unknown> = {};
    assert.deepEqual(describeShape(list(flag), definitions), { items: { $ref: '#/definitions/flag' } });
    assert.deepEqual(definitions, { flag: { title: 'Flag' } });
    // A definition already there is kept, not written again.
    const given: Record<string, unknown> = { flag: { title: 'Kept' } };
    assert.deepEqual(describeShape(flag, given), { $ref: '#/definitions/flag' });
    assert.deepEqual(given, { flag: { title: 'Kept' } });
  });
});
