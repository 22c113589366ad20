/**
 * The name's range of a file with nothing to report is found only when asked (src/core/analyze.ts). Asked
 * after the fact, it must be the range the eager path finds for a file with problems: the same locator, the
 * same positions, whatever the text holds around the name.
 */
import * as assert from 'node:assert/strict';
import { analyzePresetBytes, analyzePresetText, withoutPreset } from '../../../src/core/analyze';
import { locatePath } from '../../../src/core/jsonText';
import { LineIndex } from '../../../src/core/text';

/** The name's range as found with a line index of the whole text, as the path with diagnostics finds it. */
function eagerNameRange(text: string, path: (string | number)[] = ['name']) {
  const location = locatePath(text, path);
  assert.ok(location.exact, 'the test text writes a name');
  return new LineIndex(text).rangeAt(location.value.offset, location.value.length);
}

/** The same text with an unknown key added at the end, so it has a warning and takes the eager path. */
function withWarning(text: string): string {
  const end = text.lastIndexOf('}');
  const comma = text.slice(0, end).trimEnd().endsWith(',') ? '' : ', ';
  return `${text.slice(0, end)}${comma}"zz-unknown": 1${text.slice(end)}`;
}

const TEXTS: Record<string, string> = {
  plain: '{"name": "Fast", "parameters": {"tp-size": [1, 2]}}',
  'name after the grid, on line 4': '{\n  "parameters": {"tp-size": [1, 2]},\n\n  "name": "Fast"\n}',
  'CRLF line breaks': '{\r\n  "description": null,\r\n  "name": "Fast",\r\n  "parameters": {"a": [1]}\r\n}',
  'comments before the name':
    '// owner: ops\n{\n  /* the name */ "name": "Fast", // here\n  "parameters": {"a": [1]}\n}',
  'a trailing comma and a comment': '{\n  "parameters": {"a": [1],},\n  // next\n  "name": "Fast",\n}',
  'escapes in the name and a key':
    '{"p\\u0061rameters": {"a": ["\\"x\\""]}, "name": "F\\u00e4st \\ud83d\\ude80 \\"q\\""}',
  'a nested "name" key before the name': '{"metadata": {"name": "not this"}, "parameters": {"a": [1]}, "name": "Fast"}',
  'an export envelope': '{"version": "1.0", "preset": {"parameters": {"a": [1]}, "name": "Fast"}}',
  'wide characters before the name': '{"description": "日本語 🚀 ✓", "parameters": {"a": ["é"]}, "name": "Fast"}',
};

describe('the name range found only when asked', () => {
  for (const [label, text] of Object.entries(TEXTS)) {
    it(`${label}: the range asked for later equals the eager one`, () => {
      const path = text.includes('"preset"') ? ['preset', 'name'] : ['name'];
      const analysis = analyzePresetText(text);
      assert.deepEqual(analysis.diagnostics, []);
      const eager = analyzePresetText(withWarning(text));
      assert.equal(eager.diagnostics.length, 1, 'the eager text has its one warning');
      assert.deepEqual(analysis.nameRange, eagerNameRange(text, path));
      assert.deepEqual(analysis.nameRange, eager.nameRange);
      assert.equal(analysis.nameRange, analysis.nameRange, 'found once, then kept');
    });
  }

  it('a byte order mark: offsets and positions without it, as from bytes and from text', () => {
    const text = '{\n  "parameters": {"a": [1]},\n  "name": "Fast"\n}';
    const fromText = analyzePresetText('\ufeff' + text);
    const fromBytes = analyzePresetBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text)]));
    assert.deepEqual(fromText.nameRange, eagerNameRange(text));
    assert.deepEqual(fromBytes.nameRange, eagerNameRange(text));
    assert.deepEqual(fromText.nameRange, {
      offset: 40,
      length: 6,
      start: { line: 2, character: 10 },
      end: { line: 2, character: 16 },
    });
  });

  it('a name written twice takes the eager path and names the last one, as JSON.parse reads it', () => {
    const text = '{"name": "First", "parameters": {"a": [1]}, "name": "Fast"}';
    const analysis = analyzePresetText(text);
    assert.equal(analysis.name, 'Fast');
    assert.equal(analysis.diagnostics.length, 1);
    assert.equal(
      text.slice(analysis.nameRange!.offset, analysis.nameRange!.offset + analysis.nameRange!.length),
      '"Fast"',
    );
  });

  it('no name, or a blank one: no range, asked before or after dropping the preset', () => {
    for (const text of ['{"name": "  ", "parameters": {"a": [1]}}', '{"parameters": {"a": [1]}}']) {
      const analysis = analyzePresetText(text);
      assert.equal(analysis.nameRange, undefined);
      assert.equal(withoutPreset(analysis).nameRange, undefined);
    }
  });

  it('without its preset, an analysis keeps its name, category and range, asked before or after', () => {
    const text = '{"category": "c", "parameters": {"a": [1]},\n "name": "Fast"}';
    const before = analyzePresetText(text);
    const asked = before.nameRange;
    const dropped = withoutPreset(before);
    assert.equal(dropped.preset, undefined);
    assert.equal(dropped.name, 'Fast');
    assert.equal(dropped.category, 'c');
    assert.equal(dropped.isEnvelope, false);
    assert.deepEqual(dropped.diagnostics, []);
    assert.deepEqual(dropped.nameRange, asked);

    const notAsked = withoutPreset(analyzePresetText(text));
    assert.equal(notAsked.preset, undefined);
    assert.deepEqual(notAsked.nameRange, eagerNameRange(text));
    const withProblems = withoutPreset(analyzePresetText(withWarning(text)));
    assert.equal(withProblems.preset, undefined);
    assert.deepEqual(withProblems.nameRange, eagerNameRange(text));
    assert.equal(withProblems.diagnostics.length, 1);
  });
});
