/**
 * When two preset names look alike: the one rule of the catalog's name clashes and of the name boxes. Names
 * that differ only in case, in Unicode normalization ("é" as one character or as "e" and a combining accent)
 * or by invisible characters (zero-width spaces and joiners, bidi marks and overrides) read the same to a
 * person, so they get a warning; only names equal character for character clash outright.
 */

/**
 * Characters that show nothing: zero-width space, joiners and marks, bidi embeddings, overrides and isolates,
 * word joiner and invisible operators, the byte order mark, the soft hyphen, the combining grapheme joiner,
 * the Arabic letter mark and the Mongolian vowel separator.
 */
const INVISIBLE = /\u034f|[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/gu;
const PLAIN_ASCII = /^[ -~]*$/;
/** What {@link showHiddenCharacters} escapes: the invisible characters and combining marks. */
const HIDDEN = new RegExp(`${INVISIBLE.source}|\\p{M}`, 'gu');

/** The key under which look-alike names meet: equal keys, look-alike names. */
export function lookAlikeKey(name: string): string {
  // Most names are plain ASCII: nothing to normalize and nothing invisible.
  if (PLAIN_ASCII.test(name)) return name.toLowerCase();
  return name.replace(INVISIBLE, '').normalize('NFC').toLowerCase().normalize('NFC');
}

/** True when two different names look alike. */
export function namesLookAlike(a: string, b: string): boolean {
  return a !== b && lookAlikeKey(a) === lookAlikeKey(b);
}

/** True when two look-alike names differ only in case (the rest being the same characters). */
export function differsOnlyInCase(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * A name with what makes it look like another shown: invisible characters and combining marks as `\u{…}`
 * escapes, so a message can tell `"Fast"` from `"Fa\u{200B}st"`.
 */
export function showHiddenCharacters(name: string): string {
  return name.replace(HIDDEN, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}
