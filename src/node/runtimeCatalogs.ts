/**
 * Loads the runtime flag catalogs from a folder laid out as `runtimes/<runtime>/<version>.json`,
 * `runtimes/<runtime>/overlay.json` and `runtimes/counterparts.json`. Nothing is read until first
 * needed; the value returned holds what it has read (and the indexes built), so the caller keeps it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RUNTIMES, type Runtime } from '../core/model';
import {
  anything,
  boolean,
  checkShape,
  either,
  list,
  map,
  number,
  object,
  oneOf,
  optional,
  required,
  scalar,
  string,
  type Report,
  type Shape,
} from '../core/shapes';
import { formatFieldPath } from '../core/values';
import {
  buildCounterpartIndex,
  buildFlagIndex,
  compareVersions,
  FLAG_AREAS,
  selectCatalogVersion,
  type CounterpartIndex,
  type Counterparts,
  type FlagIndex,
  type RuntimeCatalog,
  type RuntimeOverlay,
  type VersionChoice,
} from '../core/runtime/catalog';

// The catalog formats, in the vocabulary the preset rules are written in (src/core/shapes.ts): a plain walk,
// where zod's parse of every flag was most of what reading the catalogs costs a fresh CLI process
// (docs/PERFORMANCE.md). Objects accept keys beyond these, so that facts a newer generator adds break no reader.
type Format = Shape<undefined>;
const text: Format = string();
const nullableText: Format = string({ nullable: true });
const range = (nullable: boolean): Format =>
  object(
    { gt: optional(number()), ge: optional(number()), lt: optional(number()), le: optional(number()) },
    { nullable },
  );

const catalogFormat: Format = object({
  runtime: required(oneOf(RUNTIMES)),
  version: required(text),
  source: required(object({ repository: required(text), commit: required(text), date: required(text) })),
  flags: required(
    list(
      object({
        name: required(string({ checks: [nonEmpty] })),
        aliases: required(list(text)),
        type: required(text),
        nargs: required(either([string(), number()], { nullable: true })),
        choices: required(list(scalar(), { nullable: true })),
        choices_enforced: required(boolean()),
        default: optional(anything()),
        is_flag: required(boolean()),
        negation: required(nullableText),
        range: required(range(true)),
        deprecated: required(object({ replacement: required(nullableText) }, { nullable: true })),
        int_suffixes: optional(object({ decimal: required(map(number())), binary: required(map(number())) })),
        int_words: optional(map(number())),
        transform: optional(list(list(text))),
        accepts_none: optional(boolean()),
      }),
    ),
  ),
});

const overlayFormat: Format = object({
  runtime: required(oneOf(RUNTIMES)),
  docs_url: required(text),
  flags: required(
    map(
      object({
        description: required(text),
        area: required(oneOf(FLAG_AREAS)),
        common: required(boolean()),
        range: optional(range(false)),
        range_source: optional(text),
      }),
    ),
  ),
});

const counterpartsFormat: Format = object({
  flags: required(
    list(
      object({
        sglang: required(text),
        vllm: required(text),
        exactness: required(oneOf(['exact', 'approximate'])),
        values: required(list(object({ sglang: required(scalar()), vllm: required(scalar()) }), { nullable: true })),
      }),
    ),
  ),
});

function nonEmpty(value: string, report: Report): void {
  if (value === '')
    report({ severity: 'error', code: 'invalid-value', message: 'expected a name, got an empty string' });
}

/** A catalog file that is missing, unreadable or not in the format; `file` is its path. */
export class RuntimeCatalogError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'RuntimeCatalogError';
  }
}

/** The catalogs under one folder, read on first need. */
export interface RuntimeCatalogs {
  /** The folder holding `<runtime>/…` and `counterparts.json`. */
  readonly root: string;
  /** The shipped versions of a runtime, oldest first, from the folder's file names. */
  versions(runtime: Runtime): readonly string[];
  catalog(runtime: Runtime, version: string): RuntimeCatalog;
  /** The runtime's overlay; undefined when there is none. */
  overlay(runtime: Runtime): RuntimeOverlay | undefined;
  counterparts(): CounterpartIndex;
  /** The flag index of a version, with the overlay, built once. */
  index(runtime: Runtime, version: string): FlagIndex;
  /** The index of the version that applies (see `selectCatalogVersion`), with its note. */
  select(runtime: Runtime, options?: { setting?: string; imageTag?: string }): VersionChoice & { index: FlagIndex };
}

const OVERLAY = 'overlay.json';
const COUNTERPARTS = 'counterparts.json';

/** Opens the catalogs under `root` (the `runtimes` folder). Reads nothing yet. */
export function openRuntimeCatalogs(root: string): RuntimeCatalogs {
  const versions = new Map<Runtime, string[]>();
  const catalogs = new Map<string, RuntimeCatalog>();
  const overlays = new Map<Runtime, RuntimeOverlay | undefined>();
  const indexes = new Map<string, FlagIndex>();
  let counterparts: CounterpartIndex | undefined;

  const self: RuntimeCatalogs = {
    root,
    versions(runtime) {
      let list = versions.get(runtime);
      if (!list) {
        const folder = path.join(root, runtime);
        let names: string[];
        try {
          names = fs.readdirSync(folder);
        } catch (error) {
          throw new RuntimeCatalogError(folder, `cannot list the ${runtime} catalogs (${(error as Error).message})`);
        }
        list = names
          .filter((name) => name.endsWith('.json') && name !== OVERLAY)
          .map((name) => name.slice(0, -'.json'.length))
          .sort(compareVersions);
        versions.set(runtime, list);
      }
      return list;
    },
    catalog(runtime, version) {
      const key = `${runtime}/${version}`;
      let catalog = catalogs.get(key);
      if (!catalog) {
        const file = path.join(root, runtime, `${version}.json`);
        catalog = readJson(file, catalogFormat) as RuntimeCatalog;
        if (catalog.runtime !== runtime || catalog.version !== version) {
          throw new RuntimeCatalogError(file, `holds ${catalog.runtime} ${catalog.version}, not ${runtime} ${version}`);
        }
        catalogs.set(key, catalog);
      }
      return catalog;
    },
    overlay(runtime) {
      if (!overlays.has(runtime)) {
        const file = path.join(root, runtime, OVERLAY);
        overlays.set(runtime, fs.existsSync(file) ? (readJson(file, overlayFormat) as RuntimeOverlay) : undefined);
      }
      return overlays.get(runtime);
    },
    counterparts() {
      counterparts ??= buildCounterpartIndex(
        readJson(path.join(root, COUNTERPARTS), counterpartsFormat) as Counterparts,
      );
      return counterparts;
    },
    index(runtime, version) {
      const key = `${runtime}/${version}`;
      let index = indexes.get(key);
      if (!index) {
        index = buildFlagIndex(self.catalog(runtime, version), self.overlay(runtime));
        indexes.set(key, index);
      }
      return index;
    },
    select(runtime, options = {}) {
      const choice = selectCatalogVersion(runtime, self.versions(runtime), options);
      return { ...choice, index: self.index(runtime, choice.version) };
    },
  };
  return self;
}

function readJson(file: string, format: Format): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RuntimeCatalogError(file, code === 'ENOENT' ? 'missing' : `unreadable (${(error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RuntimeCatalogError(file, `not JSON (${(error as Error).message})`);
  }
  const problem = checkShape(format, value, undefined)[0];
  if (problem) {
    const where = problem.path.length > 0 ? formatFieldPath(problem.path) : 'the file';
    throw new RuntimeCatalogError(file, `not in the catalog format: ${where}: ${problem.message}`);
  }
  return value;
}
