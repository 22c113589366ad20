/**
 * The runtime flag catalogs as shipped data: the four generated catalogs, the hand-kept overlays and the
 * counterparts table. Checks the format the extension reads (every field present and typed, names unique
 * and sorted, aliases unique within a version), the facts upstream's source states, and that the hand-kept
 * files name only flags some catalog of their runtime has.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildFlagIndex, type RuntimeCatalog } from '../../../src/core/runtime/catalog';
import { checkFlags } from '../../../src/core/runtime/flagChecks';
import { repoRoot } from '../helpers/presets';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Flag {
  name: string;
  aliases: string[];
  type: string;
  nargs: null | string | number;
  choices: null | (string | number | boolean | null)[];
  choices_enforced: boolean;
  default: Json;
  is_flag: boolean;
  negation: string | null;
  range: null | { gt?: number; ge?: number; lt?: number; le?: number };
  deprecated: null | { replacement: string | null };
  int_suffixes?: { decimal: Record<string, number>; binary: Record<string, number> };
  int_words?: Record<string, number>;
  transform?: string[][];
  accepts_none?: boolean;
}

interface Catalog {
  runtime: string;
  version: string;
  source: { repository: string; commit: string; date: string };
  flags: Flag[];
}

const runtimesDir = path.join(repoRoot, 'runtimes');
const readJson = (...parts: string[]): unknown => JSON.parse(fs.readFileSync(path.join(runtimesDir, ...parts), 'utf8'));

const versions = {
  sglang: ['0.5.2', 'main-2026-06-09'],
  vllm: ['0.10.0', 'main-2026-05-29'],
} as const;
type RuntimeName = keyof typeof versions;

const catalogs: { runtime: RuntimeName; version: string; catalog: Catalog }[] = (
  Object.keys(versions) as RuntimeName[]
).flatMap((runtime) =>
  versions[runtime].map((version) => ({ runtime, version, catalog: readJson(runtime, `${version}.json`) as Catalog })),
);

function flagsOf(runtime: RuntimeName, version: string): Map<string, Flag> {
  const found = catalogs.find((c) => c.runtime === runtime && c.version === version);
  assert.ok(found, `${runtime} ${version} catalog`);
  return new Map(found.catalog.flags.map((f) => [f.name, f]));
}

function flag(runtime: RuntimeName, version: string, name: string): Flag {
  const found = flagsOf(runtime, version).get(name);
  assert.ok(found, `${runtime} ${version} has ${name}`);
  return found;
}

/** Every flag name any catalog of the runtime has. */
const namesOf = (runtime: RuntimeName): Set<string> =>
  new Set(catalogs.filter((c) => c.runtime === runtime).flatMap((c) => c.catalog.flags.map((f) => f.name)));

const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const FIELDS = [
  'name',
  'aliases',
  'type',
  'nargs',
  'choices',
  'choices_enforced',
  'default',
  'is_flag',
  'negation',
  'range',
  'deprecated',
];
/** Written only where they apply. */
const OPTIONAL_FIELDS = ['int_suffixes', 'int_words', 'transform', 'accepts_none'];

describe('runtime flag catalogs', () => {
  for (const { runtime, version, catalog } of catalogs) {
    describe(`${runtime} ${version}`, () => {
      it('says which runtime, version and upstream commit it describes', () => {
        assert.equal(catalog.runtime, runtime);
        assert.equal(catalog.version, version);
        assert.match(catalog.source.repository, /^[\w-]+\/[\w-]+$/);
        assert.match(catalog.source.commit, /^[0-9a-f]{40}$/);
        assert.match(catalog.source.date, /^\d{4}-\d{2}-\d{2}$/);
      });

      it('gives every flag every field, typed', () => {
        for (const f of catalog.flags) {
          const keys = Object.keys(f);
          assert.deepEqual(keys.filter((k) => !OPTIONAL_FIELDS.includes(k)).sort(), [...FIELDS].sort(), f.name);
          assert.ok(f.accepts_none === undefined || f.accepts_none === true, `${f.name} accepts_none`);
          if (f.int_suffixes !== undefined) {
            assert.match(f.type, /^human_readable_int/, `${f.name}: suffixes of a human-readable int`);
            const multipliers = [...Object.values(f.int_suffixes.decimal), ...Object.values(f.int_suffixes.binary)];
            assert.ok(multipliers.length > 0 && multipliers.every(Number.isSafeInteger), `${f.name} suffixes`);
          }
          assert.ok(f.int_words === undefined || f.int_suffixes !== undefined, `${f.name}: words of a human-readable int`);
          assert.ok(
            f.transform === undefined || f.transform.every((step) => ['lower', 'upper', 'strip', 'replace'].includes(step[0])),
            `${f.name} transform`,
          );
          assert.match(f.name, /^[a-z0-9][a-z0-9-]*$/, `${f.name}: no leading dashes`);
          assert.ok(Array.isArray(f.aliases) && f.aliases.every((a) => /^--?[\w-]+$/.test(a)), `${f.name} aliases`);
          assert.equal(typeof f.type, 'string', `${f.name} type`);
          assert.ok(f.nargs === null || ['+', '*', '?'].includes(f.nargs as string) || Number.isInteger(f.nargs));
          assert.ok(f.choices === null || (Array.isArray(f.choices) && f.choices.length > 0), `${f.name} choices`);
          assert.ok(f.choices === null || f.choices.every(isScalar), `${f.name} choices are scalars`);
          assert.equal(typeof f.choices_enforced, 'boolean');
          assert.ok(!f.choices_enforced || f.choices !== null, `${f.name}: enforced choices are listed`);
          assert.equal(typeof f.is_flag, 'boolean');
          if (f.is_flag) assert.equal(f.type, 'bool', `${f.name}: on/off flags are bool`);
          assert.ok(f.negation === null || f.negation === `no-${f.name}`, `${f.name} negation`);
          if (f.negation !== null) assert.ok(f.is_flag, `${f.name}: a negatable flag takes no value`);
          if (f.range !== null) {
            const keys = Object.keys(f.range);
            assert.ok(keys.length > 0 && keys.every((k) => ['gt', 'ge', 'lt', 'le'].includes(k)), `${f.name} range`);
            assert.ok(!('gt' in f.range && 'ge' in f.range) && !('lt' in f.range && 'le' in f.range));
            assert.ok(Object.values(f.range).every((v) => typeof v === 'number'));
          }
          if (f.deprecated !== null) {
            const { replacement } = f.deprecated;
            assert.ok(replacement === null || catalog.flags.some((g) => g.name === replacement), `${f.name} → ${replacement}`);
          }
        }
      });

      it('lists flags sorted by name, each name once', () => {
        const names = catalog.flags.map((f) => f.name);
        assert.deepEqual(names, [...names].sort());
        assert.equal(new Set(names).size, names.length);
      });

      it('gives each alias to one flag only, and never a primary name as an alias', () => {
        const seen = new Map<string, string>();
        const primaries = new Set(catalog.flags.map((f) => `--${f.name}`));
        for (const f of catalog.flags) {
          for (const alias of f.aliases) {
            assert.ok(!seen.has(alias), `${alias} is an alias of ${seen.get(alias)} and ${f.name}`);
            assert.ok(!primaries.has(alias), `${alias} is also a primary name`);
            seen.set(alias, f.name);
          }
        }
      });
    });
  }

  describe('known facts', () => {
    it('has as many flags as upstream declares', () => {
      const counts = (runtime: RuntimeName, version: string) => {
        const flags = [...flagsOf(runtime, version).values()];
        return [flags.length, flags.filter((f) => f.is_flag).length, flags.filter((f) => f.choices !== null).length];
      };
      assert.deepEqual(counts('sglang', '0.5.2'), [210, 62, 31]);
      assert.deepEqual(counts('sglang', 'main-2026-06-09'), [406, 135, 65]);
      assert.equal(flagsOf('vllm', 'main-2026-05-29').size, 261);
      assert.ok([158, 159].includes(flagsOf('vllm', '0.10.0').size));
    });

    it('tensor-parallel-size: int, default 1, with --tp-size (SGLang) and -tp (vLLM)', () => {
      for (const { runtime, version } of catalogs) {
        const tp = flag(runtime, version, 'tensor-parallel-size');
        assert.equal(tp.type, 'int');
        assert.equal(tp.default, 1);
        assert.ok(tp.aliases.includes(runtime === 'sglang' ? '--tp-size' : '-tp'), `${runtime} ${version}`);
      }
    });

    it('schedule-policy in SGLang 0.5.2: lpm, random, fcfs, dfs-weight, lof; default fcfs', () => {
      const policy = flag('sglang', '0.5.2', 'schedule-policy');
      assert.deepEqual(policy.choices, ['lpm', 'random', 'fcfs', 'dfs-weight', 'lof']);
      assert.equal(policy.choices_enforced, true);
      assert.equal(policy.default, 'fcfs');
    });

    it('SGLang: enable-mixed-chunk is off by default; mem-fraction-static is a float computed at start-up', () => {
      for (const version of versions.sglang) {
        const chunk = flag('sglang', version, 'enable-mixed-chunk');
        assert.deepEqual([chunk.type, chunk.is_flag, chunk.default], ['bool', true, false]);
        const memory = flag('sglang', version, 'mem-fraction-static');
        assert.deepEqual([memory.type, memory.default], ['float', null]);
        assert.ok(!flagsOf('sglang', version).has('enable-mixed-chunking'));
        assert.ok(!flagsOf('sglang', version).has('enable-chunked-prefill'));
      }
    });

    it('vLLM main: gpu-memory-utilization is a float, default 0.92, in (0, 1]', () => {
      const gpu = flag('vllm', 'main-2026-05-29', 'gpu-memory-utilization');
      assert.deepEqual([gpu.type, gpu.default, gpu.range], ['float', 0.92, { gt: 0, le: 1 }]);
    });

    it('vLLM: enable-prefix-caching is on/off with no-enable-prefix-caching, default unset', () => {
      for (const version of versions.vllm) {
        const caching = flag('vllm', version, 'enable-prefix-caching');
        assert.deepEqual([caching.is_flag, caching.negation, caching.default], [true, 'no-enable-prefix-caching', null]);
      }
    });

    it('swap-space is in vLLM 0.10.0 and gone from main', () => {
      assert.ok(flagsOf('vllm', '0.10.0').has('swap-space'));
      assert.ok(!flagsOf('vllm', 'main-2026-05-29').has('swap-space'));
    });

    it('quantization accepts None in vLLM, not in SGLang', () => {
      for (const version of versions.sglang) {
        const q = flag('sglang', version, 'quantization');
        assert.ok(q.choices && !q.choices.includes('None') && !q.choices.includes(null));
      }
      for (const version of versions.vllm) assert.ok(flag('vllm', version, 'quantization').choices?.includes('None'));
    });

    it('vLLM refuses None where its choices are enforced: argparse compares the converted None with texts', () => {
      const refusingNone = (version: string) => {
        const { catalog } = catalogs.find((c) => c.runtime === 'vllm' && c.version === version)!;
        const index = buildFlagIndex(catalog as RuntimeCatalog);
        return index.flags
          .filter((f) => f.accepts_none && checkFlags({ [f.name]: [null] }, [{ runtime: 'vllm', index }]).length > 0)
          .map((f) => f.name);
      };
      assert.deepEqual(refusingNone('0.10.0'), ['collect-detailed-traces', 'distributed-executor-backend', 'preemption-mode']);
      assert.deepEqual(refusingNone('main-2026-05-29'), ['collect-detailed-traces', 'mm-encoder-attn-dtype', 'spec-method']);
      // quantization's choices are not enforced (plugins add methods), so argparse lets None through.
      assert.ok(!refusingNone('main-2026-05-29').includes('quantization'));
    });
  });
});

const AREAS = [
  'parallelism',
  'memory',
  'scheduling',
  'batching',
  'prefix-cache',
  'quantization',
  'attention',
  'cuda-graph',
  'speculative',
  'other',
];

describe('runtime overlays', () => {
  for (const runtime of Object.keys(versions) as RuntimeName[]) {
    describe(runtime, () => {
      const overlay = readJson(runtime, 'overlay.json') as {
        runtime: string;
        docs_url: string;
        flags: Record<string, Record<string, unknown>>;
      };
      const entries = Object.entries(overlay.flags);

      it('names its runtime and documentation page', () => {
        assert.equal(overlay.runtime, runtime);
        assert.match(overlay.docs_url, /^https:\/\/docs\.(sglang\.ai|vllm\.ai)\//);
      });

      it('describes about 50 flags, each a flag some catalog of the runtime has', () => {
        assert.ok(entries.length >= 45, `${entries.length} flags`);
        const known = namesOf(runtime);
        assert.deepEqual(
          entries.map(([name]) => name).filter((name) => !known.has(name)),
          [],
        );
      });

      it('gives each a one-line description, an area, a common tag, and a source for any range', () => {
        for (const [name, entry] of entries) {
          assert.ok(typeof entry.description === 'string' && entry.description.length > 0, name);
          assert.ok(!(entry.description as string).includes('\n'), `${name}: one line`);
          assert.ok(AREAS.includes(entry.area as string), `${name}: area ${String(entry.area)}`);
          assert.equal(typeof entry.common, 'boolean', name);
          if ('range' in entry) {
            assert.equal(typeof entry.range_source, 'string', `${name}: range_source`);
            const keys = Object.keys(entry.range as object);
            assert.ok(keys.length > 0 && keys.every((k) => ['gt', 'ge', 'lt', 'le'].includes(k)), name);
          }
        }
      });

      it('covers every tuning area, with some flags tagged common', () => {
        const areas = new Set(entries.map(([, e]) => e.area));
        for (const area of AREAS.filter((a) => a !== 'other')) assert.ok(areas.has(area), `${runtime}: ${area}`);
        assert.ok(entries.filter(([, e]) => e.common === true).length >= 10);
      });
    });
  }

  it('bounds mem-fraction-static to (0, 1]', () => {
    const overlay = readJson('sglang', 'overlay.json') as { flags: Record<string, { range?: object }> };
    assert.deepEqual(overlay.flags['mem-fraction-static'].range, { gt: 0, le: 1 });
  });
});

describe('runtime counterparts', () => {
  const table = readJson('counterparts.json') as {
    flags: {
      sglang: string;
      vllm: string;
      exactness: string;
      values: null | { sglang: string | number | boolean; vllm: string | number | boolean }[];
    }[];
  };
  const sglang = namesOf('sglang');
  const vllm = namesOf('vllm');

  /** Whether some catalog of the runtime accepts the value for the flag (free choices accept anything). */
  const accepts = (runtime: RuntimeName, name: string, value: string | number | boolean): boolean =>
    catalogs
      .filter((c) => c.runtime === runtime)
      .flatMap((c) => c.catalog.flags.filter((f) => f.name === name))
      .some((f) => (f.is_flag ? typeof value === 'boolean' : f.choices === null || f.choices.includes(value)));

  it('names only flags the catalogs have, each with an exactness level', () => {
    for (const row of table.flags) {
      assert.ok(sglang.has(row.sglang), `SGLang ${row.sglang}`);
      assert.ok(vllm.has(row.vllm), `vLLM ${row.vllm}`);
      assert.ok(['exact', 'approximate'].includes(row.exactness), `${row.sglang}: ${row.exactness}`);
    }
  });

  it('pairs only values the flags accept', () => {
    for (const row of table.flags) {
      for (const pair of row.values ?? []) {
        assert.ok(accepts('sglang', row.sglang, pair.sglang), `SGLang ${row.sglang} = ${String(pair.sglang)}`);
        assert.ok(accepts('vllm', row.vllm, pair.vllm), `vLLM ${row.vllm} = ${String(pair.vllm)}`);
      }
    }
  });

  it('maps the pairs the conversion needs', () => {
    const row = (s: string) => table.flags.find((r) => r.sglang === s);
    assert.deepEqual(row('tensor-parallel-size'), {
      sglang: 'tensor-parallel-size',
      vllm: 'tensor-parallel-size',
      exactness: 'exact',
      values: null,
    });
    assert.equal(row('mem-fraction-static')?.vllm, 'gpu-memory-utilization');
    assert.equal(row('mem-fraction-static')?.exactness, 'approximate');
    assert.deepEqual(row('schedule-policy')?.values?.[0], { sglang: 'fcfs', vllm: 'fcfs' });
    assert.equal(row('max-running-requests')?.vllm, 'max-num-seqs');
    assert.equal(row('context-length')?.vllm, 'max-model-len');
    assert.ok(row('kv-cache-dtype')?.values?.some((p) => p.sglang === 'fp8_e4m3' && p.vllm === 'fp8'));
    for (const s of ['pipeline-parallel-size', 'data-parallel-size', 'quantization', 'disable-cuda-graph']) {
      assert.ok(row(s), s);
    }
  });
});
