/**
 * The in-process benchmarks, bundled by bench/run.mjs and run one group per child process:
 *
 *   node suite.js generate <dir> <count>        writes the workspace, prints what it wrote
 *   node suite.js generate-flags <dir> <count>  writes the realistic workspace for the flag checks' rows
 *   node suite.js index <workspace> <runs> <flags workspace>
 *                                               index 10,000 files (as the extension, as the CLI) against the floor,
 *                                               and with the flag checks against without, on both workspaces
 *   node suite.js reindex <workspace> <runs>    re-index after one file changes, on the whole catalog
 *   node suite.js merge <runs>                  every strategy at 100 × 1,000 × 8, and with the input doubled
 *   node suite.js merge-cpu <runs> [json]       CPU time of every strategy at 100 × 1,000 × 8 (data written to json)
 *   node suite.js large <dir> <runs>            one 2 MB preset file against JSON.parse of it, and the largest plausible one
 *
 * Each prints one JSON object on stdout. Run with --expose-gc so runs start without garbage of earlier ones.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { parseTree } from 'jsonc-parser';
import { analyzePresetBytes, analyzePresetText } from '../src/core/analyze';
import { PresetCatalog, type CatalogEntry } from '../src/core/catalog';
import { INDEX_READ_CONCURRENCY, mapWithConcurrency } from '../src/core/concurrency';
import { Limits } from '../src/core/limits';
import { mergePresets, type MergeInput } from '../src/core/merge';
import { MERGE_STRATEGIES } from '../src/core/model';
import { analyzePresetFile } from '../src/node/loadPresets';
import {
  SlicedPresetReader,
  analyzeFileContent,
  readPresetFile,
  readPresetFileSync,
  type PresetFileContent,
} from '../src/node/readPresetFile';
import { locatePaths, readJsonText, type PathSegment } from '../src/core/jsonText';
import type { PresetRule } from '../src/core/presetRules';
import { flagRule } from '../src/core/runtime/flagRule';
import { LineIndex } from '../src/core/text';
import { checkFlags } from '../src/core/runtime/flagChecks';
import type { FlagKnowledge } from '../src/core/runtime/flagRule';
import type { Scalar } from '../src/core/model';
import { chooseFlagKnowledge, shippedRuntimeCatalogs } from '../src/node/flagKnowledge';
import {
  changedPresetText,
  generateWorkspace,
  largePresetText,
  mergeInputs,
  plausiblePresetText,
  type FlagPool,
  type TunedFlag,
} from './generate';
import { interleave, now, settle, since, summarize, type Summary } from './stats';

const [command, ...args] = process.argv.slice(2);

function presetFilesOf(workspace: string): string[] {
  // What findFiles returns: every *.preset.json, in a stable order.
  return (fs.readdirSync(workspace, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.preset.json'))
    .map((name) => path.join(workspace, name))
    .sort();
}

function systemFiles(): string[] {
  // The six bundled system presets, read first by the extension's index as by the CLI (run from the repository).
  const folder = path.resolve('presets');
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => path.join(folder, name));
}

// ------------------------------------------------------------------ index

/**
 * The extension's index, minus VS Code: every file read as the extension's full scan reads a file: URI (one
 * SlicedPresetReader for the scan: synchronous reads in slices of at most 8 ms, the event loop let run between
 * them), after the same reader has told where its links lead, through the index's own mapWithConcurrency,
 * analyzed (analyzePresetBytes), put in a PresetCatalog, and the diagnostics of every entry computed (what the
 * Problems panel is given). With `asynchronous`, every file is read with readPresetFile instead, and its links
 * resolved with fs.promises.realpath, as the reader does on a slow disk.
 */
async function indexAsync(
  files: readonly string[],
  asynchronous = false,
  rules: readonly PresetRule[] = [],
): Promise<{ catalog: PresetCatalog; diagnostics: number; reader: SlicedPresetReader }> {
  const catalog = new PresetCatalog();
  for (const file of systemFiles())
    catalog.set({
      id: file,
      label: path.basename(file),
      origin: 'system',
      analysis: analyzePresetBytes(await fsp.readFile(file), { origin: 'system', rules }),
    });
  const reader = new SlicedPresetReader();
  const read = asynchronous ? readPresetFile : (file: string, limit: number) => reader.read(file, limit);
  // The index first looks where the file's links lead (PresetIndex.isLinkToIndexedFile), as its reader reads.
  const realPath = asynchronous ? (file: string) => fsp.realpath(file) : (file: string) => reader.realPath(file);
  const entries = await mapWithConcurrency(files, INDEX_READ_CONCURRENCY, async (file) => {
    await realPath(file);
    return readEntry(file, read, rules);
  });
  for (const entry of entries) catalog.set(entry);
  let diagnostics = 0;
  for (const entry of entries) diagnostics += catalog.diagnosticsOf(entry.id).length;
  // The index keeps its reader for the files that change later.
  return { catalog, diagnostics, reader };
}

/** What PresetIndex.readWorkspaceEntry (readPresetUri) does for a file: URI that no editor holds open. */
async function readEntry(
  file: string,
  read: (file: string, limit: number) => Promise<PresetFileContent>,
  rules: readonly PresetRule[] = [],
): Promise<CatalogEntry> {
  const limit = Limits.defaultMaxFileBytes;
  const content = await read(file, limit);
  if (content.kind !== 'bytes' && content.kind !== 'oversize') throw new Error(`${file} is not a regular file`);
  const { analysis } = analyzeFileContent(content, { origin: 'workspace', maxBytes: limit, rules })!;
  return { id: file, label: file, origin: 'workspace', analysis };
}

/**
 * The CLI's way: each file stat'ed, read and analyzed synchronously (analyzePresetFile), then the same catalog
 * work. With `rules` (the flag checks), the file is read and analyzed as analyzePresetFile does, with them.
 */
function indexSync(files: readonly string[], rules?: readonly PresetRule[]): { diagnostics: number } {
  const analyze = (file: string, origin: 'system' | 'workspace') =>
    rules
      ? analyzeFileContent(readPresetFileSync(file, Limits.defaultMaxFileBytes), { origin, rules })!.analysis
      : analyzePresetFile(file, origin);
  const catalog = new PresetCatalog();
  for (const file of systemFiles())
    catalog.set({
      id: file,
      label: path.basename(file),
      origin: 'system',
      analysis: analyze(file, 'system'),
    });
  for (const file of files)
    catalog.set({ id: file, label: file, origin: 'workspace', analysis: analyze(file, 'workspace') });
  let diagnostics = 0;
  for (const file of files) diagnostics += catalog.diagnosticsOf(file).length;
  return { diagnostics };
}

/**
 * A reference: read every file and JSON.parse it, nothing else, with asynchronous reads: Node's callback
 * fs.readFile, one promise per file, 32 at a time.
 */
async function floorAsync(files: readonly string[]): Promise<number> {
  let parsed = 0;
  const read = (file: string): Promise<string> =>
    new Promise((resolve, reject) =>
      fs.readFile(file, 'utf8', (error, text) => (error ? reject(error) : resolve(text))),
    );
  await mapWithConcurrency(files, INDEX_READ_CONCURRENCY, async (file) => {
    const text = await read(file);
    try {
      JSON.parse(text);
      parsed++;
    } catch {
      // A file with comments is not JSON: the floor has nothing more to do for it.
    }
  });
  return parsed;
}

/** The floor of both index rows: read every file and JSON.parse it, nothing else, the fastest way (synchronously). */
function floorSync(files: readonly string[]): number {
  let parsed = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    try {
      JSON.parse(text);
      parsed++;
    } catch {
      // As above.
    }
  }
  return parsed;
}

/**
 * A reference: the least any index of these files does, without validating anything. Each file read with its
 * modification time (open, fstat, read, close, as readPresetFileSync does), JSON.parse'd, its value walked
 * once, and filed by id and by name. What it takes beyond the floor is spent before a single check.
 */
function leastIndex(files: readonly string[]): number {
  const byId = new Map<string, { value: unknown; mtime: number }>();
  const byName = new Map<unknown, string>();
  for (const file of files) {
    const content = readPresetFileSync(file, Limits.defaultMaxFileBytes);
    if (content.kind !== 'bytes') continue;
    let value: unknown;
    try {
      value = JSON.parse(
        Buffer.from(content.bytes.buffer, content.bytes.byteOffset, content.bytes.byteLength).toString('utf8'),
      );
    } catch {
      continue;
    }
    walkValue(value);
    byId.set(file, { value, mtime: content.mtime });
    if (value !== null && typeof value === 'object') byName.set((value as { name?: unknown }).name, file);
  }
  return byId.size + byName.size;
}

/** How many scalars a parsed JSON value holds: one visit of every node. */
function walkValue(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  let count = 0;
  if (Array.isArray(value)) for (const item of value) count += walkValue(item);
  else for (const key in value) count += walkValue((value as Record<string, unknown>)[key]);
  return count;
}

/** The flag knowledge the extension and the CLI start with (the autotuner's default images), from the shipped catalogs. */
function defaultKnowledge(): FlagKnowledge {
  return chooseFlagKnowledge(shippedRuntimeCatalogs(path.resolve('.'))).knowledge;
}

/**
 * The realistic workspace's flags: each runtime's commonly tuned flags (the overlay's `common`), with
 * candidate values drawn from their choices, or plausible ones within their ranges, keeping only values the
 * checks accept; for presets of any runtime, the flags both runtimes call by one name, with values both accept.
 */
function flagPool(knowledge: FlagKnowledge): FlagPool {
  const accepted = (runtime: keyof FlagKnowledge['runtimes'], name: string, value: Scalar): boolean =>
    checkFlags({ [name]: [value] }, [knowledge.runtimes[runtime]]).length === 0;
  const tuned = (runtime: keyof FlagKnowledge['runtimes']): TunedFlag[] => {
    const pool: TunedFlag[] = [];
    for (const flag of knowledge.runtimes[runtime].index.flags) {
      if (!flag.common || flag.deprecated) continue;
      const candidates: Scalar[] = flag.is_flag
        ? [true]
        : flag.choices && flag.choices_enforced
          ? flag.choices.filter((c) => c !== null && c !== 'None').slice(0, 6)
          : flag.type === 'int'
            ? /parallel|topk|steps|draft/.test(flag.name)
              ? [1, 2, 4, 8]
              : /block-size/.test(flag.name)
                ? [8, 16, 32]
                : /-bs$|capture-size|seqs|requests/.test(flag.name)
                  ? [32, 64, 128, 256, 512]
                  : [2048, 4096, 8192, 16384, 32768]
            : flag.type === 'float'
              ? flag.effectiveRange?.le === 1
                ? [0.7, 0.8, 0.85, 0.88, 0.9, 0.95]
                : [0.3, 0.5, 1, 1.5]
              : [];
      const values = candidates.filter((value) => accepted(runtime, flag.name, value));
      if (values.length) pool.push([flag.name, values]);
    }
    return pool;
  };
  const sglang = tuned('sglang');
  const vllm = tuned('vllm');
  const any: TunedFlag[] = [];
  for (const [name, values] of sglang) {
    const both = values.filter((value) => accepted('vllm', name, value));
    if (both.length && vllm.some(([other]) => other === name)) any.push([name, both]);
  }
  return { sglang, vllm, any };
}

async function benchIndex(workspace: string, runs: number, flagsWorkspace: string): Promise<object> {
  const files = presetFilesOf(workspace);
  const check = await indexAsync(files);
  const checkSync = indexSync(files);
  if (check.catalog.size !== files.length + systemFiles().length || checkSync.diagnostics !== check.diagnostics) {
    throw new Error(
      `index sanity check failed: ${check.catalog.size} entries, ${check.diagnostics} vs ${checkSync.diagnostics} diagnostics`,
    );
  }
  const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  // The catalogs are read once, before any file is checked. The rule is made afresh for each index, as the
  // CLI makes it per run and the extension for its first index: a rule remembers the unknown keys it has
  // told (with their suggestions), which a second index on the same rule would find for free.
  const knowledge = defaultKnowledge();
  const rules = (): PresetRule[] => [flagRule(knowledge)];
  const flagged = await indexAsync(files, false, rules());
  const realFiles = presetFilesOf(flagsWorkspace);
  const real = await indexAsync(realFiles);
  const realFlagged = await indexAsync(realFiles, false, rules());
  const results = await interleave(
    {
      indexAsync: () => indexAsync(files),
      indexAsyncFlags: () => indexAsync(files, false, rules()),
      indexSyncFlags: () => indexSync(files, rules()),
      indexAllAsync: () => indexAsync(files, true),
      floorAsync: () => floorAsync(files),
      indexSync: () => indexSync(files),
      leastIndex: () => leastIndex(files),
      floorSync: () => floorSync(files),
    },
    { warmup: 2, runs },
  );
  // The budgeted with/without pairs in rounds of their own: each run then sits next to its pair in time, and
  // these short rounds afford twice the runs, for a ratio whose budget is close to its noise.
  const realResults = await interleave(
    {
      realAsync: () => indexAsync(realFiles),
      realAsyncFlags: () => indexAsync(realFiles, false, rules()),
      realSync: () => indexSync(realFiles),
      realSyncFlags: () => indexSync(realFiles, rules()),
    },
    { warmup: 2, runs: runs * 2 },
  );
  return {
    files: files.length,
    bytes,
    diagnostics: check.diagnostics,
    flagDiagnostics: flagged.diagnostics - check.diagnostics,
    realFiles: realFiles.length,
    realDiagnostics: real.diagnostics,
    realFlagDiagnostics: realFlagged.diagnostics - real.diagnostics,
    ...results,
    ...realResults,
  };
}

// ------------------------------------------------------------------ re-index

async function benchReindex(workspace: string, runs: number): Promise<object> {
  const files = presetFilesOf(workspace);
  const { catalog, reader } = await indexAsync(files);
  // A valid file in the middle of the workspace, and a file whose name clashes with another's.
  const target = files[Math.floor(files.length / 2)];
  const original = fs.readFileSync(target, 'utf8');
  const samples: number[] = [];
  let affected = 0;
  try {
    for (let round = 0; round < runs + 5; round++) {
      fs.writeFileSync(target, changedPresetText(original, round));
      settle();
      const start = now();
      // What PresetIndex.reload does for a changed file, then what the diagnostics listener does with the ids.
      const entry = await readEntry(target, (file, limit) => reader.read(file, limit));
      const ids = catalog.set(entry);
      for (const id of ids) catalog.diagnosticsOf(id);
      const ms = since(start);
      affected = ids.length;
      if (round >= 5) samples.push(ms);
    }
  } finally {
    fs.writeFileSync(target, original);
  }
  return {
    catalogSize: catalog.size,
    file: path.relative(workspace, target),
    affectedIds: affected,
    reindex: summarize(samples),
  };
}

// ------------------------------------------------------------------ merge

async function benchMerge(runs: number): Promise<object> {
  const sizes: Record<string, MergeInput[]> = {
    base: mergeInputs(100, 1000, 8),
    doublePresets: mergeInputs(200, 1000, 8),
    doubleParameters: mergeInputs(100, 2000, 8),
  };
  const contenders: Record<string, () => unknown> = {};
  const shape: Record<string, object> = {};
  for (const strategy of MERGE_STRATEGIES) {
    for (const [size, presets] of Object.entries(sizes)) {
      contenders[`${strategy}/${size}`] = () => mergePresets(presets, strategy);
      const result = mergePresets(presets, strategy);
      shape[`${strategy}/${size}`] = {
        parameters: Object.keys(result.parameters).length,
        conflicts: result.conflicts.length,
        json: JSON.stringify(result).length,
      };
    }
  }
  // A reference, not a floor: the least any merge must do is look at every input value once.
  contenders['read/base'] = () => {
    let count = 0;
    for (const preset of sizes.base) {
      const grid = preset.parameters;
      for (const parameter of Object.keys(grid)) {
        const list = grid[parameter];
        for (let i = 0; i < list.length; i++) if (list[i] !== undefined) count++;
      }
    }
    return count;
  };
  const results = await interleave(contenders, { warmup: 3, runs });
  return { shape, ...results };
}

/** How long a CPU-time run of a merge waits after the collection before it, for the sweeping to end. */
const MERGE_QUIET_MS = 50;

/**
 * CPU time of each strategy on the base data, best of `runs` after warm-ups, collected before each run: the
 * measure compared with the autotuner's merger, which other processes' load disturbs less than wall time.
 * With `jsonOut`, first writes the data there as JSON for the Python side (names and grids only).
 */
function benchMergeCpu(runs: number, jsonOut?: string): object {
  const presets = mergeInputs(100, 1000, 8);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(presets.map(({ name, parameters }) => ({ name, parameters }))));
  const cpuMs = (): number => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const best: Record<string, number> = {};
  for (const strategy of MERGE_STRATEGIES) {
    const samples: number[] = [];
    for (let round = 0; round < 3 + runs; round++) {
      // Python's gc.collect() before each of its runs finishes before it returns; V8's sweeping may not.
      settle(MERGE_QUIET_MS);
      const start = cpuMs();
      const result = mergePresets(presets, strategy);
      const ms = cpuMs() - start;
      if (result.applied_presets.length !== presets.length) throw new Error('the merge lost presets');
      if (round >= 3) samples.push(ms);
    }
    best[strategy] = Math.min(...samples);
  }
  return best;
}

// ------------------------------------------------------------------ one large file

async function benchLarge(dir: string, runs: number): Promise<object> {
  const target = 2 * 1024 * 1024;
  const clean = largePresetText(target, 'clean');
  const texts = {
    clean,
    comments: largePresetText(target, 'comments'),
    problems: largePresetText(target, 'problems'),
    plausible: plausiblePresetText(),
  };
  const info: Record<string, object> = {};
  for (const [kind, text] of Object.entries(texts)) {
    fs.writeFileSync(path.join(dir, `large-${kind}.preset.json`), text);
    const analysis = analyzePresetText(text);
    info[kind] = {
      bytes: Buffer.byteLength(text),
      valid: analysis.preset !== undefined,
      diagnostics: analysis.diagnostics.length,
      firstDiagnostic: analysis.diagnostics[0]
        ? `${analysis.diagnostics[0].range.start.line + 1}:${analysis.diagnostics[0].range.start.character + 1} ${analysis.diagnostics[0].message}`
        : null,
    };
  }
  // Where the problems file's problems are: the repeated value at the end of every twentieth list, and the unknown key.
  const problemPaths: PathSegment[][] = [['notes']];
  Object.keys((JSON.parse(texts.problems) as { parameters: Record<string, unknown[]> }).parameters).forEach(
    (key, k) => {
      if (k % 20 === 0) problemPaths.push(['parameters', key, 40]);
    },
  );
  const results = await interleave(
    {
      // The floor of every kind: JSON.parse of the strict-JSON text (JSONC is no JSON; the data is the same).
      floor: () => JSON.parse(clean),
      floorProblems: () => JSON.parse(texts.problems),
      clean: () => analyzePresetText(texts.clean),
      comments: () => analyzePresetText(texts.comments),
      problems: () => analyzePresetText(texts.problems),
      plausible: () => analyzePresetText(texts.plausible),
      // A reference: what building jsonc-parser's tree of the whole file costs.
      tree: () => parseTree(clean),
      // A reference: the JSONC file read as the analysis reads it (comments blanked by jsonc-parser's scanner, then JSON.parse), unchecked.
      commentsRead: () => readJsonText(texts.comments, Limits.maxDepth),
      // A reference: the problems file parsed and its problems' places found, lines and columns, nothing checked.
      problemsLocated: () => {
        JSON.parse(texts.problems);
        const lines = new LineIndex(texts.problems);
        return locatePaths(texts.problems, problemPaths).map((found) =>
          lines.rangeAt(found.value.offset, found.value.length),
        );
      },
    },
    { warmup: 3, runs },
  );
  return { info, ...results };
}

// ------------------------------------------------------------------ main

async function main(): Promise<object> {
  switch (command) {
    case 'generate': {
      const [dir, count] = args;
      const written = generateWorkspace(dir, Number(count));
      return { files: written.files.length, bytes: written.bytes, mix: written.mix };
    }
    case 'generate-flags': {
      const [dir, count] = args;
      const pool = flagPool(defaultKnowledge());
      const written = generateWorkspace(dir, Number(count), 19, pool);
      return { files: written.files.length, bytes: written.bytes, mix: written.mix, pool };
    }
    case 'index':
      return benchIndex(args[0], Number(args[1]), args[2]);
    case 'reindex':
      return benchReindex(args[0], Number(args[1]));
    case 'merge':
      return benchMerge(Number(args[0]));
    case 'merge-cpu':
      return benchMergeCpu(Number(args[0]), args[1]);
    case 'large':
      return benchLarge(args[0], Number(args[1]));
    default:
      throw new Error(`unknown benchmark command ${JSON.stringify(command)}`);
  }
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n'),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

export type { Summary };
