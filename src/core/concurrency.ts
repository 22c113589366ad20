/** Bounded concurrency for asynchronous work, such as reading thousands of preset files. */

/** How many preset files the extension's index has in flight at once when reads are asynchronous (a slow disk, a virtual workspace). */
export const INDEX_READ_CONCURRENCY = 32;

/** Runs `work` on every item with at most `limit` calls in flight; the results keep the items' order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
