import * as assert from 'node:assert/strict';
import {
  buildCounterpartIndex,
  buildFlagIndex,
  compareVersions,
  launchedSpelling,
  otherRuntime,
  selectCatalogVersion,
  type CatalogFlag,
  type RuntimeCatalog,
} from '../../../../src/core/runtime/catalog';
import {
  counterparts,
  indexes,
  sglang052,
  sglangMain,
  sglangOverlay,
  vllm0100,
  vllmMain,
  vllmOverlay,
} from './handCatalogs';

function catalogFlag(name: string, fields: Partial<CatalogFlag> = {}): CatalogFlag {
  return { ...vllmMain.flags.find((f) => f.name === 'max-num-seqs')!, name, ...fields };
}

function catalog(runtime: RuntimeCatalog['runtime'], flags: CatalogFlag[]): RuntimeCatalog {
  return { ...(runtime === 'vllm' ? vllmMain : sglang052), flags };
}

const sglangVersions = ['main-2026-06-09', '0.5.2'];
const vllmVersions = ['0.10.0', 'main-2026-05-29'];

describe('runtime catalogs', () => {
  describe('flag index', () => {
    it('finds a flag by primary name, alias and, in vLLM only, underscores', () => {
      assert.equal(indexes.sglang052.find('tensor-parallel-size')?.via, 'name');
      assert.equal(indexes.sglang052.find('tp-size')?.flag.name, 'tensor-parallel-size');
      assert.equal(indexes.sglang052.find('--tp-size')?.via, 'alias');
      assert.equal(indexes.sglang052.find('tp_size'), undefined);
      assert.equal(indexes.vllmMain.find('-tp')?.flag.name, 'tensor-parallel-size');
      // "tp" is launched as "--tp", which is not vLLM's "-tp".
      assert.equal(indexes.vllmMain.find('tp'), undefined);
      // Nor is "p": a short option without its dash is no long name (an index built here, not at load).
      assert.equal(buildFlagIndex(vllmMain).find('p'), undefined);
      assert.deepEqual(
        [indexes.vllmMain.find('gpu_memory_utilization')?.via, indexes.vllmMain.find('no_enable_prefix_caching')?.via],
        ['underscores', 'negation'],
      );
    });

    it("carries the overlay's description, area, common tag and implied range", () => {
      const flag = indexes.sglang052.find('mem-fraction-static')!.flag;
      assert.equal(flag.area, 'memory');
      assert.equal(flag.common, true);
      assert.deepEqual(flag.effectiveRange, { gt: 0, le: 1 });
      assert.equal(flag.rangeSource, 'a fraction of GPU memory');
      const declared = indexes.vllmMain.find('gpu-memory-utilization')!.flag;
      assert.equal(declared.rangeSource, 'declared');
      assert.equal(indexes.sglang052.find('model-path')!.flag.description, null);
      assert.equal(indexes.vllmMain.docsUrl, 'https://docs.vllm.ai/en/latest/configuration/engine_args.html');
    });

    it('leaves ranges, descriptions and choice texts empty where nothing says', () => {
      const index = buildFlagIndex(
        catalog('sglang', [
          catalogFlag('empty-range', { range: {} }),
          catalogFlag('implied', { range: {} }),
          catalogFlag('unsourced'),
          catalogFlag('plain'),
          catalogFlag('sizes', { type: 'int', choices: [8, 16, null, true, 0.5] }),
        ]),
        {
          runtime: 'sglang',
          docs_url: 'https://example.org/args',
          flags: {
            implied: { description: 'd', area: 'memory', common: false, range: { ge: 1 }, range_source: 'by design' },
            unsourced: { description: 'e', area: 'other', common: true, range: { lt: 3 } },
          },
        },
      );
      const [empty, implied, unsourced, plain, sizes] = index.flags;
      // An empty declared range declares nothing: the overlay's implied range applies.
      assert.deepEqual([empty!.effectiveRange, empty!.rangeSource], [null, null]);
      assert.deepEqual([implied!.effectiveRange, implied!.rangeSource], [{ ge: 1 }, 'by design']);
      assert.deepEqual([unsourced!.effectiveRange, unsourced!.rangeSource], [{ lt: 3 }, 'overlay']);
      assert.deepEqual([plain!.description, plain!.area, plain!.common, plain!.choiceTexts], [null, null, false, null]);
      assert.deepEqual([unsourced!.description, unsourced!.area, unsourced!.common], ['e', 'other', true]);
      assert.deepEqual([plain!.runtime, plain!.version], ['sglang', '0.5.2']);
      // What argparse compares: Python's str() of each choice.
      assert.deepEqual(sizes!.choiceTexts, ['8', '16', 'None', 'True', '0.5']);
      // Without an overlay, nothing but the catalog.
      const bare = buildFlagIndex(catalog('sglang', [catalogFlag('plain')]));
      assert.equal(bare.docsUrl, null);
      assert.equal(bare.flags[0]!.description, null);
    });

    it('keeps the first flag of a spelling two flags share, a primary name before any alias', () => {
      const index = buildFlagIndex(
        catalog('vllm', [
          catalogFlag('first', { aliases: ['--second', '-x'] }),
          catalogFlag('second', { aliases: ['-x'] }),
          catalogFlag('third', { aliases: ['-x'], negation: 'no-third' }),
        ]),
      );
      assert.deepEqual([index.find('second')?.flag.name, index.find('second')?.via], ['second', 'name']);
      assert.equal(index.find('-x')?.flag.name, 'first');
      assert.deepEqual(
        index.spellings.map(({ spelling, flag }) => [spelling, flag.name]),
        [
          ['first', 'first'],
          ['second', 'second'],
          ['third', 'third'],
          ['x', 'first'],
          ['no-third', 'third'],
        ],
      );
      assert.deepEqual([index.find('no_third')?.flag.name, index.find('no_third')?.via], ['third', 'negation']);
    });

    it('tells how a key found its flag, in an index built here', () => {
      // The shared indexes are built as the test files load; these are built by the test itself.
      const vllm = buildFlagIndex(vllmMain, vllmOverlay);
      const sglang = buildFlagIndex(sglang052, sglangOverlay);
      assert.deepEqual(
        ['tensor-parallel-size', '-tp', 'tensor_parallel_size', 'no-enable-prefix-caching'].map(
          (key) => vllm.find(key)?.via,
        ),
        ['name', 'alias', 'underscores', 'negation'],
      );
      assert.equal(sglang.find('--tp-size')?.via, 'alias');
      assert.equal(sglang.find('tensor_parallel_size'), undefined);
      assert.equal(vllm.find('gpu-memory-utilization')?.flag.rangeSource, 'declared');
      assert.equal(sglang.find('mem-fraction-static')?.flag.rangeSource, 'a fraction of GPU memory');
    });

    it('finds the long options a prefix starts, in order, as a look at every one would', () => {
      // Indexes built by the test, not at load: a mutation of the sorting must reach them.
      const built = [sglang052, sglangMain, vllm0100, vllmMain].map((catalog) => buildFlagIndex(catalog));
      for (const index of built) {
        const longNames = index.spellings
          .map(({ spelling }) => spelling)
          .filter((spelling) => index.find(`--${spelling}`));
        const prefixes = ['', 'max', 'max-', 'tensor-parallel-size', 'tensor-parallel-sizes', 'zzz', 'a', '-'];
        for (const prefix of [...prefixes, ...longNames.map((name) => name.slice(0, 3))]) {
          const found = index.longOptionsStartingWith(prefix);
          const expected = longNames.filter((name) => name.startsWith(prefix)).sort();
          assert.deepEqual(
            found.map(({ spelling }) => spelling),
            expected,
            `${index.runtime} ${index.version} "${prefix}"`,
          );
          for (const { spelling, match } of found) assert.equal(match, index.find(`--${spelling}`));
        }
      }
    });

    it('reads underscores as dashes only in long vLLM options', () => {
      // A single-dash key is launched as written, and argparse does not rewrite it.
      assert.equal(indexes.vllmMain.find('-xtensor_parallel_size'), undefined);
      assert.equal(indexes.vllmMain.find('--tensor_parallel_size')?.via, 'underscores');
      assert.equal(indexes.vllmMain.find('no_such_flag'), undefined);
      assert.equal(indexes.sglang052.find('--tensor_parallel_size'), undefined);
    });

    it('launches a key without dashes as a long option, and one with dashes as written', () => {
      assert.equal(launchedSpelling('tp-size'), '--tp-size');
      assert.equal(launchedSpelling('-tp'), '-tp');
      assert.equal(launchedSpelling('--tp-size'), '--tp-size');
    });

    it('names the other runtime', () => {
      assert.equal(otherRuntime('sglang'), 'vllm');
      assert.equal(otherRuntime('vllm'), 'sglang');
    });

    it('looks counterparts up from either side', () => {
      const table = buildCounterpartIndex(counterparts);
      assert.equal(table.find('sglang', 'schedule-policy')?.vllm, 'scheduling-policy');
      assert.equal(table.find('vllm', 'gpu-memory-utilization')?.sglang, 'mem-fraction-static');
      assert.equal(table.find('sglang', 'enable-mixed-chunk'), undefined);
      // A name listed twice keeps its first entry, on each side.
      const twice = buildCounterpartIndex({
        flags: [
          { sglang: 'a', vllm: 'b', exactness: 'exact', values: null },
          { sglang: 'a', vllm: 'c', exactness: 'approximate', values: null },
          { sglang: 'd', vllm: 'b', exactness: 'approximate', values: null },
        ],
      });
      assert.equal(twice.find('sglang', 'a')?.vllm, 'b');
      assert.equal(twice.find('vllm', 'b')?.sglang, 'a');
      assert.equal(twice.find('vllm', 'c')?.sglang, 'a');
      assert.equal(twice.find('vllm', 'a'), undefined);
    });
  });

  describe('versions', () => {
    it('compares versions as equal, older or newer, whatever their form', () => {
      assert.equal(compareVersions('0.5', '0.5.0'), 0);
      assert.equal(compareVersions('0.5.0', '0.5'), 0);
      assert.ok(compareVersions('0.5', '0.5.1') < 0);
      assert.ok(compareVersions('0.5.1', '0.5') > 0);
      assert.ok(compareVersions('10.0', '9.0') > 0);
      assert.ok(compareVersions('0.10.0', '0.9.12') > 0);
      assert.equal(compareVersions('main-2026-01-01', 'main-2026-01-01'), 0);
      assert.ok(compareVersions('main-2026-10-01', 'main-2026-09-30') > 0);
      assert.ok(compareVersions('main-2026-01-02', 'main-2026-01-01') > 0);
      assert.ok(compareVersions('main-2026-01-01', 'main-2026-01-02') < 0);
      // Names of neither form come first, by name.
      assert.deepEqual(['main-2026-01-01', 'beta', '1.0', 'alpha', 'main-x'].sort(compareVersions), [
        'alpha',
        'beta',
        'main-x',
        '1.0',
        'main-2026-01-01',
      ]);
      assert.equal(compareVersions('beta', 'beta'), 0);
      assert.ok(compareVersions('beta', 'alpha') > 0);
      // Only a whole version name counts as a release or a snapshot.
      assert.ok(compareVersions('1.0rc1', '0.1') < 0);
      assert.ok(compareVersions('xmain-2026-01-01', '0.1') < 0);
      assert.ok(compareVersions('main-2026-01-01x', '0.1') < 0);
    });

    it('says so when no catalog is shipped', () => {
      assert.throws(() => selectCatalogVersion('vllm', []), { message: 'no vLLM catalog is shipped' });
    });

    it('trims the tag and the setting; a blank or "newest" one means the newest', () => {
      assert.deepEqual(selectCatalogVersion('sglang', sglangVersions, { imageTag: ' latest ' }), {
        version: 'main-2026-06-09',
      });
      assert.deepEqual(selectCatalogVersion('sglang', sglangVersions, { imageTag: '  ' }), {
        version: 'main-2026-06-09',
      });
      assert.deepEqual(selectCatalogVersion('sglang', sglangVersions, { imageTag: ' v0.5.2 ' }), { version: '0.5.2' });
      assert.deepEqual(selectCatalogVersion('sglang', sglangVersions, { setting: ' newest ' }), {
        version: 'main-2026-06-09',
      });
      assert.deepEqual(selectCatalogVersion('vllm', vllmVersions, { setting: ' 0.10.0 ' }), { version: '0.10.0' });
      // A blank setting is no setting: the default version.
      assert.deepEqual(selectCatalogVersion('sglang', sglangVersions, { setting: ' ' }), { version: '0.5.2' });
    });

    it('reads release numbers and dates out of image tags', () => {
      const versions = ['0.5.2', '0.10.0', 'main-2026-06-01', 'main-2026-06-09'];
      assert.deepEqual(selectCatalogVersion('sglang', versions, { imageTag: '0.10.0-cu126' }), { version: '0.10.0' });
      assert.deepEqual(selectCatalogVersion('sglang', versions, { imageTag: 'nightly-20260601' }), {
        version: 'main-2026-06-01',
      });
      assert.deepEqual(selectCatalogVersion('sglang', versions, { imageTag: 'dev-2026-06-09-cu128' }), {
        version: 'main-2026-06-09',
      });
      assert.deepEqual(selectCatalogVersion('vllm', ['0.10.0', '10.1'], { imageTag: 'v10.1-cu128' }), {
        version: '10.1',
      });
      // A release written shorter is the same version, without a note.
      assert.deepEqual(selectCatalogVersion('vllm', ['0.9.0', '0.10.0'], { imageTag: 'v0.10' }), { version: '0.10.0' });
      assert.deepEqual(selectCatalogVersion('vllm', ['0.9.0', '0.10.0'], { setting: '0.9.0.0' }), { version: '0.9.0' });
      // A single number is no release: the newest, with a note naming the tag.
      assert.deepEqual(selectCatalogVersion('sglang', versions, { imageTag: 'v1' }), {
        version: 'main-2026-06-09',
        note: 'image tag "v1" names no SGLang version; using the newest catalog, main-2026-06-09',
      });
      // Only a tag starting with a version reads as a release.
      assert.equal(selectCatalogVersion('sglang', versions, { imageTag: 'cu126-0.5.2' }).version, 'main-2026-06-09');
    });

    it('writes notes that name the runtime and what was asked', () => {
      assert.equal(
        selectCatalogVersion('vllm', vllmVersions, { setting: '0.11.0' }).note,
        'no vLLM catalog for version "0.11.0"; using the nearest older one, 0.10.0',
      );
      assert.equal(
        selectCatalogVersion('vllm', vllmVersions, { imageTag: 'v0.8.0' }).note,
        'no vLLM catalog for image tag "v0.8.0" or older; using the oldest, 0.10.0',
      );
      // The nearest older of several older ones.
      assert.equal(selectCatalogVersion('vllm', ['0.8.0', '0.9.0', '0.10.0'], { setting: '0.9.5' }).version, '0.9.0');
      // The shipped list may come in any order.
      assert.equal(selectCatalogVersion('vllm', ['0.10.0', '0.8.0', '0.9.0'], { setting: '0.8.5' }).version, '0.8.0');
      assert.equal(selectCatalogVersion('vllm', ['0.10.0', '0.9.0'], {}).version, '0.10.0');
    });

    it('orders releases by number, then main snapshots by date', () => {
      const sorted = ['main-2026-06-09', '0.10.0', 'main-2025-01-01', '0.5.2', '0.9.10', '0.9.9'].sort(compareVersions);
      assert.deepEqual(sorted, ['0.5.2', '0.9.9', '0.9.10', '0.10.0', 'main-2025-01-01', 'main-2026-06-09']);
    });

    it("defaults to the autotuner's images: SGLang 0.5.2, vLLM the newest", () => {
      assert.deepEqual(selectCatalogVersion('sglang', sglangVersions), { version: '0.5.2' });
      assert.deepEqual(selectCatalogVersion('vllm', vllmVersions), { version: 'main-2026-05-29' });
    });

    it('follows the setting, falling back to the nearest older catalog with a note', () => {
      assert.deepEqual(selectCatalogVersion('sglang', sglangVersions, { setting: 'main-2026-06-09' }), {
        version: 'main-2026-06-09',
      });
      const older = selectCatalogVersion('vllm', vllmVersions, { setting: '0.11.0' });
      assert.equal(older.version, '0.10.0');
      assert.match(older.note!, /nearest older one, 0\.10\.0/);
    });

    it("lets a task's image tag decide", () => {
      assert.deepEqual(
        selectCatalogVersion('sglang', sglangVersions, { setting: 'main-2026-06-09', imageTag: 'v0.5.2-cu126' }),
        {
          version: '0.5.2',
        },
      );
      assert.deepEqual(selectCatalogVersion('vllm', vllmVersions, { imageTag: 'latest' }), {
        version: 'main-2026-05-29',
      });
      assert.deepEqual(selectCatalogVersion('vllm', vllmVersions, { imageTag: 'v0.10.0' }), { version: '0.10.0' });
      const unknown = selectCatalogVersion('sglang', sglangVersions, { imageTag: 'v0.5.4-cu128' });
      assert.equal(unknown.version, '0.5.2');
      assert.match(unknown.note!, /image tag "v0\.5\.4-cu128"/);
      const dated = selectCatalogVersion('sglang', sglangVersions, { imageTag: 'nightly-2026-07-01' });
      assert.equal(dated.version, 'main-2026-06-09');
      const oldest = selectCatalogVersion('vllm', vllmVersions, { imageTag: 'v0.8.0' });
      assert.equal(oldest.version, '0.10.0');
      assert.match(oldest.note!, /oldest/);
      const word = selectCatalogVersion('vllm', vllmVersions, { imageTag: 'custom-build' });
      assert.equal(word.version, 'main-2026-05-29');
      assert.ok(word.note);
    });
  });
});
