/**
 * How a message lists names in a sentence: one way for the merge's conflicts and warnings and for the Merge
 * Preview's cards, so that they read alike.
 */

/** "A", "A and B", "A, B and C". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** How many presets a sentence names before it counts the rest. */
const NAMED_IN_FULL = 4;

/**
 * Up to four preset names in full, else the first three and how many others ("A, B, C and 2 other presets"):
 * a sentence naming forty presets is not read, and whatever says it shows or holds them all.
 */
export function listSomePresetNames(names: readonly string[]): string {
  if (names.length <= NAMED_IN_FULL) return listNames(names);
  const named = NAMED_IN_FULL - 1;
  return `${names.slice(0, named).join(', ')} and ${names.length - named} other presets`;
}
