/**
 * Reading JSONC text and locating paths in it (src/core/jsonText.ts), held to what jsonc-parser's tree says
 * of the same text: the value, the errors, the keys written twice and where every node is.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { analyzePresetText } from '../../../src/core/analyze';
import {
  findInexactNumbers,
  locatePath,
  locatePaths,
  mayWriteNumbersOtherwise,
  memberRemoval,
  nestsDeeperThan,
  readJsonText,
  type PathLocation,
} from '../../../src/core/jsonText';
import { jsonNodeValue } from '../../../src/core/values';

type Path = (string | number)[];

/** jsonc-parser's tree: the node a path names (the last of keys written twice), or the deepest node it reaches. */
function locatedInTree(text: string, path: Path): PathLocation {
  let node = parseTree(text, [], { allowTrailingComma: true })!;
  let exact = true;
  for (const segment of path) {
    let next: Node | undefined;
    if (typeof segment === 'string' && node.type === 'object') {
      for (const property of node.children ?? [])
        if (property.children?.[0]?.value === segment && property.children[1]) next = property.children[1];
    } else if (typeof segment === 'number' && node.type === 'array') {
      next = node.children?.[segment];
    }
    if (!next) {
      exact = false;
      break;
    }
    node = next;
  }
  const keyNode = node.parent?.type === 'property' ? node.parent.children![0] : undefined;
  return {
    exact,
    value: { offset: node.offset, length: node.length },
    key: keyNode && { offset: keyNode.offset, length: keyNode.length },
    source: text.slice(node.offset, node.offset + node.length),
  };
}

/** Every path of a value, and some that go one step too far or name what is not there. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix, [...prefix, 'missing'], [...prefix, 7]];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

const keyArb = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('a"b', 'a\\', '\\"', ':', 'x: y', '0', '__proto__'),
);
const valueArb = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 0 }),
    fc.constantFrom('"', '\\', '\\"', '{"a": 1}', '[', '}', '// no comment', '/* nor this */'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** The value as people write JSONC: indented, sometimes CRLF, comments between tokens, trailing commas. */
const jsoncArb = fc
  .tuple(
    valueArb,
    fc.constantFrom(0, 1, '\t'),
    fc.boolean(),
    fc.array(fc.constantFrom('', ' ', '/* c */', ' // c', '/**/'), { minLength: 1, maxLength: 4 }),
    fc.boolean(),
    fc.nat(),
  )
  .map(([value, indent, crlf, gaps, trailing, seed]) => {
    let k = seed;
    let text = JSON.stringify(value, null, indent);
    if (indent !== 0) text = text.replace(/\n/g, () => gaps[k++ % gaps.length] + '\n');
    // A comma after the last item: only where a line ends, never inside a string.
    if (trailing)
      text = text.replace(/([\d"\]}el])(\n\s*)([}\]])/g, (all, last, gap, close) =>
        k++ % 2 ? `${last},${gap}${close}` : all,
      );
    if (crlf) text = text.replace(/\n/g, '\r\n');
    return { value, text };
  });

describe('locatePaths', () => {
  it("finds what jsonc-parser's tree finds, in JSON and in JSONC, for paths that exist and paths that do not", () => {
    fc.assert(
      fc.property(jsoncArb, ({ text }) => {
        const paths = pathsOf(jsonNodeValue(parseTree(text, [], { allowTrailingComma: true })!));
        const located = locatePaths(text, paths);
        paths.forEach((path, k) =>
          assert.deepStrictEqual(located[k], locatedInTree(text, path), `${JSON.stringify(path)} in ${text}`),
        );
        // Without keys written twice, stopping once everything is found changes nothing.
        assert.deepStrictEqual(locatePaths(text, paths, { untilFound: true }), located);
      }),
      { numRuns: 500 },
    );
  });

  it('counts a key written twice as JSON.parse does: the last one, nothing kept from under the first', () => {
    for (const text of [
      '{"a": {"b": [1, 2, 3]}, "a": {"c": 1}}',
      '{"a": [1, {"x": 2}], "b": 0, "a": [3]}',
      '{"a": 1, /* again */ "a": {"b": 2},}',
    ]) {
      const paths = [['a'], ['a', 'b'], ['a', 'b', 2], ['a', 'c'], ['a', 1, 'x'], ['a', 0], ['b']];
      const located = locatePaths(text, paths);
      paths.forEach((path, k) =>
        assert.deepStrictEqual(located[k], locatedInTree(text, path), `${JSON.stringify(path)} in ${text}`),
      );
    }
  });

  it('gives the key and the value as written, e.g. a number written 1.0', () => {
    const text = '{"parameters": {"mem-fraction-static": [0.90, 1.0, 1e3], "tp\\u002dsize": [2]}}';
    const location = locatePath(text, ['parameters', 'mem-fraction-static', 1]);
    assert.equal(location.source, '1.0');
    assert.equal(location.exact, true);
    const key = locatePath(text, ['parameters', 'tp-size']);
    assert.equal(text.slice(key.key!.offset, key.key!.offset + key.key!.length), '"tp\\u002dsize"');
    assert.equal(key.source, '[2]');
    const missing = locatePath(text, ['parameters', 'pp-size']);
    assert.equal(missing.exact, false);
    assert.equal(missing.source, text.slice(text.indexOf('{"mem'), -1), 'the object that lacks it');
  });

  it("finds one top-level key, as the analysis finds a preset's name: after comments, escaped, written twice", () => {
    const cases: [string, boolean][] = [
      ['// a preset\n{ /* first */ "name" : "Fast", "parameters": {}}', true],
      ['{"description": "a \\"name\\": here", "n\\u0061me": "Fast"}', true],
      ['{"parameters": {"name": "inner"}, "name": "Fast"}', true],
      ['{"name": "First", "name": "Fast"}', false],
      ['{"name": {"name": "inner"}, "name": "Fast",}', false],
    ];
    for (const [text, untilFound] of cases) {
      const [name] = locatePaths(text, [['name']], { untilFound });
      assert.deepStrictEqual(name, locatedInTree(text, ['name']), text);
      assert.equal(name.source, '"Fast"', text);
    }
    const missing = locatePaths('{"title": "Fast"} // no name', [['name']], { untilFound: true })[0];
    assert.equal(missing.exact, false);
    assert.equal(missing.source, '{"title": "Fast"}');
  });

  it('never throws on broken text, and ends', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ':', ',', '"a"', '"b', '1', 'tru', '/*', '//', '\n', ' ', '"\\');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        locatePaths(text, [['a'], ['a', 0], [0, 'b'], []]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('readJsonText', () => {
  it('reads JSONC as jsonc-parser reads it, and finds no repeated key where there is none', () => {
    fc.assert(
      fc.property(jsoncArb, ({ value, text }) => {
        const reading = readJsonText(text, 64);
        assert.equal(reading.kind, 'value', text);
        if (reading.kind !== 'value') return;
        assert.deepStrictEqual(reading.value, jsonNodeValue(parseTree(text, [], { allowTrailingComma: true })!));
        assert.deepStrictEqual(reading.value, JSON.parse(JSON.stringify(value)));
        assert.deepEqual(reading.repeatedKeys, []);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses exactly what jsonc-parser refuses, with its errors', () => {
    const piece = fc.oneof(
      fc.constantFrom('{', '}', '[', ']', ':', ',', ', ', '"a"', '"x:y"', '1', 'true', 'null', ' ', '\n', '/* c */'),
      fc.constantFrom('// c\n', '/*', '//', '*/', '"/*"', '\\"', '{"a": 1, }', '[1, 2, ]', '[1,,]', '[,]', '{,}'),
      fc.constantFrom('[1 // c\n, ]', '-/**/1', '[1 /* x */ 2]', '\ufeff', '\u000b', "'a'", '01', '1.', 'NaN'),
    );
    let values = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const errors: ParseError[] = [];
        const tree = parseTree(text, errors, { allowTrailingComma: true, allowEmptyContent: true });
        const reading = readJsonText(text, 64);
        if (errors.length > 0) assert.deepEqual(reading, { kind: 'syntax', errors }, text);
        else if (!tree) assert.deepEqual(reading, { kind: 'empty' }, text);
        else {
          values++;
          assert.equal(reading.kind, 'value', text);
          if (reading.kind === 'value') assert.deepStrictEqual(reading.value, jsonNodeValue(tree), text);
        }
      }),
      { numRuns: 3000 },
    );
    // About one text in thirty is a value (100 or so of 3,000, varying by seed): 50 still proves the test
    // compared values, and no seed falls that far short.
    assert.ok(values > 50, `only ${values} texts were values`);
  });

  it('finds every key written twice, whatever colons the strings hold', () => {
    const key = fc.constantFrom('"a"', '"b"', '"a:b"', '"\\u0061"', '"\\u003a"', '"name"', '"a\\\\"', '"\\""');
    // Strings that hold colons right after a quote, escaped or not, and after blanks.
    const scalar = fc.constantFrom('1', '"x"', '"x:y"', '"\\u003a"', '":"', '" :x"', '"\\":"', '"\\" : "', 'null');
    const colon = fc.constantFrom(': ', ':', ' : ', '\n:\t');
    const objectText = (depth: number): fc.Arbitrary<string> =>
      fc
        .array(
          fc.tuple(
            key,
            colon,
            depth > 0
              ? fc.oneof(
                  scalar,
                  fc.constant(null).chain(() => objectText(depth - 1)),
                )
              : scalar,
          ),
          { maxLength: 5 },
        )
        .map((members) => '{' + members.map(([k, c, v]) => `${k}${c}${v}`).join(', ') + '}');
    /** The repeats as the tree shows them: each key written again in its object, with the object's path. */
    const repeatsInTree = (node: Node | undefined, path: Path, found: unknown[]): unknown[] => {
      if (node?.type === 'object') {
        const seen = new Set<string>();
        for (const property of node.children ?? []) {
          const [keyNode, valueNode] = property.children!;
          if (seen.has(keyNode.value))
            found.push({
              key: keyNode.value,
              span: { offset: keyNode.offset, length: keyNode.length },
              objectPath: path,
            });
          seen.add(keyNode.value);
          repeatsInTree(valueNode, [...path, keyNode.value], found);
        }
      }
      return found;
    };
    fc.assert(
      fc.property(objectText(2), fc.boolean(), (text, comment) => {
        const source = comment ? text.replace('{', '{ /* a: b */') : text;
        const reading = readJsonText(source, 64);
        assert.equal(reading.kind, 'value');
        if (reading.kind !== 'value') return;
        assert.deepEqual(reading.repeatedKeys, repeatsInTree(parseTree(source), [], []), source);
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses nesting deeper than the limit at the bracket that goes too deep, strict or JSONC, without recursing', () => {
    for (const comment of ['', ' // c']) {
      const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth) + comment;
      assert.equal(readJsonText(nested(64), 64).kind, 'value');
      assert.deepEqual(readJsonText(nested(65), 64), { kind: 'too-deep', offset: 64 });
      assert.deepEqual(readJsonText(nested(200_000), 64), { kind: 'too-deep', offset: 64 });
      assert.equal(nestsDeeperThan(nested(65), 64), true);
      assert.equal(nestsDeeperThan(nested(64), 64), false);
    }
    assert.deepEqual(readJsonText('{"a": [{"b": [[]]}]}', 4), { kind: 'too-deep', offset: 14 });
  });

  it('reads an empty file, or one of comments only, as empty', () => {
    for (const text of ['', '  \n', '// nothing\n/* at all */'])
      assert.deepEqual(readJsonText(text, 64), { kind: 'empty' });
  });
});

describe('the analysis, strict JSON or JSONC', () => {
  const presetArb = fc.record(
    {
      name: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('A', ' ', 3)),
      runtime: fc.constantFrom('sglang', 'vllm', null, 'tgi'),
      parameters: fc.oneof(
        fc.dictionary(
          fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('', '__proto__', 'tp-size')),
          fc.oneof(
            fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('x', null, true, {}, [])), {
              maxLength: 5,
            }),
            fc.integer(),
          ),
          { maxKeys: 4 },
        ),
        fc.constantFrom([], 'p'),
      ),
      metadata: fc.oneof(
        fc.constant(null),
        fc.record(
          { author: fc.oneof(fc.string(), fc.integer()), runtime: fc.constantFrom('vllm', 'x') },
          { requiredKeys: [] },
        ),
      ),
      notes: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  );

  it('gives the same analysis when comments stand where whitespace was (offsets unchanged)', () => {
    fc.assert(
      fc.property(presetArb, fc.nat(), (preset, seed) => {
        const strict = JSON.stringify(preset, null, 4);
        let k = seed;
        // Four spaces of indentation become a comment of four characters; and a comment closes the file.
        const jsonc = strict.replace(/\n {4}/g, (gap) => (k++ % 2 ? '\n/**/' : gap)) + '\n// the end';
        assert.deepStrictEqual(analyzePresetText(jsonc), analyzePresetText(strict), jsonc);
      }),
      { numRuns: 500 },
    );
  });
});

describe('findInexactNumbers', () => {
  const kinds = (text: string) => findInexactNumbers(text).map((n) => [n.path.join('.'), n.source, n.kind]);

  it('an integer beyond 2^53 that reads as another is reported; one a double holds exactly is not', () => {
    assert.deepEqual(kinds('{"a": [9007199254740993, 9007199254740992, -9007199254740993, 100000000000000000000]}'), [
      ['a.0', '9007199254740993', 'integer'],
      ['a.2', '-9007199254740993', 'integer'],
    ]);
  });

  it('a float is a double, exact or not: 6.02e+23, 1.5e300 and 0.1 are fine', () => {
    assert.deepEqual(kinds('{"a": [6.02e+23, 6.02E23, 1.5e300, 0.1000000000000000055511151231257827, 1e-300]}'), []);
  });

  it('overflow to Infinity and underflow to 0 are reported wherever they are written; 0e400 is 0', () => {
    const zeros = '0.' + '0'.repeat(400) + '1';
    assert.deepEqual(
      kinds(`{"m": {"huge": 1e400, "tiny": -1e-400, "long": ${zeros}, "zero": 0e400, "z": 0.0000000000000000}}`),
      [
        ['m.huge', '1e400', 'overflow'],
        ['m.tiny', '-1e-400', 'underflow'],
        ['m.long', zeros, 'underflow'],
      ],
    );
  });

  it('a number is found wherever a value can start: after brackets, commas, colons, whitespace and comments', () => {
    const written = [
      '1e400',
      '[1e400]',
      '[0,1e400]',
      '{"a":1e400}',
      '{"a":\t-1e400}',
      '[\r\n1.5e400]',
      '[/* c */1e400]',
      '[// c\n1e400]',
      '[9007199254740993]',
      '{"a":-9007199254740993}',
    ];
    for (const text of written) assert.equal(findInexactNumbers(text).length, 1, text);
  });

  it('digits in strings and comments are not numbers', () => {
    assert.deepEqual(kinds('// 9007199254740993\n{"a": ["9007199254740993", "1e400"]}'), []);
  });

  it('property: an integer token is reported exactly when its value differs from the integer written', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (integer) => {
        const found = findInexactNumbers(`[${integer}]`);
        assert.equal(found.length === 1, BigInt(Number(integer)) !== integer, String(integer));
      }),
      { numRuns: 300 },
    );
  });
  it('a number after digits that only look like one in a string is still found (a hash, then a real exponent)', () => {
    assert.deepEqual(kinds('{"path": "ckpt-5e7962-fp8", "tag": "x9007199254740993", "n": 1e400}'), [
      ['n', '1e400', 'overflow'],
    ]);
    assert.deepEqual(kinds('{"path": "ckpt-5e7962-fp8", "n": [-1.5e400]}'), [['n.0', '-1.5e400', 'overflow']]);
    // The digits before the ones that look inexact are part of the token too, nines and points included.
    assert.deepEqual(kinds('{"path": "ckpt-5e7962-fp8", "n": [99e400, 9.99e-400]}'), [
      ['n.0', '99e400', 'overflow'],
      ['n.1', '9.99e-400', 'underflow'],
    ]);
  });
});

describe('mayWriteNumbersOtherwise', () => {
  it('is true for a whole number written otherwise than as a plain integer, and for long digit runs', () => {
    for (const text of ['[2.0]', '[2.00]', '[1e3]', '[2.5E1]', '[12345678901234567]', '[0.99999999999999999]'])
      assert.equal(mayWriteNumbersOtherwise(text), true, text);
  });

  it('is false for plain integers, fractions that are not whole and text without digits', () => {
    for (const text of ['[2, 16, -4]', '[0.85, 2.05, 1.5]', '{"a": "e", "b": true}', '[123456789012345]'])
      assert.equal(mayWriteNumbersOtherwise(text), false, text);
  });

  it('property: every text with a number that does not read as written is among those it tells to look at', () => {
    const number = fc.oneof(
      fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
      fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -450, max: 450 })).map(([m, e]) => `${m}e${e}`),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    );
    fc.assert(
      fc.property(fc.array(number, { maxLength: 4 }), (numbers) => {
        const text = `[${numbers.join(', ')}]`;
        if (findInexactNumbers(text).length > 0) assert.equal(mayWriteNumbersOtherwise(text), true, text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('jsonText, edge cases a caller meets', () => {
  it('finds a key written twice when blanks other than a space or a line feed stand before its colon', () => {
    for (const blank of ['\t', '\r', '\r\n', ' \t '])
      assert.deepEqual(readJsonText(`{"a": 1, "a"${blank}: 2}`, 64), {
        kind: 'value',
        value: { a: 2 },
        repeatedKeys: [{ key: 'a', span: { offset: 9, length: 3 }, objectPath: [] }],
      });
  });

  it('refuses strict JSON nested too deep in one item even when other items hold keys', () => {
    const deep = '[' + '['.repeat(64) + ']'.repeat(64) + ', {"a": 1, "b": 2}]';
    assert.deepEqual(readJsonText(deep, 64), { kind: 'too-deep', offset: 64 });
    assert.deepEqual(readJsonText('{"k": ' + deep + '}', 65), { kind: 'too-deep', offset: 70 });
  });

  it('counts no comment as nesting: block and line comments before, inside and after the value', () => {
    const text = '/* a */ /* b */ // c\n[/* d */ 1 /* e */, // f\n 2 /* g */,]\n/* h */';
    assert.deepEqual(readJsonText(text, 1), { kind: 'value', value: [1, 2], repeatedKeys: [] });
    assert.deepEqual(readJsonText('/**/ /**/ /**/ "x"', 0), { kind: 'value', value: 'x', repeatedKeys: [] });
  });

  it('blanks a comment in place, so tokens it separates stay apart and the syntax error stays', () => {
    for (const [text, offset] of [
      ['[1/**/2]', 6],
      ['-/**/1', 0],
      ['/* c */-/**/1', 7],
    ] as const) {
      const reading = readJsonText(text, 64);
      assert.equal(reading.kind, 'syntax', text);
      if (reading.kind === 'syntax') assert.equal(reading.errors[0].offset, offset, text);
    }
  });

  it('with a depth limit of 0, reads a scalar and refuses any bracket', () => {
    assert.deepEqual(readJsonText('"ab"', 0), { kind: 'value', value: 'ab', repeatedKeys: [] });
    assert.deepEqual(readJsonText('null', 0), { kind: 'value', value: null, repeatedKeys: [] });
    assert.deepEqual(readJsonText('[]', 0), { kind: 'too-deep', offset: 0 });
  });

  it('untilFound stops at the first place a path is found, once per path even if it is asked twice', () => {
    const text = '{"name": "a", "x": 1, "name": "b"}';
    assert.equal(locatePaths(text, [['name']])[0].source, '"b"', 'the whole pass: the last one, as JSON.parse');
    assert.equal(locatePaths(text, [['name']], { untilFound: true })[0].source, '"a"');
    assert.deepEqual(
      locatePaths(text, [['name'], ['name']], { untilFound: true }).map((location) => location.source),
      ['"a"', '"a"'],
    );
    assert.deepEqual(
      locatePaths(text, [['name'], ['x']], { untilFound: true }).map((location) => location.source),
      ['"a"', '1'],
      'not before every path is found',
    );
  });

  it('on broken text: a value where a key belongs is skipped whole, a missing colon or value is tolerated', () => {
    assert.equal(locatePath('{[{"a": 1}]}', ['a']).exact, false, 'a key inside a misplaced value is no key');
    assert.equal(locatePath('{"a" 1}', ['a']).source, '1');
    const missing = locatePaths('{"a": , "b": 1}', [['a'], ['b']]);
    assert.deepEqual(missing[0].value, { offset: 6, length: 0 });
    assert.equal(missing[1].source, '1');
  });

  it('an unclosed object or list ends at its last token, not at the end of the text', () => {
    assert.equal(locatePaths('{"x": 1  \n', [[], ['x']])[0].source, '{"x": 1');
    assert.equal(locatePaths('[1, 2  \n', [[], [0]])[0].source, '[1, 2');
  });

  it('text that holds no value locates nothing, not even the root', () => {
    for (const text of ['', '  ', '// c', '}'])
      assert.deepEqual(locatePath(text, []), {
        exact: false,
        value: { offset: 0, length: 0 },
        key: undefined,
        source: '',
      });
  });
});

describe('memberRemoval', () => {
  /** The text without the `n`-th occurrence of `item`, as memberRemoval removes it. */
  const without = (text: string, item: string, n = 1): string => {
    let start = -1;
    for (let k = 0; k < n; k++) start = text.indexOf(item, start + 1);
    const spans = memberRemoval(text, start, start + item.length);
    let result = text;
    for (const { offset, length } of [...spans].sort((a, b) => b.offset - a.offset))
      result = result.slice(0, offset) + result.slice(offset + length);
    return result;
  };

  it('takes the comma after an item, else the one before; a lone item alone', () => {
    assert.equal(without('[1, 2, 3]', '2'), '[1, 3]');
    assert.equal(without('[1, 2, 3]', '3'), '[1, 2]');
    assert.equal(without('[1]', '1'), '[]');
    assert.equal(without('{"a": [1], "b": [2]}', '"a": [1]'), '{"b": [2]}');
    assert.equal(without('[1, 2,]', '2'), '[1, ]', 'the trailing comma goes with it');
  });

  it('keeps a comment on either side of the comma, and the text valid', () => {
    assert.equal(without('[1, 1 /* again */, 2]', '1', 2), '[1, /* again */ 2]');
    assert.equal(without('[1, /* again */ 1, 2]', '1', 2), '[1, /* again */ 2]');
    assert.equal(without('[1, 2, /* again */ 1]', '1', 2), '[1, 2 /* again */]');
    assert.equal(without('[1, 2, // again\n  1]', '1', 2), '[1, 2 // again\n]');
    assert.equal(without('[1, 2 /* x */ , /* y */ 1]', '1', 2), '[1, 2 /* x */  /* y */]');
    assert.equal(without('[1, "a,/*", 1]', '1', 2), '[1, "a,/*"]', 'commas and slashes in strings are no tokens');
  });

  it('leaves valid JSONC with every comment, for any item among any blanks and comments', () => {
    const trivia = fc.constantFrom('', ' ', '\n  ', ' /* c */ ', '/* c */', ' // c\n', '\n// c\n  ');
    const listArb = fc.record({
      items: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 5 }),
      blanks: fc.array(trivia, { minLength: 12, maxLength: 12 }),
      object: fc.boolean(),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(listArb, ({ items, blanks, object, pick }) => {
        let text = object ? '{' : '[';
        const spans: [number, number][] = [];
        items.forEach((item, i) => {
          if (i > 0) text += blanks[2 * i - 1] + ',';
          text += blanks[2 * i];
          const start = text.length;
          text += object ? `"k${i}": ${item}` : String(item);
          spans.push([start, text.length]);
        });
        text += blanks[11] + (object ? '}' : ']');
        const k = pick % items.length;
        const removal = memberRemoval(text, spans[k]![0], spans[k]![1]);
        let result = text;
        for (const { offset, length } of [...removal].sort((a, b) => b.offset - a.offset))
          result = result.slice(0, offset) + result.slice(offset + length);
        const errors: ParseError[] = [];
        const value: unknown = parse(result, errors, { allowTrailingComma: false });
        assert.deepEqual(errors, [], result);
        const kept = items.map((item, i) => [i, item] as const).filter(([i]) => i !== k);
        assert.deepEqual(
          value,
          object ? Object.fromEntries(kept.map(([i, item]) => [`k${i}`, item])) : kept.map(([, item]) => item),
        );
        const comments = (t: string) => t.split('// c').length + t.split('/* c */').length;
        assert.equal(comments(result), comments(text), result);
      }),
      { numRuns: 500 },
    );
  });
});
