/** Flag search on the small hand-written catalogs, where every flag and description is known. */
import * as assert from 'node:assert/strict';
import { searchFlags, type FlagHit } from '../../../../src/core/runtime/flagSearch';
import { indexes } from './handCatalogs';

const names = (hits: FlagHit[]): string[][] => hits.map((hit) => [hit.flag.runtime, hit.flag.name, hit.match]);

describe('flag search', () => {
  it('finds a spelling exactly, whatever its case, dashes or underscores', () => {
    assert.deepEqual(names(searchFlags([indexes.vllmMain], '-tp')).slice(0, 1), [
      ['vllm', 'tensor-parallel-size', 'exact'],
    ]);
    assert.deepEqual(names(searchFlags([indexes.sglang052], '  --TP_Size ')), [
      ['sglang', 'tensor-parallel-size', 'exact'],
    ]);
    assert.deepEqual(names(searchFlags([indexes.vllmMain], 'no-enable-prefix-caching')), [
      ['vllm', 'enable-prefix-caching', 'exact'],
    ]);
  });

  it('ranks exact, then names starting with the query, then names holding it, then words', () => {
    assert.deepEqual(names(searchFlags([indexes.sglang052], 'schedule')), [
      ['sglang', 'schedule-conservativeness', 'prefix'],
      ['sglang', 'schedule-policy', 'prefix'],
    ]);
    assert.deepEqual(names(searchFlags([indexes.sglang052], 'parallel-size')), [
      ['sglang', 'data-parallel-size', 'name'],
      ['sglang', 'tensor-parallel-size', 'name'],
      ['sglang', 'pipeline-parallel-size', 'name'],
    ]);
    // A negation's prefix finds its flag.
    assert.deepEqual(names(searchFlags([indexes.vllmMain], 'no-enable-chunked')), [
      ['vllm', 'enable-chunked-prefill', 'prefix'],
    ]);
    // Words of the description, in any order, each somewhere.
    assert.deepEqual(names(searchFlags([indexes.sglang052], 'GPUS split')), [
      ['sglang', 'tensor-parallel-size', 'words'],
    ]);
    assert.deepEqual(names(searchFlags([indexes.sglang052], 'replicas parallel')), [
      ['sglang', 'data-parallel-size', 'words'],
    ]);
    assert.deepEqual(searchFlags([indexes.sglang052], 'replicas zebra'), []);
    assert.deepEqual(searchFlags([indexes.sglang052], 'here'), []);
    // A word is looked for in one name or the description, not across two.
    assert.deepEqual(searchFlags([indexes.sglang052], 'sizetp'), []);
    // Only leading dashes go: a word after them still counts.
    assert.deepEqual(names(searchFlags([indexes.sglang052], '-- replicas')), [
      ['sglang', 'data-parallel-size', 'words'],
    ]);
  });

  it('orders equal matches commonly tuned first, then by name, then SGLang before vLLM', () => {
    for (const both of [
      [indexes.vllmMain, indexes.sglang052],
      [indexes.sglang052, indexes.vllmMain],
    ])
      assert.deepEqual(names(searchFlags(both, 'tensor-parallel-size')), [
        ['sglang', 'tensor-parallel-size', 'exact'],
        ['vllm', 'tensor-parallel-size', 'exact'],
      ]);
    // SGLang tags its kv-cache-dtype as commonly tuned, vLLM does not.
    assert.deepEqual(names(searchFlags([indexes.vllmMain, indexes.sglang052], 'kv-cache-dtype')), [
      ['sglang', 'kv-cache-dtype', 'exact'],
      ['vllm', 'kv-cache-dtype', 'exact'],
    ]);
    assert.deepEqual(names(searchFlags([indexes.sglang052, indexes.vllmMain], 'max-num-seqs')), [
      ['vllm', 'max-num-seqs', 'exact'],
    ]);
    const all = searchFlags([indexes.sglang052], '');
    assert.equal(all.length, indexes.sglang052.flags.length);
    assert.ok(all.every((hit) => hit.match === 'words'));
    const common = all.filter((hit) => hit.flag.common).map((hit) => hit.flag.name);
    assert.deepEqual(
      all.slice(0, common.length).map((hit) => hit.flag.name),
      [...common].sort(),
    );
    const rare = all.slice(common.length).map((hit) => hit.flag.name);
    assert.deepEqual(rare, [...rare].sort());
    assert.ok(rare.length > 0 && all.slice(common.length).every((hit) => !hit.flag.common));
  });
});
