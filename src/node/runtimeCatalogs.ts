/**
 * Loads the runtime flag catalogs from a folder laid out as `runtimes/<runtime>/<version>.json`,
 * `runtimes/<runtime>/overlay.json` and `runtimes/counterparts.json`. Nothing is read until first
 * needed; the value returned holds what it has read (and the indexes built), so the caller keeps it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { RUNTIMES, type Runtime } from '../core/model';
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

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const runtime = z.enum(RUNTIMES);
const range = z.object({
  gt: z.optional(z.number()),
  ge: z.optional(z.number()),
  lt: z.optional(z.number()),
  le: z.optional(z.number()),
});

const catalogSchema = z.looseObject({
  runtime,
  version: z.string(),
  source: z.looseObject({ repository: z.string(), commit: z.string(), date: z.string() }),
  flags: z.array(
    z.looseObject({
      name: z.string().check(z.minLength(1)),
      aliases: z.array(z.string()),
      type: z.string(),
      nargs: z.nullable(z.union([z.string(), z.number()])),
      choices: z.nullable(z.array(scalar)),
      choices_enforced: z.boolean(),
      default: z.unknown(),
      is_flag: z.boolean(),
      negation: z.nullable(z.string()),
      range: z.nullable(range),
      deprecated: z.nullable(z.looseObject({ replacement: z.nullable(z.string()) })),
    }),
  ),
});

const overlaySchema = z.looseObject({
  runtime,
  docs_url: z.string(),
  flags: z.record(
    z.string(),
    z.looseObject({
      description: z.string(),
      area: z.enum(FLAG_AREAS),
      common: z.boolean(),
      range: z.optional(range),
      range_source: z.optional(z.string()),
    }),
  ),
});

const counterpartsSchema = z.looseObject({
  flags: z.array(
    z.looseObject({
      sglang: z.string(),
      vllm: z.string(),
      exactness: z.enum(['exact', 'approximate']),
      values: z.nullable(z.array(z.looseObject({ sglang: scalar, vllm: scalar }))),
    }),
  ),
});

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
        catalog = readJson(file, catalogSchema) as RuntimeCatalog;
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
        overlays.set(runtime, fs.existsSync(file) ? (readJson(file, overlaySchema) as RuntimeOverlay) : undefined);
      }
      return overlays.get(runtime);
    },
    counterparts() {
      counterparts ??= buildCounterpartIndex(
        readJson(path.join(root, COUNTERPARTS), counterpartsSchema) as Counterparts,
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

function readJson(file: string, schema: z.ZodMiniType): unknown {
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
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the file';
    throw new RuntimeCatalogError(file, `not in the catalog format: ${where}: ${issue.message}`);
  }
  return result.data;
}
