/**
 * The shortcuts taken for speed (see docs/PERFORMANCE.md) against the slower code they stand in for:
 * each must give exactly the answer of the general path, or step aside and let it decide.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { analyzePresetText, countKeyColons, plainPresetAnalysis } from '../../../src/core/analyze';
import { formatCount } from '../../../src/core/grid';
import { mergePresets, type MergeInput } from '../../../src/core/merge';
import { MERGE_STRATEGIES, type MergeConflict, type MergeStrategy, type Scalar } from '../../../src/core/model';
import { PRESET_KEYS, passesPresetSchemaQuickly, presetSchemas } from '../../../src/core/schema';
import { blankJsoncExtras, scanOutline, scanStructure } from '../../../src/core/structureScan';
import { LineIndex, rangeInText } from '../../../src/core/text';
import { locatePaths, locatedInTree, type LocatedPath } from '../../../src/core/pathLocator';
import {
  distinctScalars,
  formatScalar,
  formatScalarList,
  hasRepeatedScalar,
  jsonNodeValue,
  sameScalar,
  scalarKey,
} from '../../../src/core/values';

const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.constantFrom<Scalar>(
    0,
    -0,
    1,
    1.0,
    2,
    0.5,
    true,
    false,
    null,
    '1',
    'true',
    'null',
    '',
    'fcfs',
    '"',
    '\\',
    '\u0001',
    '\ud83d',
    '\ud83d\ude00',
    '\u2028',
  ),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 4, unit: 'binary' }),
);

describe('fast paths agree with the general ones', () => {
  describe('scalars', () => {
    it('sameScalar is scalarKey equality; formatScalar is JSON.stringify', () => {
      fc.assert(
        fc.property(scalarArb, scalarArb, (a, b) => {
          assert.equal(sameScalar(a, b), scalarKey(a) === scalarKey(b));
          assert.equal(formatScalar(a), JSON.stringify(a));
        }),
        { numRuns: 500 },
      );
      assert.equal(sameScalar(NaN, NaN), scalarKey(NaN) === scalarKey(NaN));
      assert.equal(
        formatScalarList([1, 'a', null, false, -0, Infinity]),
        JSON.stringify([1, 'a', null, false, -0, Infinity]).replaceAll(',', ', '),
      );
    });

    it('formatScalar writes kept fraction texts exactly as JSON.stringify, again and after the table empties', () => {
      // More distinct fractions than the table keeps (4,096), each formatted twice, some of them later again.
      const fractions = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? -1 : 1) * (i / 7 + 1e-9 * i));
      for (const value of fractions) {
        assert.equal(formatScalar(value), JSON.stringify(value));
        assert.equal(formatScalar(value), JSON.stringify(value));
      }
      for (const value of [fractions[3], fractions[9_999], 0.1, -0.1, 1e-7, 1.5e300, -0, 0, 5e-324])
        assert.equal(formatScalar(value), JSON.stringify(value));
    });

    it('distinctScalars and hasRepeatedScalar match a scalarKey set, for short and long lists', () => {
      const reference = (values: readonly Scalar[]): Scalar[] => {
        const seen = new Set<string>();
        return values.filter((value) => !seen.has(scalarKey(value)) && seen.add(scalarKey(value)));
      };
      fc.assert(
        fc.property(fc.array(scalarArb, { maxLength: 60 }), (values) => {
          const expected = reference(values);
          assert.deepEqual(distinctScalars(values), expected);
          assert.equal(hasRepeatedScalar(values), expected.length !== values.length);
          assert.notEqual(distinctScalars(values), values, 'a fresh array, never the input');
        }),
        { numRuns: 300 },
      );
    });

    it('hasRepeatedScalar finds repeats in long lists of long values, of values built alike, of zeros and NaNs', () => {
      const longValue = fc.oneof(
        fc.string({ minLength: 20, maxLength: 80, unit: 'binary' }),
        fc.stringMatching(/^\/models\/[a-z]{3,12}-[0-9]{1,3}b\/[a-z0-9-]{5,30}$/),
        fc.double({ noNaN: true }),
        fc.integer(),
      );
      fc.assert(
        fc.property(
          fc.uniqueArray(longValue, { minLength: 17, maxLength: 200, comparator: (a, b) => sameScalar(a, b) }),
          fc.nat(),
          fc.nat(),
          (list, from, to) => {
            assert.equal(hasRepeatedScalar(list), false);
            const repeated = [...list];
            repeated.splice(to % (list.length + 1), 0, list[from % list.length]);
            assert.equal(hasRepeatedScalar(repeated), true, JSON.stringify(repeated));
          },
        ),
        { numRuns: 300 },
      );
      // Strings alike in length and in every character the fingerprint reads (of 19: every third, and the
      // last three), differing only at positions 1, 2 and 4: the table gives way to a Set.
      const alike = Array.from({ length: 500 }, (_, i) => {
        const digits = String(i).padStart(3, '0');
        return `a${digits[0]}${digits[1]}a${digits[2]}${'x'.repeat(14)}`;
      });
      assert.equal(hasRepeatedScalar(alike), false);
      assert.equal(hasRepeatedScalar([...alike, alike[250]]), true);
      const numbers = Array.from({ length: 40 }, (_, i) => i + 1);
      assert.equal(hasRepeatedScalar([...numbers, -0, 0]), true);
      assert.equal(hasRepeatedScalar([...numbers, NaN, NaN]), true);
      assert.equal(hasRepeatedScalar([...numbers, 0, NaN, true, false, null, '']), false);
    });
  });

  describe('passesPresetSchemaQuickly', () => {
    const presetFileSchema = presetSchemas().presetFile;

    it('PRESET_KEYS are the keys of the preset schema', () => {
      assert.deepEqual([...PRESET_KEYS].sort(), Object.keys(presetFileSchema.shape).sort());
    });

    const finiteScalar = scalarArb.filter((v) => typeof v !== 'number' || Number.isFinite(v));
    const valid = fc.record(
      {
        name: fc.string({ minLength: 1, maxLength: 40 }).filter((name) => /\S/.test(name)),
        description: fc.oneof(fc.string(), fc.constant(null)),
        category: fc.oneof(fc.string({ maxLength: 100 }), fc.constant(null)),
        runtime: fc.constantFrom('sglang', 'vllm', null),
        parameters: fc.dictionary(
          fc.string({ minLength: 1, maxLength: 6 }).filter((key) => key !== '__proto__'),
          fc.array(finiteScalar, { minLength: 1, maxLength: 4 }),
          { minKeys: 1, maxKeys: 5 },
        ),
        metadata: fc.oneof(
          fc.constant(null),
          fc.record(
            {
              author: fc.string(),
              tags: fc.array(fc.string()),
              recommended_for: fc.oneof(fc.string(), fc.array(fc.string())),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: ['name', 'parameters'] },
    );
    /** A value for each field that may or may not be allowed there. */
    const wildField = fc.oneof(
      fc.record({ field: fc.constant('$schema'), value: fc.oneof(fc.string(), fc.integer()) }),
      fc.record({
        field: fc.constant('name'),
        value: fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.constantFrom(
            '',
            '  ',
            '\n',
            ' x ',
            'x'.repeat(255),
            ' ' + 'x'.repeat(255),
            'x'.repeat(256),
            '😀'.repeat(200),
            '😀'.repeat(256),
          ),
          fc.integer(),
          fc.constant(null),
        ),
      }),
      fc.record({
        field: fc.constant('description'),
        value: fc.oneof(fc.string(), fc.constant(null), fc.integer(), fc.constant([])),
      }),
      fc.record({
        field: fc.constant('category'),
        value: fc.oneof(
          fc.string({ maxLength: 120 }),
          fc.constant(null),
          fc.constantFrom('c'.repeat(100), 'c'.repeat(101), '😀'.repeat(50), '😀'.repeat(51)),
          fc.boolean(),
        ),
      }),
      fc.record({
        field: fc.constant('runtime'),
        value: fc.constantFrom('sglang', 'vllm', null, 'tgi', 'SGLANG', 3, []),
      }),
      fc.record({
        field: fc.constant('parameters'),
        value: fc.oneof(
          fc.dictionary(
            fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('', '__proto__', 'constructor', 'toString')),
            fc.oneof(
              fc.array(fc.oneof(scalarArb, fc.constant({}), fc.constant([]), fc.constant(Infinity)), { maxLength: 4 }),
              scalarArb,
            ),
            { maxKeys: 4 },
          ),
          fc.constantFrom([], null, 'tp-size', {}),
        ),
      }),
      fc.record({
        field: fc.constant('metadata'),
        value: fc.oneof(
          fc.constantFrom(null, 3, [], 'm'),
          fc.record(
            {
              author: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
              tags: fc.oneof(fc.array(fc.string()), fc.array(fc.oneof(fc.string(), fc.integer())), fc.string()),
              recommended_for: fc.oneof(fc.string(), fc.array(fc.string()), fc.array(fc.boolean()), fc.constant(null)),
              runtime: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
        ),
      }),
      fc.record({ field: fc.constantFrom('extra', 'id', 'is_system'), value: fc.jsonValue() }),
    );
    const candidate = fc.oneof(
      fc
        .tuple(
          valid,
          fc.array(wildField, { maxLength: 2 }),
          fc.subarray(['name', 'parameters', 'metadata', 'category']),
        )
        .map(([preset, fields, dropped]) => {
          const value: Record<string, unknown> = { ...preset };
          for (const { field, value: fieldValue } of fields) value[field] = fieldValue;
          for (const field of dropped) if (fields.length === 0) delete value[field];
          return value;
        }),
      // A valid preset with one odd item in one list.
      fc
        .tuple(valid, fc.constantFrom<unknown>(Infinity, -Infinity, {}, [], [1], 'x', 0, null))
        .map(([preset, item]) => {
          const parameters = { ...preset.parameters };
          const first = Object.keys(parameters)[0];
          parameters[first] = [...parameters[first], item as Scalar];
          return { ...preset, parameters };
        }),
      fc.jsonValue(),
    );
    // Through JSON text, as files arrive: JSON.parse makes "__proto__" an own key, and 1e999 Infinity.
    const throughJson = (value: unknown): unknown =>
      JSON.parse(
        JSON.stringify(value, (_, v: unknown) => (v === Infinity ? '__INF__' : v === -Infinity ? '__-INF__' : v))
          .replace(/"__INF__"/g, '1e999')
          .replace(/"__-INF__"/g, '-1e999'),
      );

    it('says yes only where zod says yes', () => {
      let yes = 0;
      fc.assert(
        fc.property(candidate, (value) => {
          const parsed = throughJson(value);
          if (passesPresetSchemaQuickly(parsed)) {
            yes++;
            assert.ok(presetFileSchema.safeParse(parsed).success, JSON.stringify(parsed));
          }
        }),
        { numRuns: 3000 },
      );
      assert.ok(yes > 300, `only ${yes} candidates passed: the property tests too little`);
    });

    it('says no to each way of breaking a valid preset', () => {
      const base = {
        name: 'Fast',
        description: 'd',
        category: 'c',
        runtime: 'sglang',
        parameters: { 'tp-size': [1, 2], mode: ['a', true, null] },
        metadata: { author: 'a', tags: ['t'], recommended_for: 'r' },
      };
      assert.ok(passesPresetSchemaQuickly(base));
      const broken: Record<string, unknown>[] = [
        { $schema: 1 },
        { name: undefined },
        { name: '' },
        { name: ' \n ' },
        { name: 'x'.repeat(256) },
        { name: 3 },
        { description: 3 },
        { category: 'c'.repeat(101) },
        { category: false },
        { runtime: 'tgi' },
        { runtime: 0 },
        { parameters: undefined },
        { parameters: {} },
        { parameters: [] },
        { parameters: { '': [1] } },
        { parameters: { a: [] } },
        { parameters: { a: 1 } },
        { parameters: { a: [Infinity] } },
        { parameters: { a: [NaN] } },
        { parameters: { a: [{}] } },
        { parameters: { a: [[1]] } },
        { metadata: 3 },
        { metadata: [] },
        { metadata: { author: 1 } },
        { metadata: { tags: 't' } },
        { metadata: { tags: [1] } },
        { metadata: { recommended_for: [1] } },
        { metadata: { recommended_for: 1 } },
      ];
      for (const change of broken) {
        const value = { ...base, ...change };
        assert.equal(presetFileSchema.safeParse(value).success, false, `zod accepts ${JSON.stringify(change)}`);
        assert.equal(passesPresetSchemaQuickly(value), false, JSON.stringify(change));
      }
      assert.equal(passesPresetSchemaQuickly(null), false);
      assert.equal(passesPresetSchemaQuickly([base]), false);
    });

    it('the one-walk analysis of a plainly valid preset gives what the general path gives, or steps aside', () => {
      /** The candidate as a file might hold it: pretty or compact, sometimes a key written twice or a colon spaced out. */
      const textArb = fc.tuple(
        fc.oneof(valid, candidate),
        fc.constantFrom(0, 2, '\t'),
        fc.constantFrom(
          'as is',
          'repeat name',
          'repeat a parameter',
          'space before colon',
          'escaped colon',
          'escaped surrogate',
          'comment',
        ),
      );
      let plain = 0;
      fc.assert(
        fc.property(textArb, ([value, indent, twist]) => {
          let text = JSON.stringify(throughJson(value), null, indent);
          if (twist === 'repeat name') text = text.replace(/^\{/, '{"name": "first", ');
          if (twist === 'repeat a parameter')
            text = text.replace(/"parameters":\s*\{/, (open) => `${open}"p": [1], "p": [2], `);
          if (twist === 'space before colon') text = text.replace(/":/, '" :');
          if (twist === 'escaped colon') text = text.replace(/":\s*"/, '": "\\u003a');
          if (twist === 'escaped surrogate') text = text.replace(/":\s*"/, '": "\\ud800');
          if (twist === 'comment') text = `// a comment: with a colon\n${text}`;
          const general = analyzePresetText(text, { generalPathOnly: true });
          // Whatever the file, the shortcuts together (this one, locating problems without the tree) change nothing.
          assert.deepStrictEqual(analyzePresetText(text), general, text);
          let parsed: unknown;
          let jsonText = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            jsonText = blankJsoncExtras(text) ?? '';
            try {
              parsed = JSON.parse(jsonText);
            } catch {
              return;
            }
          }
          const quick = plainPresetAnalysis(text, jsonText, parsed);
          if (quick === undefined) return;
          plain++;
          assert.deepStrictEqual(quick, general, text);
        }),
        { numRuns: 3000 },
      );
      assert.ok(plain > 250, `only ${plain} candidates took the shortcut: the property tests too little`);
    });

    it('says yes to ordinary valid presets, so they skip zod', () => {
      fc.assert(
        fc.property(valid, (value) => {
          const parsed = throughJson(value);
          assert.ok(presetFileSchema.safeParse(parsed).success);
          assert.ok(passesPresetSchemaQuickly(parsed), JSON.stringify(parsed));
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('scanOutline', () => {
    /** JSONC text: JSON with random whitespace, comments and trailing commas, sometimes an envelope. */
    const jsoncArb = fc
      .tuple(
        fc.jsonValue({ maxDepth: 4 }),
        fc.boolean(),
        fc.array(fc.constantFrom(' ', '\n', '\r\n', '\t', '/* c */', '// c\n', ''), { minLength: 1, maxLength: 6 }),
        fc.nat(),
      )
      .map(([value, envelope, gaps, seed]) => {
        const root = envelope
          ? {
              version: '1.0',
              preset: {
                name: 'x',
                ...(typeof value === 'object' && value && !Array.isArray(value) ? value : { v: value }),
              },
            }
          : value;
        let k = seed;
        return JSON.stringify(root, null, 1)
          .replace(/\n/g, () => gaps[k++ % gaps.length] + '\n')
          .replace(/(\d)\n(\s*)([}\]])/g, (_, d, s, c) => (k++ % 3 === 0 ? `${d},\n${s}${c}` : `${d}\n${s}${c}`));
      });
    const countKeysInTree = (node: Node | undefined): number =>
      !node
        ? 0
        : (node.type === 'property' ? 1 : 0) +
          (node.children ?? []).reduce((sum, child) => sum + countKeysInTree(child), 0);

    it('finds the same depth failure and name tokens as scanStructure, and counts every key written', () => {
      fc.assert(
        fc.property(jsoncArb, (text) => {
          const outline = scanOutline(text, 64);
          const full = scanStructure(text, 64);
          assert.equal(outline.tooDeepAt, full.tooDeepAt);
          assert.deepEqual(outline.rootName, full.rootName);
          assert.deepEqual(outline.envelopeName, full.envelopeName);
          assert.equal(outline.keyCount, countKeysInTree(parseTree(text, [], { allowTrailingComma: true })));
        }),
        { numRuns: 400 },
      );
    });

    it('agrees with scanStructure on broken and hostile text too', () => {
      const piece = fc.constantFrom(
        '{',
        '}',
        '[',
        ']',
        ':',
        ',',
        '"name"',
        '"preset"',
        '"x',
        '\\"',
        '\n',
        '\r',
        '/*',
        '*/',
        '//',
        '"a"',
        ' ',
        '1',
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (pieces, depth) => {
          const text = pieces.join('');
          const outline = scanOutline(text, depth);
          const full = scanStructure(text, depth);
          assert.equal(outline.tooDeepAt, full.tooDeepAt);
          if (full.tooDeepAt === undefined) {
            assert.deepEqual(outline.rootName, full.rootName);
            assert.deepEqual(outline.envelopeName, full.envelopeName);
          }
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('blankJsoncExtras', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '{',
        '}',
        '[',
        ']',
        ':',
        ',',
        ', ',
        '"name"',
        '"a"',
        '"x:y"',
        '1',
        'true',
        'null',
        ' ',
        '\n',
        '\r\n',
        '/* c */',
        '/* a\nb */',
        '// c\n',
        '/*',
        '//',
        '*/',
        '"/*"',
        '"//"',
        '\\"',
      ),
      fc.constantFrom(
        '{"a": 1, }',
        '[1, 2, ]',
        '[1,,]',
        '[,]',
        '{,}',
        '{"a": [1, /* c */ ], }',
        '[1 // c\n, ]',
        '-/**/1',
        '[1 /* x */ 2]',
      ),
    );
    const jsoncish = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

    it('keeps length and line breaks, and JSON.parse of it reads what jsonc-parser reads', () => {
      let parsed = 0;
      fc.assert(
        fc.property(
          fc.oneof(
            jsoncish,
            fc.jsonValue().map((v) =>
              JSON.stringify(v, null, 1)
                .replace(/\n/g, ' // note\n')
                .replace(/(\d)\n(\s*)\]/g, '$1,\n$2]'),
            ),
          ),
          (text) => {
            const blanked = blankJsoncExtras(text);
            if (blanked === undefined) return;
            assert.equal(blanked.length, text.length);
            for (let i = 0; i < text.length; i++) {
              const ch = text[i];
              if (ch === '\n' || ch === '\r') assert.equal(blanked[i], ch, `line break at ${i}`);
              else assert.ok(blanked[i] === ch || blanked[i] === ' ', `only blanked at ${i}`);
            }
            let value: unknown;
            try {
              value = JSON.parse(blanked);
            } catch {
              return;
            }
            parsed++;
            const errors: ParseError[] = [];
            const tree = parseTree(text, errors, {
              allowTrailingComma: true,
              disallowComments: false,
              allowEmptyContent: true,
            });
            assert.deepEqual(
              errors,
              [],
              `jsonc-parser refuses ${JSON.stringify(text)}, JSON.parse took ${JSON.stringify(blanked)}`,
            );
            assert.deepEqual(jsonNodeValue(tree!), value);
          },
        ),
        { numRuns: 2000 },
      );
      assert.ok(parsed > 100, `only ${parsed} texts parsed`);
    });

    it('leaves what jsonc-parser refuses for it to report', () => {
      for (const text of ['[1,,]', '[,]', '{,}', '{"a": 1,,}', '[1 /* x */ 2]', '-/**/1', '{"a": 1} /* not closed']) {
        const blanked = blankJsoncExtras(text);
        assert.throws(() => JSON.parse(blanked ?? text), SyntaxError, text);
      }
      assert.equal(
        blankJsoncExtras('{"a": [1, /* c */ ], // d\n}'),
        '{"a": [1' + ' '.repeat(10) + ']' + ' '.repeat(6) + '\n}',
      );
      assert.equal(blankJsoncExtras('{"a": "//", "b": "/*"}'), undefined);
      assert.deepEqual(JSON.parse(blankJsoncExtras('{"a": [1,] /* c */ ,}')!), { a: [1] });
    });
  });

  it('repeated keys are found exactly as scanStructure finds them, whatever colons the strings hold', () => {
    const key = fc.constantFrom(
      '"a"',
      '"b"',
      '"a:b"',
      '"\\u0061"',
      '"\\u003a"',
      '"name"',
      '"parameters"',
      '"a\\\\"',
      '"\\""',
    );
    // Strings that hold colons right after a quote, escaped or not, and after blanks.
    const scalar = fc.constantFrom(
      '1',
      '"x"',
      '"x:y"',
      '"\\u003a"',
      '":"',
      '" :x"',
      '"\\":"',
      '"\\" : "',
      '"\\\\\\":"',
      'null',
    );
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
    fc.assert(
      fc.property(objectText(2), fc.boolean(), (text, comment) => {
        const source = comment ? text.replace('{', '{ /* a: b */') : text;
        // The bound the shortcut relies on: never fewer key colons than keys written.
        assert.ok(countKeyColons(text) >= scanOutline(text, 64).keyCount, text);
        const found = analyzePresetText(source)
          .diagnostics.filter((d) => d.code === 'duplicate-key')
          .map((d) => d.range.offset);
        const expected = scanStructure(source, 64).duplicateKeys.map((d) => d.offset);
        assert.deepEqual(found, expected.slice(0, found.length), source);
        assert.equal(found.length, Math.min(expected.length, 100), source);
      }),
      { numRuns: 1500 },
    );
  });

  it("locatePaths finds what jsonc-parser's tree finds, for paths that exist and paths that do not", () => {
    /** The tree's answer, as analyze finds it where it has built the tree. */
    const inTree = (text: string, path: readonly (string | number)[]): LocatedPath =>
      locatedInTree(parseTree(text)!, path);
    /** Every path of a value, and some that go one step too far or name what is not there. */
    const pathsOf = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
      const paths: (string | number)[][] = [prefix, [...prefix, 'missing'], [...prefix, 7]];
      if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
      else if (value !== null && typeof value === 'object')
        for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
      return paths;
    };
    const keyArb = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.constantFrom('a"b', 'a\\', '\\"', ':', 'x: y', '0', '__proto__'),
    );
    const valueArb = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 0 }),
        fc.constantFrom('"', '\\', '\\"', '{"a": 1}', '[', '}'),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(valueArb, fc.constantFrom(0, 1, '\t'), fc.boolean(), (value, indent, crlf) => {
        let text = JSON.stringify(value, null, indent);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const paths = pathsOf(JSON.parse(text));
        const located = locatePaths(text, paths);
        paths.forEach((path, k) =>
          assert.deepStrictEqual(located[k], inTree(text, path), `${JSON.stringify(path)} in ${text}`),
        );
      }),
      { numRuns: 500 },
    );
    // A key written twice: the last one counts, and nothing found under the first one is kept.
    for (const text of [
      '{"a": {"b": [1, 2, 3]}, "a": {"c": 1}}',
      '{"a": [1, {"x": 2}], "b": 0, "a": [3]}',
      '{"a": 1, "a": {"b": 2}}',
    ]) {
      const paths = [['a'], ['a', 'b'], ['a', 'b', 2], ['a', 'c'], ['a', 1, 'x'], ['a', 0], ['b']];
      const located = locatePaths(text, paths);
      paths.forEach((path, k) =>
        assert.deepStrictEqual(located[k], inTree(text, path), `${JSON.stringify(path)} in ${text}`),
      );
    }
  });

  it('formatCount writes what toLocaleString("en-US") writes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.maxSafeNat(), fc.constantFrom(0, 999, 1000, 10_000, 1_000_000)), (count) => {
        assert.equal(formatCount(count), count.toLocaleString('en-US'));
      }),
      { numRuns: 500 },
    );
  });

  it('rangeInText is LineIndex.rangeAt', () => {
    const textArb = fc
      .array(fc.constantFrom('a', 'é', '\n', '\r', '\r\n', '😀', ' '), { maxLength: 30 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        textArb,
        fc.integer({ min: -2, max: 40 }),
        fc.integer({ min: -2, max: 10 }),
        (text, offset, length) => {
          assert.deepEqual(rangeInText(text, offset, length), new LineIndex(text).rangeAt(offset, length));
        },
      ),
      { numRuns: 1000 },
    );
  });

  describe('mergePresets with long lists (searched through a Map) against a plain reference', () => {
    // The merge as first written: string keys for every comparison, no shortcuts.
    function referenceMerge(presets: readonly MergeInput[], strategy: MergeStrategy) {
      const distinct = (values: readonly Scalar[]) => {
        const seen = new Set<string>();
        return values.filter((value) => !seen.has(scalarKey(value)) && seen.add(scalarKey(value)));
      };
      const lists = presets.map(
        (preset) =>
          new Map(Object.entries(preset.parameters).map(([parameter, values]) => [parameter, distinct(values)])),
      );
      const names = presets.map((preset) => preset.name);
      const order = [...new Set(lists.flatMap((list) => [...list.keys()]))];
      const parameters: [string, Scalar[]][] = [];
      const sources: [string, string[][]][] = [];
      const conflicts: MergeConflict[] = [];
      const same = (a: readonly Scalar[], b: readonly Scalar[]) =>
        a.length === b.length && a.every((value, i) => scalarKey(value) === scalarKey(b[i]));
      const format = (values: readonly Scalar[]) => '[' + values.map((value) => JSON.stringify(value)).join(', ') + ']';
      for (const parameter of order) {
        if (presets.length === 1 || strategy === 'union') {
          const values: Scalar[] = [];
          const from: string[][] = [];
          lists.forEach((list, i) => {
            for (const value of list.get(parameter) ?? []) {
              let at = values.findIndex((v) => scalarKey(v) === scalarKey(value));
              if (at < 0) at = values.push(value) - 1;
              (from[at] ??= []).push(names[i]);
            }
          });
          parameters.push([parameter, values]);
          sources.push([parameter, from]);
        } else if (strategy === 'intersection') {
          const lacking = names.filter((_, i) => !lists[i].has(parameter));
          if (lacking.length) {
            conflicts.push({ parameter, kind: 'missing', reason: '', presets: lacking });
            continue;
          }
          const per = lists.map((list) => list.get(parameter)!);
          const common = per[0].filter((value) =>
            per.every((list) => list.some((v) => scalarKey(v) === scalarKey(value))),
          );
          if (!common.length) {
            conflicts.push({
              parameter,
              kind: 'empty_intersection',
              reason: '',
              values: Object.fromEntries(names.map((name, i) => [name, per[i]])),
            });
            continue;
          }
          parameters.push([parameter, common]);
          sources.push([parameter, common.map(() => [...names])]);
        } else {
          let winner = -1;
          lists.forEach((list, i) => {
            const values = list.get(parameter);
            if (!values) return;
            if (winner >= 0 && !same(lists[winner].get(parameter)!, values)) {
              const previous = lists[winner].get(parameter)!;
              conflicts.push({
                parameter,
                kind: 'overridden',
                reason: `${names[i]} sets "${parameter}" to ${format(values)}, replacing ${format(previous)} from ${names[winner]}`,
                preset: names[winner],
                overridden_by: names[i],
                previous_values: previous,
                new_values: values,
              });
            }
            winner = i;
          });
          const values = [...lists[winner].get(parameter)!];
          parameters.push([parameter, values]);
          sources.push([parameter, values.map(() => [names[winner]])]);
        }
      }
      return { parameters: Object.fromEntries(parameters), sources: Object.fromEntries(sources), conflicts };
    }

    // Mostly small integers, so lists share values and run past 16 distinct ones (where a Map takes over).
    const longList = fc.array(
      fc.oneof({ arbitrary: fc.integer({ min: 0, max: 40 }), weight: 4 }, { arbitrary: scalarArb, weight: 1 }),
      { minLength: 1, maxLength: 60, size: 'max' },
    );
    const presetsArb = fc
      .array(
        fc.dictionary(fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor'), longList, { minKeys: 1, maxKeys: 4 }),
        { minLength: 1, maxLength: 4 },
      )
      .map((grids) => grids.map((parameters, i) => ({ name: `P${i}`, parameters, runtime: null })));

    it('gives the same parameters, sources and conflicts', () => {
      fc.assert(
        fc.property(presetsArb, fc.constantFrom(...MERGE_STRATEGIES), (presets, strategy) => {
          const actual = mergePresets(presets, strategy);
          const expected = referenceMerge(presets, strategy);
          assert.deepEqual(actual.parameters, expected.parameters);
          assert.deepEqual(actual.sources, expected.sources);
          const withoutReason = (conflicts: readonly MergeConflict[]) =>
            conflicts.map((c) => (c.kind === 'overridden' ? c : { ...c, reason: '' }));
          assert.deepEqual(withoutReason(actual.conflicts), withoutReason(expected.conflicts));
        }),
        { numRuns: 300 },
      );
    });
  });
});
