/** When two preset names look alike (src/core/lookAlikeNames.ts), character by character. */
import * as assert from 'node:assert/strict';
import {
  differsOnlyInCase,
  lookAlikeKey,
  namesLookAlike,
  showHiddenCharacters,
} from '../../../src/core/lookAlikeNames';

const invisible = [
  '\u034f',
  '\u00ad',
  '\u061c',
  '\u180e',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202c',
  '\u202e',
  '\u2060',
  '\u2062',
  '\u2064',
  '\u2066',
  '\u2069',
  '\u206f',
  '\ufeff',
];
// Next to those ranges, but visible (or at least not ignored): a hyphen, separators, spaces.
const visible = ['\u200a', '\u2010', '\u2029', '\u202f', '\u2065', '\u2070', '\u00ac', '\u00ae', '\ufefe', '\u034e'];

describe('look-alike names', () => {
  it('ignore each invisible character, and no character next to them', () => {
    for (const c of invisible) {
      assert.equal(lookAlikeKey(`Fa${c}st`), 'fast', `U+${c.codePointAt(0)!.toString(16)}`);
      assert.equal(namesLookAlike(`Fa${c}st`, 'Fast'), true);
    }
    for (const c of visible)
      assert.equal(namesLookAlike(`Fa${c}st`, 'Fast'), false, `U+${c.codePointAt(0)!.toString(16)}`);
  });

  it('meet across Unicode forms and case, in any script; a name does not look like itself', () => {
    assert.equal(namesLookAlike('Caf\u00e9', 'cafe\u0301'), true);
    assert.equal(namesLookAlike('\u00c9t\u00e9', '\u00e9T\u00c9'), true);
    assert.equal(namesLookAlike('Fast', 'FAST'), true);
    assert.equal(namesLookAlike('Fast', 'Fast'), false);
    assert.equal(namesLookAlike('Fast', 'Faster'), false);
    assert.equal(lookAlikeKey('Plain Name-1'), 'plain name-1');
    assert.equal(lookAlikeKey('\u0130'), '\u0130'.toLowerCase().normalize('NFC'));
    // Names with no ASCII letter at all: Cyrillic "ё" as one character or as "е" and a diaeresis, and a
    // zero-width space between two letters.
    assert.equal(namesLookAlike('\u0451\u0436', '\u0435\u0308\u0416'), true);
    assert.equal(namesLookAlike('\u0424\u200b\u0411', '\u0444\u0431'), true);
    assert.equal(lookAlikeKey('\u0424\u200b\u0411'), '\u0444\u0431');
  });

  it('tell a difference in case from any other', () => {
    assert.equal(differsOnlyInCase('Fast', 'fAST'), true);
    assert.equal(differsOnlyInCase('Fast', 'Fa\u200bst'), false);
    assert.equal(differsOnlyInCase('Caf\u00e9', 'cafe\u0301'), false);
  });

  it('show invisible characters and combining marks as escapes, and nothing else', () => {
    assert.equal(showHiddenCharacters('Fa\u200bst'), 'Fa\\u{200B}st');
    assert.equal(showHiddenCharacters('cafe\u0301 \u00e9'), 'cafe\\u{301} \u00e9');
    assert.equal(showHiddenCharacters('\ufeffa\u034fb\u20dd'), '\\u{FEFF}a\\u{34F}b\\u{20DD}');
    assert.equal(showHiddenCharacters('Plain – name 高'), 'Plain – name 高');
  });
});
