import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openRuntimeCatalogs, RuntimeCatalogError } from '../../../src/node/runtimeCatalogs';
import { counterparts, sglang052, sglangMain, sglangOverlay, vllm0100, vllmMain } from '../core/runtime/handCatalogs';

describe('runtime catalogs on disk', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'runtimes-'));
    const write = (file: string, value: unknown): void => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), JSON.stringify(value));
    };
    write('sglang/0.5.2.json', sglang052);
    write('sglang/main-2026-06-09.json', sglangMain);
    write('sglang/overlay.json', sglangOverlay);
    write('vllm/0.10.0.json', vllm0100);
    write('vllm/main-2026-05-29.json', vllmMain);
    write('counterparts.json', counterparts);
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists the shipped versions from the folder, oldest first, without the overlay', () => {
    const catalogs = openRuntimeCatalogs(root);
    assert.deepEqual(catalogs.versions('sglang'), ['0.5.2', 'main-2026-06-09']);
    assert.deepEqual(catalogs.versions('vllm'), ['0.10.0', 'main-2026-05-29']);
  });

  it('reads nothing before it is needed, then keeps what it read', () => {
    const catalogs = openRuntimeCatalogs(path.join(root, 'not-yet'));
    fs.renameSync(root, path.join(os.tmpdir(), path.basename(root) + '-moved'));
    fs.mkdirSync(root);
    fs.renameSync(path.join(os.tmpdir(), path.basename(root) + '-moved'), path.join(root, 'not-yet'));
    const index = catalogs.index('sglang', '0.5.2');
    assert.equal(index.find('tp-size')?.flag.name, 'tensor-parallel-size');
    assert.equal(index.find('mem-fraction-static')?.flag.common, true, 'the overlay is applied');
    assert.equal(catalogs.index('sglang', '0.5.2'), index, 'built once');
    fs.rmSync(path.join(root, 'not-yet', 'sglang', '0.5.2.json'));
    assert.equal(catalogs.catalog('sglang', '0.5.2').version, '0.5.2', 'kept, not read again');
  });

  it('selects the version that applies, and works without an overlay', () => {
    const catalogs = openRuntimeCatalogs(root);
    const sglang = catalogs.select('sglang', { imageTag: 'v0.5.2-cu126' });
    assert.equal(sglang.index.version, '0.5.2');
    const vllm = catalogs.select('vllm');
    assert.equal(vllm.version, 'main-2026-05-29');
    assert.equal(vllm.index.docsUrl, null);
    assert.equal(catalogs.counterparts().find('sglang', 'schedule-policy')?.vllm, 'scheduling-policy');
  });

  it('says which file is missing or malformed, and why', () => {
    const catalogs = openRuntimeCatalogs(root);
    assert.throws(
      () => catalogs.catalog('vllm', '0.9.0'),
      (error: unknown) => error instanceof RuntimeCatalogError && /0\.9\.0\.json: missing$/.test(error.message),
    );
    fs.writeFileSync(path.join(root, 'vllm', '0.10.0.json'), '{"runtime": "vllm",');
    assert.throws(() => catalogs.catalog('vllm', '0.10.0'), /0\.10\.0\.json: not JSON/);
    fs.writeFileSync(
      path.join(root, 'vllm', 'main-2026-05-29.json'),
      JSON.stringify({ ...vllmMain, flags: [{ ...vllmMain.flags[0], is_flag: 'no' }] }),
    );
    assert.throws(() => catalogs.catalog('vllm', 'main-2026-05-29'), /not in the catalog format: flags\.0\.is_flag: /);
    fs.writeFileSync(path.join(root, 'sglang', '0.5.2.json'), JSON.stringify({ ...sglang052, version: '0.5.3' }));
    assert.throws(() => catalogs.catalog('sglang', '0.5.2'), /holds sglang 0\.5\.3, not sglang 0\.5\.2/);
    assert.throws(() => openRuntimeCatalogs(path.join(root, 'nowhere')).versions('sglang'), RuntimeCatalogError);
  });
});
