/** File names and files at their edges (src/core/exchange.ts): UTF-8 byte bounds, the final line break. */
import * as assert from 'node:assert/strict';
import { serializeExport, serializePresetFile, slugifyPresetName } from '../../../src/core/exchange';
import { preset } from '../helpers/presets';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('slugs and files at their edges', () => {
  it('count each letter in the UTF-8 bytes it takes at every width boundary, and stop at 200 bytes', () => {
    const cases: [string, number][] = [
      ['漢'.repeat(66) + 'ab', 68], // 198 + 2 bytes: all of it
      ['漢'.repeat(66) + 'abc', 68], // one byte too many: the last letter goes
      ['\u0800'.repeat(67), 66], // the first three-byte letter
      ['\u07d0'.repeat(101), 100], // two-byte letters: 100 characters first
      ['\u{10000}'.repeat(51), 50], // the first four-byte letter
      ['\u{20000}'.repeat(51), 50],
    ];
    for (const [name, length] of cases) {
      const slug = slugifyPresetName(name);
      assert.equal([...slug].length, length, name.slice(0, 3));
      assert.ok(bytes(slug) <= 200);
    }
  });

  it('a preset file and an export end with one line break', () => {
    const p = preset('A', { a: [1] });
    for (const text of [serializePresetFile(p), serializeExport(p)]) {
      assert.ok(text.endsWith('}\n'), JSON.stringify(text.slice(-3)));
      assert.ok(!text.endsWith('\n\n'));
    }
  });
});
