/**
 * Most used first: the merge and apply pickers list the presets merged most recently at the top. The
 * shells keep the list (the extension in workspace state); these rules say how it grows and what it does
 * to an order.
 */

/** How many recently merged names are remembered. */
export const RECENT_LIMIT = 20;

/**
 * The recent list after a merge of `merged`: those names first (in merge order), then the earlier ones
 * not merged again, without duplicates, at most `limit` names. Anything that is not a list of strings
 * (state from another version, say) counts as an empty list.
 */
export function recordRecent(recent: unknown, merged: readonly string[], limit = RECENT_LIMIT): string[] {
  const earlier = Array.isArray(recent) ? recent.filter((name): name is string => typeof name === 'string') : [];
  return [...new Set([...merged, ...earlier])].slice(0, Math.max(0, limit));
}

/**
 * `items` with the recently merged ones first, most recent first; the rest keep their order after them.
 * Names are matched exactly, as presets are named; an item without a name is never recent.
 */
export function orderByRecent<T>(
  items: readonly T[],
  recent: readonly string[],
  nameOf: (item: T) => string | undefined,
): T[] {
  const rank = new Map<string, number>();
  recent.forEach((name, i) => {
    if (!rank.has(name)) rank.set(name, i);
  });
  const rankOf = (item: T): number => {
    const name = nameOf(item);
    return name === undefined ? Infinity : (rank.get(name) ?? Infinity);
  };
  // Array.prototype.sort is stable, so items of equal rank (all the rest) keep their order.
  return items
    .map((item, position) => ({ item, position, rank: rankOf(item) }))
    .sort((a, b) => (a.rank === b.rank ? a.position - b.position : a.rank - b.rank))
    .map(({ item }) => item);
}
