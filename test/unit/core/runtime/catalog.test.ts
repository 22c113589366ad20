import * as assert from 'node:assert/strict';
import { buildCounterpartIndex, compareVersions, selectCatalogVersion } from '../../../../src/core/runtime/catalog';
import { counterparts, indexes } from './handCatalogs';

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

    it('looks counterparts up from either side', () => {
      const table = buildCounterpartIndex(counterparts);
      assert.equal(table.find('sglang', 'schedule-policy')?.vllm, 'scheduling-policy');
      assert.equal(table.find('vllm', 'gpu-memory-utilization')?.sglang, 'mem-fraction-static');
      assert.equal(table.find('sglang', 'enable-mixed-chunk'), undefined);
    });
  });

  describe('versions', () => {
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
