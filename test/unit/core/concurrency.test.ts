import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { INDEX_READ_CONCURRENCY, mapWithConcurrency } from '../../../src/core/concurrency';

/** A promise with its resolve function, to finish work in an order a test chooses. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('mapWithConcurrency', () => {
  it('returns the results in the order of the items, however the work finishes', async () => {
    const gates = [deferred<void>(), deferred<void>(), deferred<void>()];
    const done = mapWithConcurrency([0, 1, 2], 3, async (i) => {
      await gates[i].promise;
      return `r${i}`;
    });
    gates[2].resolve();
    await tick();
    gates[0].resolve();
    await tick();
    gates[1].resolve();
    assert.deepEqual(await done, ['r0', 'r1', 'r2']);
  });

  it('never has more than `limit` calls in flight, and uses all of them', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapWithConcurrency([...Array(20).keys()], 4, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
      return i * 2;
    });
    assert.equal(most, 4);
    assert.deepEqual(
      results,
      [...Array(20).keys()].map((i) => i * 2),
    );
  });

  it('starts the next item as soon as one finishes', async () => {
    const gates = [deferred<void>(), deferred<void>(), deferred<void>()];
    const started: number[] = [];
    const done = mapWithConcurrency([0, 1, 2], 2, async (i) => {
      started.push(i);
      await gates[i].promise;
      return i;
    });
    await tick();
    assert.deepEqual(started, [0, 1]);
    gates[1].resolve();
    await tick();
    assert.deepEqual(started, [0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    assert.deepEqual(await done, [0, 1, 2]);
  });

  it('calls the work once per item, for any number of items and limit (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer(), { maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        async (items, limit) => {
          const calls: number[] = [];
          const results = await mapWithConcurrency(items, limit, async (item) => {
            calls.push(item);
            await tick();
            return item + 1;
          });
          assert.deepEqual(
            results,
            items.map((item) => item + 1),
          );
          assert.equal(calls.length, items.length);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('resolves to an empty list for no items, without calling the work', async () => {
    assert.deepEqual(await mapWithConcurrency([], 3, async () => assert.fail('no work expected')), []);
  });

  it('rejects with the first failure', async () => {
    await assert.rejects(
      mapWithConcurrency([1, 2, 3], 2, async (i) => {
        if (i === 2) throw new Error('item 2 failed');
        return i;
      }),
      /item 2 failed/,
    );
  });

  it('the index reads a bounded, plural number of files at once', () => {
    assert.ok(INDEX_READ_CONCURRENCY > 1 && INDEX_READ_CONCURRENCY <= 64);
  });
});
