/**
 * Which flag catalogs apply, read from the shipped `runtimes/` folder: the one policy the CLI, the
 * extension and the API share (SPEC §6). A task's `runtime_image_tag` decides for its `base_runtime`;
 * otherwise the version asked for (the setting `parameterPresets.runtimeVersions`, or the CLI's
 * `--runtime-version`), else the autotuner's default images.
 */
import * as path from 'node:path';
import { RUNTIMES, type Runtime } from '../core/model';
import { AUTOTUNER_DEFAULT_IMAGE_TAGS, type FlagIndex } from '../core/runtime/catalog';
import { knowledgeOf, type FlagKnowledge } from '../core/runtime/flagRule';
import { openRuntimeCatalogs, type RuntimeCatalogs } from './runtimeCatalogs';

export interface CatalogChoice {
  /** Versions asked for, per runtime ("newest" or a shipped version; another falls back to the nearest older). */
  readonly versions?: Readonly<Partial<Record<Runtime, string>>>;
  /** A task's runtime and image tag: the tag picks that runtime's catalog. */
  readonly task?: { readonly runtime: Runtime | null; readonly imageTag: string | null };
}

export interface ChosenKnowledge {
  readonly knowledge: FlagKnowledge;
  /** The version used per runtime. */
  readonly versions: Readonly<Record<Runtime, string>>;
  /** Sentences about versions that were asked for but not shipped, to show the user. */
  readonly notes: readonly string[];
}

/** The shipped catalogs: `runtimes/` beside `dist/`, as the system presets' `presets/` are. */
export function shippedRuntimeCatalogs(extensionRoot = path.resolve(__dirname, '..')): RuntimeCatalogs {
  return openRuntimeCatalogs(path.join(extensionRoot, 'runtimes'));
}

/** The flag knowledge for a choice of versions; reads the catalogs it needs (each once per `catalogs`). */
export function chooseFlagKnowledge(catalogs: RuntimeCatalogs, choice: CatalogChoice = {}): ChosenKnowledge {
  const notes: string[] = [];
  const versions = {} as Record<Runtime, string>;
  const indexes = {} as Record<Runtime, FlagIndex>;
  const others: Partial<Record<Runtime, FlagIndex[]>> = {};
  for (const runtime of RUNTIMES) {
    // A task without an image tag runs the autotuner's default image of its runtime.
    const imageTag =
      choice.task?.runtime === runtime ? (choice.task.imageTag ?? AUTOTUNER_DEFAULT_IMAGE_TAGS[runtime]) : undefined;
    const selected = catalogs.select(runtime, { setting: choice.versions?.[runtime], imageTag });
    if (selected.note) notes.push(selected.note);
    versions[runtime] = selected.version;
    indexes[runtime] = selected.index;
    others[runtime] = catalogs
      .versions(runtime)
      .filter((version) => version !== selected.version)
      .map((version) => catalogs.index(runtime, version));
  }
  return { knowledge: knowledgeOf(indexes, others, catalogs.counterparts()), versions, notes };
}
