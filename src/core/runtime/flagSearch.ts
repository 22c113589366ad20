/**
 * Looking flags up for `presets flags QUERY` (SPEC §5): by any spelling a preset may write, by part of
 * a name, or by words of the name and our description. Best matches first.
 */
import type { FlagIndex, IndexedFlag } from './catalog';

export interface FlagHit {
  readonly flag: IndexedFlag;
  /** How it matched, best first: the spelling itself, a name starting with the query, a name holding it, words. */
  readonly match: 'exact' | 'prefix' | 'name' | 'words';
}

const RANK: Readonly<Record<FlagHit['match'], number>> = { exact: 0, prefix: 1, name: 2, words: 3 };

/**
 * The flags of the indexes that a query finds, best first (then commonly tuned first, then by name). An
 * empty query lists every flag. A query of several words finds the flags holding each of them in a name,
 * an alias or the description, ignoring case; `_` and `-` count alike.
 */
export function searchFlags(indexes: readonly FlagIndex[], query: string): FlagHit[] {
  const wanted = normalize(query.trim().replace(/^-+/, ''));
  const words = wanted.split(/\s+/).filter((word) => word !== '');
  const hits: FlagHit[] = [];
  for (const index of indexes) {
    for (const flag of index.flags) {
      const match = matchOf(flag, wanted, words);
      if (match) hits.push({ flag, match });
    }
  }
  return hits.sort(
    (a, b) =>
      RANK[a.match] - RANK[b.match] ||
      Number(b.flag.common) - Number(a.flag.common) ||
      compare(a.flag.name, b.flag.name) ||
      compare(a.flag.runtime, b.flag.runtime),
  );
}

/**
 * How a flag matches. Its spellings are compared without leading dashes, ignoring case and `_` against
 * `-`, which takes in every spelling the index's lookup finds (vLLM's underscores among them).
 */
function matchOf(flag: IndexedFlag, wanted: string, words: readonly string[]): FlagHit['match'] | undefined {
  if (wanted === '') return 'words';
  const names = [flag.name, ...flag.aliases.map((alias) => alias.replace(/^-+/, '')), flag.negation ?? ''].map(
    normalize,
  );
  if (names.some((name) => name === wanted)) return 'exact';
  if (names.some((name) => name.startsWith(wanted))) return 'prefix';
  if (names.some((name) => name.includes(wanted))) return 'name';
  const text = `${names.join(' ')} ${normalize(flag.description ?? '')}`;
  // A query that is not empty has a word.
  return words.every((word) => text.includes(word)) ? 'words' : undefined;
}

function normalize(text: string): string {
  return text.toLowerCase().replaceAll('_', '-');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
