/**
 * The runtime flag catalogs (SPEC §6): the JSON formats of `runtimes/<runtime>/<version>.json`, its
 * hand-kept overlay and the counterpart table, an index to look flags up by any spelling a preset may
 * use, and the rule that picks the catalog version which applies.
 */
import type { Runtime, Scalar } from '../model';
import { pythonStr } from './pythonStr';

/** `{gt|ge, lt|le}`, either side optional. */
export interface FlagRange {
  readonly gt?: number;
  readonly ge?: number;
  readonly lt?: number;
  readonly le?: number;
}

/**
 * A human-readable int converter's suffixes and their multipliers (`k` → 1000, `Ki` → 1024). A decimal
 * suffix follows a whole or fractional number (`25.6k`), a binary one a whole number only.
 */
export interface IntSuffixes {
  readonly decimal: Readonly<Record<string, number>>;
  readonly binary: Readonly<Record<string, number>>;
}

/** One call of a `str` method the converter makes, as `[method, ...arguments]`: `["lower"]`, `["replace", "-", "_"]`. */
export type StrStep = readonly [string, ...string[]];

/** One flag of a catalog, as the generator writes it. */
export interface CatalogFlag {
  /** The primary long name without dashes, as presets write it. */
  readonly name: string;
  /** The other spellings as upstream writes them, with their dashes (`--tp-size`, `-tp`). */
  readonly aliases: readonly string[];
  /** `bool`, `int`, `float`, `str`, or what upstream declares beyond these (not type-checked). */
  readonly type: string;
  readonly nargs: string | number | null;
  readonly choices: readonly Scalar[] | null;
  readonly choices_enforced: boolean;
  /** null when None or computed at start-up. */
  readonly default: unknown;
  /** The flag takes no value (on/off). */
  readonly is_flag: boolean;
  /** vLLM's `no-…` form, without dashes. */
  readonly negation: string | null;
  readonly range: FlagRange | null;
  readonly deprecated: { readonly replacement: string | null } | null;
  // The fields below are written only where they apply.
  /** For `human_readable_int*` types: the suffixes the converter takes; anything else goes to Python's int(). */
  readonly int_suffixes?: IntSuffixes;
  /** Words the converter takes in any letter case, with the int each stands for (`{"auto": -1}`). */
  readonly int_words?: Readonly<Record<string, number>>;
  /** The `str` methods the converter applies before argparse compares the choices, in order. */
  readonly transform?: readonly StrStep[];
  /** The converter turns the argument `None` into None (vLLM's optional types, `nullable_str`). */
  readonly accepts_none?: boolean;
}

export interface RuntimeCatalog {
  readonly runtime: Runtime;
  readonly version: string;
  readonly source: { readonly repository: string; readonly commit: string; readonly date: string };
  readonly flags: readonly CatalogFlag[];
}

export const FLAG_AREAS = [
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
] as const;
export type FlagArea = (typeof FLAG_AREAS)[number];

export interface OverlayFlag {
  readonly description: string;
  readonly area: FlagArea;
  readonly common: boolean;
  /** A range the runtime implies but does not declare. */
  readonly range?: FlagRange;
  /** Where that range comes from, in a few words. */
  readonly range_source?: string;
}

/** The hand-kept facts beside a runtime's catalogs, for all its versions. */
export interface RuntimeOverlay {
  readonly runtime: Runtime;
  readonly docs_url: string;
  readonly flags: Readonly<Record<string, OverlayFlag>>;
}

export interface CounterpartEntry {
  readonly sglang: string;
  readonly vllm: string;
  readonly exactness: 'exact' | 'approximate';
  /** null: values carry over unchanged; a list: only these pairs have a counterpart. */
  readonly values: readonly { readonly sglang: Scalar; readonly vllm: Scalar }[] | null;
}

export interface Counterparts {
  readonly flags: readonly CounterpartEntry[];
}

/** A catalog flag with the overlay's facts, as the index holds it. */
export interface IndexedFlag extends Omit<CatalogFlag, 'int_suffixes' | 'int_words' | 'transform' | 'accepts_none'> {
  readonly int_suffixes: IntSuffixes | null;
  readonly int_words: Readonly<Record<string, number>> | null;
  readonly transform: readonly StrStep[] | null;
  readonly accepts_none: boolean;
  readonly runtime: Runtime;
  readonly version: string;
  readonly description: string | null;
  readonly area: FlagArea | null;
  readonly common: boolean;
  /** The declared range, else the overlay's implied one; null when neither says. */
  readonly effectiveRange: FlagRange | null;
  /** Where `effectiveRange` comes from: `declared`, or the overlay's source. */
  readonly rangeSource: string | null;
  /** The choices as Python's `str()` writes them, which is what argparse compares; null without choices. */
  readonly choiceTexts: readonly string[] | null;
}

/** The suffixes a human-readable int flag takes (`k`, …, `Ki`, …), decimal ones first; none for another flag. */
export function intSuffixNames(flag: IndexedFlag): string[] {
  const suffixes = flag.int_suffixes;
  return suffixes ? [...Object.keys(suffixes.decimal), ...Object.keys(suffixes.binary)] : [];
}

/** Whether the flag's converter makes an int: `int`, or a human-readable int (`32k`). */
export function isIntFlag(flag: IndexedFlag): boolean {
  return flag.type === 'int' || flag.int_suffixes !== null;
}

/**
 * Whether the flag refuses the argument `None` that its converter reads as Python's None: argparse compares
 * the converted value with the choices, and vLLM's choices hold the text "None", which None never equals. (vLLM
 * lists that choice in its help, and fixed the comparison only after the catalogued versions.)
 */
export function refusesConvertedNone(flag: IndexedFlag): boolean {
  return flag.accepts_none && flag.choices_enforced && !flag.choices!.includes(null);
}

/** How a preset's key found its flag. */
export type FlagSpelling = 'name' | 'alias' | 'underscores' | 'negation';

export interface FlagMatch {
  readonly flag: IndexedFlag;
  readonly via: FlagSpelling;
}

/** The flags of one catalog version, found by any spelling. Build once per catalog and keep it. */
export interface FlagIndex {
  readonly runtime: Runtime;
  readonly version: string;
  readonly docsUrl: string | null;
  /** In catalog order. */
  readonly flags: readonly IndexedFlag[];
  /** The flag a preset's parameter key names (`tp-size`, `--tp-size`, `-tp`, vLLM's `tp_size`), if any. */
  find(key: string): FlagMatch | undefined;
  /**
   * Every spelling a preset could write for a flag, without leading dashes, once each, in catalog order (names
   * first): for "did you mean", which compares them lowercased.
   */
  readonly spellings: readonly SpellingOfFlag[];
  /**
   * The long options (`--…`, given without their dashes, negations included) that start with `prefix`: what
   * argparse, which accepts an unambiguous prefix of a long option, would take `--prefix` for.
   */
  longOptionsStartingWith(prefix: string): { readonly spelling: string; readonly match: FlagMatch }[];
}

/** A spelling of a flag as {@link FlagIndex.spellings} lists it. */
export interface SpellingOfFlag {
  readonly spelling: string;
  /** The spelling lowercased, made once: each "did you mean" compares against every spelling. */
  readonly lowercase: string;
  readonly flag: IndexedFlag;
}

export const RUNTIME_LABELS: Readonly<Record<Runtime, string>> = { sglang: 'SGLang', vllm: 'vLLM' };

/** The command-line spelling the autotuner launches for a parameter key: a key without leading dashes gets `--`. */
export function launchedSpelling(key: string): string {
  return key.startsWith('-') ? key : `--${key}`;
}

/** Builds the lookup of a catalog, with the overlay's descriptions, areas and implied ranges. */
export function buildFlagIndex(catalog: RuntimeCatalog, overlay?: RuntimeOverlay): FlagIndex {
  const flags: IndexedFlag[] = catalog.flags.map((flag) => {
    const extra = overlay?.flags[flag.name];
    const declared = flag.range !== null && Object.keys(flag.range).length > 0;
    // Every field in one literal, in one order: all flags then share one shape, which keeps the checks' reads of
    // them fast (copied with a spread, the catalog's flags came out with nearly a shape each).
    return {
      name: flag.name,
      aliases: flag.aliases,
      type: flag.type,
      nargs: flag.nargs,
      choices: flag.choices,
      choices_enforced: flag.choices_enforced,
      default: flag.default,
      is_flag: flag.is_flag,
      negation: flag.negation,
      range: flag.range,
      deprecated: flag.deprecated,
      int_suffixes: flag.int_suffixes ?? null,
      int_words: flag.int_words ?? null,
      transform: flag.transform ?? null,
      accepts_none: flag.accepts_none ?? false,
      runtime: catalog.runtime,
      version: catalog.version,
      description: extra?.description ?? null,
      area: extra?.area ?? null,
      common: extra?.common ?? false,
      effectiveRange: declared ? flag.range : (extra?.range ?? null),
      rangeSource: declared ? 'declared' : extra?.range ? (extra.range_source ?? 'overlay') : null,
      choiceTexts: flag.choices ? flag.choices.map((choice) => pythonStr(choice)) : null,
    };
  });
  // Keyed by the exact command-line spelling, dashes included, as argparse matches it.
  const bySpelling = new Map<string, FlagMatch>();
  // The long spellings again without their dashes: a preset's key usually is one, and is looked up as is.
  const byLongName = new Map<string, FlagMatch>();
  const spellings = new Map<string, SpellingOfFlag>();
  // A flag's own names are given as the catalog writes them: a string sliced off another (`--tp-size` without
  // its dashes) is slower to look up as a key, and every parameter of every preset is looked up here.
  const add = (
    spelling: string,
    match: FlagMatch,
    longName = spelling.startsWith('--') ? spelling.slice(2) : undefined,
  ) => {
    if (!bySpelling.has(spelling)) bySpelling.set(spelling, match);
    if (longName !== undefined && !byLongName.has(longName)) byLongName.set(longName, match);
    const bare = spelling.replace(/^-+/, '');
    if (!spellings.has(bare)) spellings.set(bare, { spelling: bare, lowercase: bare.toLowerCase(), flag: match.flag });
  };
  for (const flag of flags) add(`--${flag.name}`, { flag, via: 'name' }, flag.name);
  for (const flag of flags) {
    for (const alias of flag.aliases) add(alias, { flag, via: 'alias' });
    if (flag.negation) add(`--${flag.negation}`, { flag, via: 'negation' }, flag.negation);
  }
  // vLLM's parser turns underscores in a long option's name into dashes before matching.
  const underscores = catalog.runtime === 'vllm';
  // Sorted, the long names that start with a prefix are one run of them, found by a binary search.
  const sortedLongNames = [...byLongName.keys()].sort();
  return {
    runtime: catalog.runtime,
    version: catalog.version,
    docsUrl: overlay?.docs_url ?? null,
    flags,
    spellings: [...spellings.values()],
    longOptionsStartingWith(prefix: string) {
      const found: { spelling: string; match: FlagMatch }[] = [];
      for (let i = firstNotBefore(sortedLongNames, prefix); sortedLongNames[i]?.startsWith(prefix); i++) {
        const spelling = sortedLongNames[i]!;
        found.push({ spelling, match: byLongName.get(spelling)! });
      }
      return found;
    },
    find(key: string): FlagMatch | undefined {
      // As launchedSpelling: a key without dashes is launched as `--key`.
      const bare = key.startsWith('-') ? (key.startsWith('--') ? key.slice(2) : undefined) : key;
      const exact = bare === undefined ? bySpelling.get(key) : byLongName.get(bare);
      if (exact || !underscores || bare === undefined) return exact;
      const dashed = byLongName.get(bare.replaceAll('_', '-'));
      return dashed && { flag: dashed.flag, via: dashed.via === 'negation' ? 'negation' : 'underscores' };
    },
  };
}

/** The position of the first string in `sorted` (ascending) that is not before `wanted`; its length if none. */
function firstNotBefore(sorted: readonly string[], wanted: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < wanted) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The versions the setting `parameterPresets.runtimeVersions` starts with: the autotuner's default images. */
export const DEFAULT_RUNTIME_VERSIONS: Readonly<Record<Runtime, string | 'newest'>> = {
  sglang: '0.5.2',
  vllm: 'newest',
};

/** The image tags the autotuner launches when a task sets no `runtime_image_tag`. */
export const AUTOTUNER_DEFAULT_IMAGE_TAGS: Readonly<Record<Runtime, string>> = {
  sglang: 'v0.5.2-cu126',
  vllm: 'latest',
};

/** A version name read for ordering: a release `X.Y.Z…` or a snapshot `main-YYYY-MM-DD`. */
type VersionKey = { kind: 'release'; parts: number[] } | { kind: 'main' | 'other' };

function versionKey(version: string): VersionKey {
  if (/^main-\d{4}-\d{2}-\d{2}$/.test(version)) return { kind: 'main' };
  if (/^\d+(\.\d+)*$/.test(version)) return { kind: 'release', parts: version.split('.').map(Number) };
  return { kind: 'other' };
}

/**
 * The order of catalog versions, oldest first: releases by their numbers, then `main-YYYY-MM-DD`
 * snapshots by date. A snapshot counts as newer than every release because we only ship snapshots of
 * main taken after the newest shipped release. Names of neither form sort first, by name.
 */
export function compareVersions(a: string, b: string): number {
  const ka = versionKey(a);
  const kb = versionKey(b);
  const rank = { other: 0, release: 1, main: 2 } as const;
  if (ka.kind !== kb.kind) return rank[ka.kind] - rank[kb.kind];
  if (ka.kind === 'release' && kb.kind === 'release') {
    for (let i = 0; i < Math.max(ka.parts.length, kb.parts.length); i++) {
      const d = (ka.parts[i] ?? 0) - (kb.parts[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  }
  // Snapshots as text too: past the common `main-`, their names are their dates, which sort as text.
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface VersionChoice {
  readonly version: string;
  /** Set when the version asked for is not shipped and another one stands in for it. */
  readonly note?: string;
}

/**
 * The catalog version that applies. A task's `runtime_image_tag` decides when given (`v0.5.2-cu126` →
 * `0.5.2`, `latest` → the newest; a tag holding a date such as `nightly-2026-06-01` reads as main of that
 * day); else the setting; else {@link DEFAULT_RUNTIME_VERSIONS}. A version not shipped falls back to the
 * nearest older shipped one (the oldest when none is older), with a note saying so.
 */
export function selectCatalogVersion(
  runtime: Runtime,
  shipped: readonly string[],
  options: { setting?: string; imageTag?: string } = {},
): VersionChoice {
  const sorted = [...shipped].sort(compareVersions);
  if (sorted.length === 0) throw new Error(`no ${RUNTIME_LABELS[runtime]} catalog is shipped`);
  const newest = sorted[sorted.length - 1]!;
  const label = RUNTIME_LABELS[runtime];
  if (options.imageTag !== undefined) {
    const tag = options.imageTag.trim();
    if (tag === 'latest' || tag === '') return { version: newest };
    const wanted = versionFromTag(tag);
    if (wanted === undefined) {
      return {
        version: newest,
        note: `image tag "${tag}" names no ${label} version; using the newest catalog, ${newest}`,
      };
    }
    return nearestOlder(sorted, wanted, `image tag "${tag}"`, label);
  }
  const setting = options.setting?.trim();
  const wanted = setting || DEFAULT_RUNTIME_VERSIONS[runtime];
  if (wanted === 'newest') return { version: newest };
  return nearestOlder(sorted, wanted, `version "${wanted}"`, label);
}

function versionFromTag(tag: string): string | undefined {
  const release = /^v?(\d+(?:\.\d+)+)/.exec(tag);
  if (release) return release[1];
  const date = /(\d{4})-?(\d{2})-?(\d{2})/.exec(tag);
  return date ? `main-${date[1]}-${date[2]}-${date[3]}` : undefined;
}

function nearestOlder(sorted: readonly string[], wanted: string, asked: string, label: string): VersionChoice {
  // A release written shorter (`0.10` for `0.10.0`) is the same version.
  const same = sorted.find((v) => compareVersions(v, wanted) === 0);
  if (same !== undefined) return { version: same };
  const older = sorted.filter((v) => compareVersions(v, wanted) < 0);
  if (older.length > 0) {
    const version = older[older.length - 1]!;
    return { version, note: `no ${label} catalog for ${asked}; using the nearest older one, ${version}` };
  }
  return { version: sorted[0]!, note: `no ${label} catalog for ${asked} or older; using the oldest, ${sorted[0]}` };
}

/** The counterpart table looked up by either side's flag name. Build once and keep it. */
export interface CounterpartIndex {
  /** The entry whose `from` side is `name` (a primary flag name). */
  find(from: Runtime, name: string): CounterpartEntry | undefined;
}

export function buildCounterpartIndex(counterparts: Counterparts): CounterpartIndex {
  const byRuntime: Record<Runtime, Map<string, CounterpartEntry>> = { sglang: new Map(), vllm: new Map() };
  for (const entry of counterparts.flags) {
    if (!byRuntime.sglang.has(entry.sglang)) byRuntime.sglang.set(entry.sglang, entry);
    if (!byRuntime.vllm.has(entry.vllm)) byRuntime.vllm.set(entry.vllm, entry);
  }
  return { find: (from, name) => byRuntime[from].get(name) };
}

/** The other runtime. */
export function otherRuntime(runtime: Runtime): Runtime {
  return runtime === 'sglang' ? 'vllm' : 'sglang';
}
