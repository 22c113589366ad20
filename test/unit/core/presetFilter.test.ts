import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  formatFilter,
  isFilterActive,
  matchesFilter,
  parseFilter,
  type FilterFields,
} from '../../../src/core/presetFilter';

const balanced: FilterFields = {
  name: 'Balanced',
  category: 'general',
  tags: ['default', 'Latency'],
  parameterNames: ['tp-size', 'schedule-policy'],
  runtime: 'sglang',
};

describe('presetFilter', () => {
  describe('parseFilter', () => {
    it('splits words on whitespace, lowercased, blanks dropped', () => {
      assert.deepEqual(parseFilter('  Tp-Size   GENERAL\tx '), {
        words: ['tp-size', 'general', 'x'],
        runtime: undefined,
      });
      assert.deepEqual(parseFilter(''), { words: [], runtime: undefined });
      assert.deepEqual(parseFilter('   '), { words: [], runtime: undefined });
    });

    it('takes runtime:sglang and runtime:vllm, in any case, as the runtime term', () => {
      assert.deepEqual(parseFilter('runtime:vllm'), { words: [], runtime: 'vllm' });
      assert.deepEqual(parseFilter('Runtime:SGLang fast'), { words: ['fast'], runtime: 'sglang' });
    });

    it('keeps an unknown or empty runtime term as a word', () => {
      assert.deepEqual(parseFilter('runtime:trt'), { words: ['runtime:trt'], runtime: undefined });
      assert.deepEqual(parseFilter('runtime:'), { words: ['runtime:'], runtime: undefined });
      assert.deepEqual(parseFilter('xruntime:vllm'), { words: ['xruntime:vllm'], runtime: undefined });
    });

    it('the last runtime term wins', () => {
      assert.equal(parseFilter('runtime:vllm runtime:sglang').runtime, 'sglang');
    });
  });

  describe('formatFilter', () => {
    it('writes the words, then the runtime term', () => {
      assert.equal(formatFilter({ words: ['a', 'b'], runtime: 'vllm' }), 'a b runtime:vllm');
      assert.equal(formatFilter({ words: ['a'] }), 'a');
      assert.equal(formatFilter({ words: [] }), '');
    });

    it('parsing what it wrote gives the same filter back (property)', () => {
      const word = fc.stringMatching(/^[a-z0-9:-]{1,10}$/).filter((w) => !/^runtime:/.test(w));
      fc.assert(
        fc.property(
          fc.array(word, { maxLength: 5 }),
          fc.constantFrom(undefined, 'sglang', 'vllm'),
          (words, runtime) => {
            const filter = { words, runtime } as const;
            assert.deepEqual(parseFilter(formatFilter(filter)), filter);
          },
        ),
      );
    });
  });

  describe('isFilterActive', () => {
    it('is active with a word or a runtime, inactive with neither', () => {
      assert.equal(isFilterActive(parseFilter('')), false);
      assert.equal(isFilterActive(parseFilter('x')), true);
      assert.equal(isFilterActive(parseFilter('runtime:vllm')), true);
    });
  });

  describe('matchesFilter', () => {
    it('an empty filter matches everything, broken files included', () => {
      assert.equal(matchesFilter(balanced, parseFilter('')), true);
      assert.equal(matchesFilter({ label: 'broken.preset.json' }, parseFilter('')), true);
    });

    it('finds a word in the name, category, tags, parameter names or label, ignoring case', () => {
      for (const text of ['balan', 'GENERAL', 'latency', 'schedule', 'tp-size'])
        assert.equal(matchesFilter(balanced, parseFilter(text)), true, text);
      assert.equal(matchesFilter({ label: 'presets/Broken.preset.json' }, parseFilter('broken')), true);
    });

    it('does not match a word found nowhere', () => {
      assert.equal(matchesFilter(balanced, parseFilter('throughput')), false);
      assert.equal(matchesFilter({ label: 'a.preset.json' }, parseFilter('zzz')), false);
    });

    it('searches nothing in place of missing tags or parameter names (property)', () => {
      // A file may have a name and neither list: a word matches it exactly when the name holds the word.
      fc.assert(
        fc.property(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z]{1,2}$/), (name, word) => {
          assert.equal(matchesFilter({ name }, parseFilter(word)), name.includes(word));
        }),
        { numRuns: 300 },
      );
    });

    it('needs every word, each in some field', () => {
      assert.equal(matchesFilter(balanced, parseFilter('balanced tp-size')), true);
      assert.equal(matchesFilter(balanced, parseFilter('balanced throughput')), false);
    });

    it('with a runtime, keeps presets for that runtime and for any runtime', () => {
      assert.equal(matchesFilter(balanced, parseFilter('runtime:sglang')), true);
      assert.equal(matchesFilter(balanced, parseFilter('runtime:vllm')), false);
      assert.equal(matchesFilter({ ...balanced, runtime: null }, parseFilter('runtime:vllm')), true);
    });

    it('with a runtime, hides files whose runtime is unknown (broken)', () => {
      assert.equal(matchesFilter({ label: 'broken.preset.json' }, parseFilter('runtime:sglang')), false);
    });

    it('a runtime and words must both hold', () => {
      assert.equal(matchesFilter(balanced, parseFilter('runtime:sglang balanced')), true);
      assert.equal(matchesFilter(balanced, parseFilter('runtime:sglang nothing')), false);
      assert.equal(matchesFilter(balanced, parseFilter('runtime:vllm balanced')), false);
    });

    it('a word taken from a preset always matches it (property)', () => {
      const text = fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/);
      fc.assert(
        fc.property(text, fc.array(text, { maxLength: 3 }), fc.nat(), fc.nat(), (name, tags, from, length) => {
          const fields: FilterFields = { name, tags, runtime: null };
          const source = [name, ...tags][from % (tags.length + 1)];
          const start = from % source.length;
          const word = source.slice(start, start + 1 + (length % (source.length - start)));
          assert.equal(matchesFilter(fields, parseFilter(word)), true);
          assert.equal(matchesFilter(fields, parseFilter(`${word} ${'\u00e9'.repeat(3)}`)), false);
        }),
      );
    });
  });
});
