import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { RECENT_LIMIT, orderByRecent, recordRecent } from '../../../src/core/recent';

const byName = (names: readonly string[]) => orderByRecent(names, [], (name) => name);

describe('most used first', () => {
  it('puts the presets merged most recently first, most recent first; the rest keep their order', () => {
    const items = ['Balanced', 'High Throughput', 'Low Latency', 'Memory Efficient'];
    assert.deepEqual(
      orderByRecent(items, ['Memory Efficient', 'Balanced'], (name) => name),
      ['Memory Efficient', 'Balanced', 'High Throughput', 'Low Latency'],
    );
    assert.deepEqual(byName(items), items, 'no recent merges: the order is unchanged');
  });

  it('ignores recent names that no longer exist, and items without a name are never recent', () => {
    const items = [{ name: 'A' }, { name: undefined }, { name: 'B' }];
    const ordered = orderByRecent(items, ['Gone', 'B'], (item) => item.name);
    assert.deepEqual(
      ordered.map((item) => item.name),
      ['B', 'A', undefined],
    );
    assert.notEqual(ordered, items, 'a new array; the input is left as it was');
    assert.deepEqual(
      items.map((item) => item.name),
      ['A', undefined, 'B'],
    );
  });

  it('matches names exactly: a case twin is another preset', () => {
    assert.deepEqual(
      orderByRecent(['fast', 'Fast'], ['Fast'], (name) => name),
      ['Fast', 'fast'],
    );
  });

  it('records a merge: its presets first in merge order, earlier ones after, no duplicates, bounded', () => {
    assert.deepEqual(recordRecent(['C', 'A', 'D'], ['A', 'B']), ['A', 'B', 'C', 'D']);
    assert.deepEqual(recordRecent(undefined, ['A']), ['A']);
    assert.deepEqual(recordRecent({ not: 'a list' }, ['A']), ['A']);
    assert.deepEqual(recordRecent(['X', 7, null, 'Y'], []), ['X', 'Y']);
    assert.deepEqual(recordRecent(['A', 'B', 'C'], ['D'], 2), ['D', 'A']);
    const many = Array.from({ length: 50 }, (_, i) => `P${i}`);
    assert.equal(recordRecent(many, ['new']).length, RECENT_LIMIT);
  });

  it('only reorders: the same items, recent ones first (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 12 }),
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 8 }),
        (items, recent) => {
          const ordered = orderByRecent(items, recent, (name) => name);
          assert.deepEqual([...ordered].sort(), [...items].sort());
          const recentCount = items.filter((name) => recent.includes(name)).length;
          assert.ok(ordered.slice(0, recentCount).every((name) => recent.includes(name)));
          assert.deepEqual(
            ordered.slice(recentCount),
            items.filter((name) => !recent.includes(name)),
          );
        },
      ),
    );
  });
  it('a name listed twice in the recent list keeps its first, most recent place', () => {
    assert.deepEqual(
      orderByRecent(['A', 'B', 'C'], ['B', 'A', 'B'], (name) => name),
      ['B', 'A', 'C'],
    );
  });
});
