/** JSON text as people write presets (src/core/format.ts): the layout, the options, and reading a layout back. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectFormatting, formatJson } from '../../../src/core/format';

describe('formatJson', () => {
  it('writes objects one key per line, lists of scalars on one line', () => {
    assert.equal(
      formatJson({ name: 'A', parameters: { 'tp-size': [1, 2], policy: ['fcfs', null, true] }, tags: [], meta: {} }),
      [
        '{',
        '  "name": "A",',
        '  "parameters": {',
        '    "tp-size": [1, 2],',
        '    "policy": ["fcfs", null, true]',
        '  },',
        '  "tags": [],',
        '  "meta": {}',
        '}',
      ].join('\n'),
    );
  });

  it('writes a list holding an object or a list one item per line, null among them', () => {
    assert.equal(formatJson([null, { a: 1 }]), '[\n  null,\n  {\n    "a": 1\n  }\n]');
    assert.equal(formatJson([[1], 2]), '[\n  [1],\n  2\n]');
    assert.equal(formatJson({ a: [{}, []] }), '{\n  "a": [\n    {},\n    []\n  ]\n}');
  });

  it('leaves out undefined fields, and writes an undefined item as null, as JSON.stringify does', () => {
    assert.equal(formatJson({ a: undefined, b: 1 }), '{\n  "b": 1\n}');
    assert.equal(formatJson({ a: undefined }), '{}');
    assert.equal(formatJson([undefined, 1]), '[null, 1]');
    assert.equal(formatJson('x"y'), '"x\\"y"');
    assert.equal(formatJson(null), 'null');
  });

  it('takes the indentation, the line ending and the indentation of the first line', () => {
    const value = { a: [1], b: { c: [{ d: 2 }] } };
    assert.equal(
      formatJson(value, { indent: '\t', eol: '\r\n', baseIndent: '  ' }),
      '{\r\n  \t"a": [1],\r\n  \t"b": {\r\n  \t\t"c": [\r\n  \t\t\t{\r\n  \t\t\t\t"d": 2\r\n  \t\t\t}\r\n  \t\t]\r\n  \t}\r\n  }',
    );
  });

  it('writes a number as numberText gives it for its path, and as usual where it gives nothing', () => {
    const asked: unknown[] = [];
    const text = formatJson(
      { a: [1, 2.5], b: { c: 3, s: 'str' }, d: [{ e: 4 }] },
      {
        numberText: (path, value) => {
          asked.push([path, value]);
          return value === 1 ? '1.0' : value === 4 ? '4e0' : undefined;
        },
      },
    );
    assert.equal(
      text,
      '{\n  "a": [1.0, 2.5],\n  "b": {\n    "c": 3,\n    "s": "str"\n  },\n  "d": [\n    {\n      "e": 4e0\n    }\n  ]\n}',
    );
    assert.deepEqual(asked, [
      [['a', 0], 1],
      [['a', 1], 2.5],
      [['b', 'c'], 3],
      [['d', 0, 'e'], 4],
    ]);
    assert.equal(formatJson(7, { numberText: (path) => (path.length === 0 ? '7.0' : undefined) }), '7.0');
  });

  it('property: the text reads back to the value', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom('  ', '\t', '    '),
        fc.constantFrom('\n', '\r\n'),
        (value, indent, eol) => {
          assert.deepEqual(JSON.parse(formatJson(value, { indent, eol })), JSON.parse(JSON.stringify(value)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('detectFormatting', () => {
  it('reads the indentation unit and the line ending a document uses', () => {
    assert.deepEqual(detectFormatting('{\n    "a": 1\n}'), { indent: '    ', eol: '\n' });
    assert.deepEqual(detectFormatting('{\r\n  "a": {\r\n    "b": 1\r\n  }\r\n}'), { indent: '  ', eol: '\r\n' });
    assert.deepEqual(detectFormatting('{\n\t\t"a": 1\n}'), { indent: '\t', eol: '\n' });
    assert.deepEqual(detectFormatting('{"a": 1}'), { indent: '  ', eol: '\n' }, 'nothing indented: two spaces');
    assert.deepEqual(
      detectFormatting('{\n   \n   "a": 1\n}'),
      { indent: '   ', eol: '\n' },
      'a blank line is no indentation',
    );
    assert.deepEqual(detectFormatting('{\n \t"a": 1\n}'), { indent: ' \t', eol: '\n' });
  });
});
