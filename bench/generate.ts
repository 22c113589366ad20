/**
 * Deterministic benchmark data: the same seed gives the same bytes on every machine, so two runs (or two
 * machines) measure the same work. Nothing here is timed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatJson } from '../src/core/format';
import type { MergeInput } from '../src/core/merge';
import type { Scalar } from '../src/core/model';

/** mulberry32: a small, fast, seeded PRNG; good enough to vary test data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const int = (rand: () => number, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));

const CATEGORIES = [
  'throughput',
  'latency',
  'memory',
  'balanced',
  'long-context',
  'batch',
  'streaming',
  'multi-gpu',
  'speculative',
  'quantization',
  'prefill',
  'decode',
  'cost',
  'experimental',
  'baseline',
  'regression',
  'nightly',
  'customer-a',
  'customer-b',
  'research',
];

/** Real SGLang/vLLM flags with plausible candidate values. */
const FLAGS: readonly (readonly [string, readonly Scalar[]])[] = [
  ['tp-size', [1, 2, 4, 8]],
  ['pp-size', [1, 2, 4]],
  ['dp-size', [1, 2, 4, 8]],
  ['mem-fraction-static', [0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.95]],
  ['schedule-policy', ['fcfs', 'lpm', 'random', 'dfs-weight']],
  ['chunked-prefill-size', [1024, 2048, 4096, 8192, 16384]],
  ['max-running-requests', [64, 128, 256, 512, 1024]],
  ['max-prefill-tokens', [4096, 8192, 16384, 32768]],
  ['enable-mixed-chunking', [true, false]],
  ['enable-torch-compile', [true, false]],
  ['cuda-graph-max-bs', [16, 32, 64, 128, 160, 256]],
  ['attention-backend', ['flashinfer', 'triton', 'fa3']],
  ['kv-cache-dtype', ['auto', 'fp8_e5m2', 'fp8_e4m3']],
  ['quantization', [null, 'fp8', 'awq', 'gptq']],
  ['stream-interval', [1, 2, 4, 8]],
  ['gpu-memory-utilization', [0.8, 0.85, 0.9, 0.95]],
  ['max-num-seqs', [64, 128, 256, 512]],
  ['max-num-batched-tokens', [2048, 4096, 8192, 16384]],
  ['block-size', [8, 16, 32]],
  ['swap-space', [0, 4, 8, 16]],
  ['enable-prefix-caching', [true, false]],
  ['enable-chunked-prefill', [true, false]],
  ['speculative-num-steps', [1, 2, 3, 5]],
  ['speculative-eagle-topk', [1, 2, 4, 8]],
];

const AUTHORS = ['alice', 'bob', 'carol', 'dmitri', 'emeka', 'fatima', 'guo', 'hana', 'platform-team'];
const TAGS = [
  'h100',
  'a100',
  'l40s',
  'llama',
  'qwen',
  'mistral',
  'deepseek',
  'moe',
  'dense',
  'fp8',
  'prod',
  'staging',
  'ci',
];

export interface GeneratedWorkspace {
  readonly root: string;
  readonly files: readonly string[];
  readonly bytes: number;
  /** How many files of each kind were written. */
  readonly mix: Readonly<Record<string, number>>;
}

/** A flag with the candidate values presets try for it. */
export type TunedFlag = readonly [name: string, candidates: readonly Scalar[]];

/**
 * The flags a realistic workspace's presets draw from, per runtime: each runtime's commonly tuned flags with
 * values its catalog accepts, and for presets of `runtime: null` the flags both know by one name, with values
 * both accept. Built by the caller from the catalogs (bench/suite.ts), so this file reads no catalog.
 */
export interface FlagPool {
  readonly sglang: readonly TunedFlag[];
  readonly vllm: readonly TunedFlag[];
  readonly any: readonly TunedFlag[];
}

/** The worst case: every preset draws from one list of SGLang and vLLM flags, whatever its runtime. */
function mixedPresetObject(rand: () => number, index: number): Record<string, unknown> {
  const parameters = drawParameters(rand, FLAGS, 5);
  return presetAround(rand, index, pick(rand, ['sglang', 'vllm', null, 'sglang']), parameters);
}

/** A preset as people keep them: a runtime (or none, for about one in seven), and only flags it knows. */
function realisticPresetObject(rand: () => number, index: number, pool: FlagPool): Record<string, unknown> {
  const runtime = pick(rand, ['sglang', 'vllm', 'sglang', 'vllm', 'sglang', 'vllm', null] as const);
  const flags = runtime === null ? pool.any : pool[runtime];
  // A step prime to the pool's size walks distinct flags.
  const step = [5, 7, 11, 13].find((n) => flags.length % n !== 0)!;
  return presetAround(rand, index, runtime, drawParameters(rand, flags, step));
}

function drawParameters(rand: () => number, flags: readonly TunedFlag[], step: number): Record<string, Scalar[]> {
  const parameters: Record<string, Scalar[]> = {};
  const flagCount = Math.min(int(rand, 3, 9), flags.length);
  const start = int(rand, 0, flags.length - 1);
  for (let k = 0; k < flagCount; k++) {
    const [flag, candidates] = flags[(start + k * step) % flags.length];
    const count = int(rand, 1, Math.min(4, candidates.length));
    const offset = int(rand, 0, candidates.length - count);
    parameters[flag] = candidates.slice(offset, offset + count);
  }
  return parameters;
}

function presetAround(
  rand: () => number,
  index: number,
  runtime: string | null,
  parameters: Record<string, Scalar[]>,
): Record<string, unknown> {
  const preset: Record<string, unknown> = {
    name: `${pick(rand, CATEGORIES)} ${pick(rand, TAGS)} preset ${String(index).padStart(5, '0')}`,
    description:
      rand() < 0.8
        ? `Tuning grid ${index} for ${pick(rand, TAGS)} deployments of the ${pick(rand, TAGS)} model family`
        : null,
    category: rand() < 0.95 ? pick(rand, CATEGORIES) : null,
    runtime,
    parameters,
  };
  if (rand() < 0.8) preset.metadata = { author: pick(rand, AUTHORS), tags: [pick(rand, TAGS), pick(rand, TAGS)] };
  return preset;
}

/**
 * Writes `count` preset files (about 600 bytes each, pretty-printed like people write them) into
 * `root/packages/team-NN/presets/`. The mix is that of a real monorepo: mostly valid strict JSON, some
 * files with comments, a few with warnings or errors, a few name clashes.
 */
export function generateWorkspace(root: string, count: number, seed = 7, pool?: FlagPool): GeneratedWorkspace {
  const rand = random(seed);
  fs.rmSync(root, { recursive: true, force: true });
  const files: string[] = [];
  const mix: Record<string, number> = { valid: 0, comments: 0, warnings: 0, errors: 0, duplicateNames: 0 };
  if (pool) Object.assign(mix, { flagProblems: 0, anyRuntime: 0 });
  let bytes = 0;
  let previousName = '';
  for (let i = 0; i < count; i++) {
    const preset = pool ? realisticPresetObject(rand, i, pool) : mixedPresetObject(rand, i);
    if (pool && preset.runtime === null) mix.anyRuntime++;
    // About one file in twenty has a flag mistake, as a workspace people keep may: checked apart from the mix below.
    if (pool && rand() < 0.05) {
      mix.flagProblems++;
      addFlagMistake(rand, preset, pool);
    }
    const roll = rand();
    let text: string;
    if (roll < 0.03) {
      mix.comments++;
      const body = JSON.stringify(preset, null, 2).replace(
        '\n  "parameters"',
        '\n  // the grid below was measured on the nightly cluster\n  "parameters"',
      );
      text = `// ${preset.name}: owned by ${pick(rand, AUTHORS)}\n${body.replace(/\n}$/, ',\n}')}\n`;
    } else if (roll < 0.04) {
      mix.warnings++;
      const parameters = preset.parameters as Record<string, Scalar[]>;
      const first = Object.keys(parameters)[0];
      parameters[first] = [...parameters[first], parameters[first][0]];
      preset.notes = 'kept for the record';
      text = JSON.stringify(preset, null, 2) + '\n';
    } else if (roll < 0.045) {
      mix.errors++;
      const parameters = preset.parameters as Record<string, unknown>;
      parameters[Object.keys(parameters)[0]] = 4;
      text = JSON.stringify(preset, null, 2) + '\n';
    } else if (roll < 0.05 && previousName) {
      mix.duplicateNames++;
      preset.name = previousName;
      text = JSON.stringify(preset, null, 2) + '\n';
    } else {
      mix.valid++;
      text = JSON.stringify(preset, null, 2) + '\n';
    }
    previousName = preset.name as string;
    const folder = path.join(root, 'packages', `team-${String(i % 100).padStart(2, '0')}`, 'presets');
    if (i < 100) fs.mkdirSync(folder, { recursive: true });
    const file = path.join(
      folder,
      `${String(i).padStart(5, '0')}-${(preset.category as string | null) ?? 'misc'}.preset.json`,
    );
    fs.writeFileSync(file, text);
    files.push(file);
    bytes += Buffer.byteLength(text);
  }
  return { root, files, bytes, mix };
}

/**
 * One mistake of the kinds people make with flags: a typo in a key, the underscore spelling, a value that is
 * not a choice or is out of range, or the other runtime's name for the flag.
 */
function addFlagMistake(rand: () => number, preset: Record<string, unknown>, pool: FlagPool): void {
  const parameters = preset.parameters as Record<string, Scalar[]>;
  const keys = Object.keys(parameters);
  const key = pick(rand, keys);
  const values = parameters[key];
  const kind = int(rand, 0, 3);
  const rename = (to: string): void => {
    if (to in parameters) return;
    parameters[to] = values;
    delete parameters[key];
  };
  if (kind === 0) {
    // A dropped letter, somewhere past the first.
    const at = int(rand, 1, key.length - 1);
    rename(key.slice(0, at) + key.slice(at + 1));
  } else if (kind === 1) {
    rename(key.replaceAll('-', '_'));
  } else if (kind === 2) {
    const value = values[0];
    // An int written as a float, a negative number, a misspelt choice, a word for an on/off flag.
    values[0] =
      typeof value === 'number'
        ? Number.isInteger(value)
          ? value + 0.5
          : -value
        : value === true
          ? 'yes'
          : `${value}x`;
  } else {
    const other = preset.runtime === 'sglang' ? pool.vllm : pool.sglang;
    const [flag, candidates] = pick(rand, other);
    if (!pool.any.some(([name]) => name === flag)) parameters[flag] = candidates.slice(0, 2);
  }
}

/** A change to one preset file, alternating between two contents so every write is a real change. */
export function changedPresetText(original: string, round: number): string {
  const value = JSON.parse(original) as Record<string, unknown>;
  const parameters = value.parameters as Record<string, Scalar[]>;
  parameters['max-running-requests'] = round % 2 === 0 ? [128, 256] : [256, 512, 1024];
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * Merge inputs: `presets` presets of `parameters` parameters with `values` values each. Parameters come
 * from a pool half again as large, so presets overlap without being equal; values come from a pool of
 * twice `values`, so lists differ and every strategy has real work: union dedupes, intersection finds
 * missing and empty intersections, last_wins reports overrides.
 */
export function mergeInputs(presets: number, parameters: number, values: number, seed = 11): MergeInput[] {
  const rand = random(seed);
  const pool = Math.round(parameters * 1.5);
  const result: MergeInput[] = [];
  for (let p = 0; p < presets; p++) {
    const grid: Record<string, Scalar[]> = {};
    // The first third of the pool is in every preset, the rest is a random pick.
    const shared = Math.floor(parameters / 3);
    for (let k = 0; k < shared; k++) grid[`flag-${k}`] = valueList(rand, k, values);
    let count = shared;
    while (count < parameters) {
      const k = int(rand, shared, pool - 1);
      if (!(`flag-${k}` in grid)) {
        grid[`flag-${k}`] = valueList(rand, k, values);
        count++;
      }
    }
    result.push({ name: `Preset ${p}`, parameters: grid, runtime: p % 3 === 0 ? 'sglang' : null });
  }
  return result;
}

function valueList(rand: () => number, parameter: number, values: number): Scalar[] {
  const list: Scalar[] = [];
  const seen = new Set<number>();
  while (list.length < values) {
    const v = int(rand, 0, values * 2 - 1);
    if (seen.has(v)) continue;
    seen.add(v);
    // Mixed scalar types, as real grids have.
    list.push(
      parameter % 4 === 0 ? `mode-${v}` : parameter % 4 === 1 ? v * 128 : parameter % 4 === 2 ? v / 100 : v % 2 === 0,
    );
  }
  return list;
}

/**
 * One large preset file of about `targetBytes`, pretty-printed, within the limits a preset may hold (50,000
 * values in all): so the values are long, like model paths and JSON overrides. `kind` says what it holds:
 * `clean` is valid strict JSON; `comments` is the same preset with a comment above every parameter (JSONC);
 * `problems` is `clean` with a repeated value in one list in twenty and an unknown key, so it has
 * diagnostics that need exact ranges.
 */
export function largePresetText(targetBytes: number, kind: 'clean' | 'comments' | 'problems', seed = 13): string {
  const rand = random(seed);
  const parameters: Record<string, Scalar[]> = {};
  const preset: Record<string, unknown> = {
    name: 'Exhaustive sweep',
    description: 'Every flag we know, every value we tried',
    category: 'research',
    runtime: 'sglang',
    parameters,
    metadata: { author: 'platform-team', tags: ['sweep'] },
  };
  if (kind === 'problems') preset.notes = 'an unknown key';
  const perList = 40;
  let size = 300;
  for (let k = 0; size < targetBytes; k++) {
    const list: Scalar[] = [];
    for (let v = 0; v < perList; v++) {
      list.push(
        k % 4 === 0
          ? `/models/${pick(rand, TAGS)}/checkpoint-${k}-${v}-${Math.floor(rand() * 1e9).toString(36)}-instruct-fp8`
          : k % 4 === 1
            ? `{"rope_scaling": {"type": "yarn", "factor": ${v + 1}}, "max_position_embeddings": ${1024 * (v + 1)}}`
            : k % 4 === 2
              ? Math.round(rand() * 1e12) / 1e3
              : `${pick(rand, CATEGORIES)}-${pick(rand, TAGS)}-${pick(rand, AUTHORS)}-${k}-${v}`,
      );
    }
    if (kind === 'problems' && k % 20 === 0) list.push(list[3]);
    parameters[`flag-${k}`] = list;
    size += JSON.stringify(list, null, 2).length + 4 * (list.length + 2) + 12 + String(k).length;
  }
  let text = JSON.stringify(preset, null, 2) + '\n';
  if (kind === 'comments') text = text.replace(/\n {4}"flag-/g, '\n    // measured on the nightly cluster\n    "flag-');
  return text;
}

/**
 * The largest preset a person plausibly keeps: 500 flags of 20 candidate values each (10,000 values, about
 * 100 KB), written as people write presets (one flag a line, a comment above every tenth flag, so JSONC), with
 * a value repeated in every twenty-fifth list and an unknown key: 21 warnings that need exact ranges.
 */
export function plausiblePresetText(seed = 17): string {
  const rand = random(seed);
  const parameters: Record<string, Scalar[]> = {};
  for (let k = 0; k < 500; k++) {
    const [flag, examples] = FLAGS[k % FLAGS.length];
    const example = examples[k % examples.length];
    const list: Scalar[] = Array.from({ length: 20 }, (_, v) =>
      typeof example === 'string'
        ? `${example}-variant-${v}-${Math.floor(rand() * 1e6)}`
        : typeof example === 'number' && !Number.isInteger(example)
          ? Math.round((example + v / 1000) * 1e4) / 1e4
          : ((example as number) || 1) * (v + 1),
    );
    if (k % 25 === 0) list.push(list[3]);
    parameters[`${flag}-${k}`] = list;
  }
  const preset = {
    name: 'Every flag we sweep',
    description: 'The widest grid the team runs',
    category: 'research',
    runtime: 'sglang',
    parameters,
    notes: 'an unknown key',
  };
  let k = 0;
  return (
    formatJson(preset).replace(/\n {4}"/g, (line) =>
      k++ % 10 === 0 ? `\n    // tuned on the nightly cluster${line}` : line,
    ) + '\n'
  );
}
