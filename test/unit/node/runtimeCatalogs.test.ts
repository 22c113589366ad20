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
    assert.throws(() => catalogs.catalog('vllm', 'main-2026-05-29'), {
      name: 'RuntimeCatalogError',
      message: `${path.join(root, 'vllm', 'main-2026-05-29.json')}: not in the catalog format: flags[0].is_flag: expected a boolean, got a string`,
    });
    fs.writeFileSync(path.join(root, 'sglang', '0.5.2.json'), JSON.stringify({ ...sglang052, version: '0.5.3' }));
    assert.throws(() => catalogs.catalog('sglang', '0.5.2'), /holds sglang 0\.5\.3, not sglang 0\.5\.2/);
    assert.throws(() => openRuntimeCatalogs(path.join(root, 'nowhere')).versions('sglang'), RuntimeCatalogError);
  });

  it('names the first field a damaged file gets wrong, in each of the three formats', () => {
    const flag = vllmMain.flags[0]!;
    const damaged: [string, unknown, RegExp][] = [
      [
        'vllm/0.10.0.json',
        { ...vllm0100, flags: [{ ...flag, name: '' }] },
        /flags\[0\]\.name: expected a name, got an empty string$/,
      ],
      [
        'vllm/0.10.0.json',
        { ...vllm0100, flags: [{ ...flag, range: { ge: '0' } }] },
        /flags\[0\]\.range\.ge: expected a number, got a string$/,
      ],
      [
        'vllm/0.10.0.json',
        { ...vllm0100, flags: [{ ...flag, nargs: true }] },
        /flags\[0\]\.nargs: expected a string or a number, got a boolean$/,
      ],
      [
        'vllm/0.10.0.json',
        { ...vllm0100, flags: [{ ...flag, choices: [[1]] }] },
        /flags\[0\]\.choices\[0\]: expected a string, number, boolean or null, got a list/,
      ],
      [
        'vllm/0.10.0.json',
        { ...vllm0100, flags: [{ ...flag, int_suffixes: { decimal: { k: '1000' }, binary: {} } }] },
        /flags\[0\]\.int_suffixes\.decimal\.k: expected a number, got a string$/,
      ],
      [
        'vllm/0.10.0.json',
        { ...vllm0100, flags: [{ ...flag, transform: ['lower'] }] },
        /flags\[0\]\.transform\[0\]: expected a list, got a string$/,
      ],
      [
        'vllm/0.10.0.json',
        { ...vllm0100, flags: [{ ...flag, accepts_none: 'yes' }] },
        /flags\[0\]\.accepts_none: expected a boolean, got a string$/,
      ],
      ['vllm/0.10.0.json', { ...vllm0100, runtime: 'tgi' }, /runtime: expected "sglang" or "vllm", got "tgi"$/],
      [
        'vllm/0.10.0.json',
        (({ source: _source, ...rest }) => rest)(vllm0100),
        /0\.10\.0\.json: not in the catalog format: source: missing$/,
      ],
      ['vllm/0.10.0.json', [], /not in the catalog format: the file: expected an object, got an empty list$/],
      [
        'sglang/overlay.json',
        { ...sglangOverlay, flags: { 'tp-size': { description: 'x', area: 'speed', common: true } } },
        /overlay\.json: not in the catalog format: flags\.tp-size\.area: expected "parallelism", /,
      ],
      [
        'counterparts.json',
        { flags: [{ sglang: 'a', vllm: 'b', exactness: 'exact', values: [{ sglang: 1 }] }] },
        /counterparts\.json: not in the catalog format: flags\[0\]\.values\[0\]\.vllm: missing$/,
      ],
    ];
    for (const [file, value, message] of damaged) {
      fs.writeFileSync(path.join(root, file), JSON.stringify(value));
      const catalogs = openRuntimeCatalogs(root);
      const read = file.startsWith('counterparts')
        ? () => catalogs.counterparts()
        : file.endsWith('overlay.json')
          ? () => catalogs.overlay('sglang')
          : () => catalogs.catalog('vllm', '0.10.0');
      assert.throws(
        read,
        (error: unknown) => error instanceof RuntimeCatalogError && message.test(error.message),
        file,
      );
    }
  });

  it('keeps facts a newer generator adds, and takes null where the format allows it', () => {
    const flag = { ...vllmMain.flags[0]!, nargs: '+', choices: null, negation: null, range: null, deprecated: null };
    fs.writeFileSync(
      path.join(root, 'vllm', '0.10.0.json'),
      JSON.stringify({ ...vllm0100, generator: 2, flags: [{ ...flag, added_in: '0.9' }] }),
    );
    const catalog = openRuntimeCatalogs(root).catalog('vllm', '0.10.0');
    assert.equal((catalog as unknown as { generator: number }).generator, 2);
    assert.equal((catalog.flags[0] as unknown as { added_in: string }).added_in, '0.9');
    assert.equal(catalog.flags[0]!.nargs, '+');
  });
});
