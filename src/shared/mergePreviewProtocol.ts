/**
 * The Merge Preview's protocol: every message between the extension host and the webview page, the
 * state the page keeps across reloads, and the view model the page renders.
 *
 * Plain types and constants, no zod and no `vscode`: the page bundles this file, and the host checks
 * every incoming message against the zod schemas in `extension/mergePreview/messages.ts`, which a
 * compile-time check keeps identical to the types here.
 *
 * The page sends `ready` first; the host posts `state` only after it, and again after every change.
 */
import type { ConflictKind, MergeStrategy } from '../core/model';

export const MERGE_PREVIEW_VIEW_TYPE = 'parameterPresets.mergePreview';
export const MERGE_PREVIEW_TITLE = 'Merge Preview';

// ------------------------------------------------------------------ page → host

/** What "Copy JSON" copies: the whole `MergeResult`, or only its `parameters`. */
export type CopyTarget = 'result' | 'parameters';

export type PageMessage =
  /** The page has loaded and listens: the host may post state now. */
  | { type: 'ready' }
  | { type: 'setStrategy'; strategy: MergeStrategy }
  /** The new merge order: the ids of the selected presets, each exactly once. */
  | { type: 'reorder'; ids: string[] }
  | { type: 'remove'; id: string }
  /** Opens the preset picker to add presets at the end. */
  | { type: 'add' }
  /** Opens a selected preset's file beside the panel. */
  | { type: 'open'; id: string }
  | { type: 'save' }
  | { type: 'applyToTask' }
  | { type: 'copyJson'; what: CopyTarget }
  | { type: 'export' }
  /** Runs section: the next batch of runs. */
  | { type: 'moreRuns' }
  /** Runs section: copies the server command line of the run at this (0-based) index. */
  | { type: 'copyCommand'; index: number }
  /** Runs section: opens the task picker; the chosen task's model, image tag and cut are shown. */
  | { type: 'chooseTask' }
  | { type: 'clearTask' };

export type PageMessageType = PageMessage['type'];

// ------------------------------------------------------------------ host → page

export type HostMessage =
  | { type: 'state'; state: MergePreviewState }
  /** A short confirmation for the page's live region, e.g. "Copied the parameters as JSON." */
  | { type: 'status'; text: string };

// ------------------------------------------------------------------ state kept by the page (setState/getState)

/** What the panel needs to come back after a reload: the selection and the strategy, nothing else. */
export interface PersistedState {
  version: 1;
  entries: { id: string; name: string }[];
  strategy: MergeStrategy;
}

// ------------------------------------------------------------------ the view model

/** Theme chart colors (`--vscode-charts-<color>`), given to presets in turn. */
export const CHART_COLORS = ['blue', 'red', 'green', 'yellow', 'orange', 'purple'] as const;
export type ChartColor = (typeof CHART_COLORS)[number];

/**
 * ok / warning: merged (warning: the file has warnings). invalid: the file has errors; missing: the
 * file is gone. Both are shown, flagged, and left out of the merge.
 */
export type ChipStatus = 'ok' | 'warning' | 'invalid' | 'missing';

/** One selected preset, in merge order. */
export interface ChipView {
  readonly id: string;
  readonly name: string;
  /** 1-based position in the merge order: the cue that does not depend on color. */
  readonly position: number;
  readonly color: ChartColor;
  readonly origin: 'system' | 'workspace' | 'unknown';
  /** Where the preset lives: a workspace-relative path, or "system preset". */
  readonly location: string;
  readonly status: ChipStatus;
  /** Why an invalid or missing preset is left out, naming the file and its first error. */
  readonly problem?: string;
}

export type ValueKind = 'string' | 'number' | 'boolean' | 'null';

/** A value as JSON text (strings quoted), with its type for styling and its sources as chip indexes. */
export interface ValueView {
  readonly text: string;
  readonly kind: ValueKind;
  /** Indexes into `MergePreviewState.chips` of the presets this value came from. */
  readonly sources: readonly number[];
}

/** One parameter: merged (`kept`), or left out of the merge by a conflict (`dropped`). */
export interface RowView {
  readonly parameter: string;
  readonly status: 'kept' | 'dropped';
  readonly values: readonly ValueView[];
  /** The kinds of the conflicts about this parameter, for highlighting. */
  readonly conflicts: readonly ConflictKind[];
  /** The runtime flag problems of the merged parameter (its key or values), one message each; absent when none. */
  readonly flagProblems?: readonly string[];
}

/** One preset's list in a conflict: chip index and values. */
export interface ListView {
  readonly chip: number;
  readonly values: readonly ValueView[];
}

export type ConflictDetail =
  | { readonly kind: 'missing'; readonly lacking: readonly number[] }
  | { readonly kind: 'empty_intersection'; readonly lists: readonly ListView[] }
  | { readonly kind: 'overridden'; readonly replaced: ListView; readonly by: ListView };

/**
 * One conflict card. Usually about one parameter; conflicts that say the same thing (parameters the same
 * presets lack) share one card, which names them all.
 */
export interface ConflictView {
  /** The parameters the card is about, in first-appearance order; at least one. */
  readonly parameters: readonly string[];
  readonly reason: string;
  readonly detail: ConflictDetail;
}

export interface ConflictGroupView {
  readonly kind: ConflictKind;
  readonly title: string;
  readonly description: string;
  /** How many parameters the group's conflicts are about (a card may name several). */
  readonly count: number;
  readonly items: readonly ConflictView[];
}

export interface GridView {
  /** "96 runs", "1 run", "about 10^30 runs"; "Nothing to run" when no parameter is merged. */
  readonly label: string;
  /** Set when no parameter is merged (an intersection with nothing in common): what that means, in words. */
  readonly nothingToRun?: string;
  readonly size: number;
  readonly exact: boolean;
  /** Each merged parameter with its number of values, in grid order. */
  readonly factors: readonly { readonly parameter: string; readonly count: number }[];
  readonly threshold: number;
  /** Set when the grid has more runs than the threshold setting. */
  readonly warning?: string;
}

/** One run of the grid as the Runs section lists it. */
export interface RunView {
  /** 0-based, in the autotuner's order. */
  readonly index: number;
  /** The server command line: the autotuner's argv joined by spaces, an argument quoted where a shell needs it. */
  readonly command: string;
  readonly gpus: number;
  /** Why the run would fail at launch (flag problems of its values); empty when it would start. */
  readonly problems: readonly string[];
  /** The index of an earlier listed run with the same problems, which the page shows instead of repeating them. */
  readonly problemsAsRun?: number;
}

/** What a chosen task does with the grid. */
export interface RunsTaskView {
  /** The task file, workspace-relative. */
  readonly location: string;
  readonly taskName: string;
  /** `model.id_or_path`, or a note that the task does not say. */
  readonly model: string;
  /** `runtime_image_tag`, or a note that the task does not say. */
  readonly imageTag: string;
  /** e.g. "24 runs; the task stops after 2 (max_iterations), in at most 4 h". */
  readonly cut: string;
  /** e.g. "2 runs × 7,200 s timeout_per_iteration = 4 h"; a note when the task sets no timeout. */
  readonly timeBound: string;
  /** True when the task will not try every run: the runs from `runsTried` on are never launched. */
  readonly cutShort: boolean;
  readonly runsTried: number;
  /**
   * What the task tries when Apply adds the merge to its own values (union mode), when that differs:
   * "With the task's own values: 48 runs; the task stops after 2 (max_iterations)", or why union is refused.
   */
  readonly unionCut?: string;
}

export interface RunsView {
  /** "24 runs". */
  readonly total: string;
  readonly totalRuns: number;
  /** "1–4 GPUs per run", "1 GPU per run". */
  readonly gpus: string;
  /** Which catalog the runs were checked against, e.g. "SGLang 0.5.2", with a note when it stands in for another. */
  readonly checkedWith: string;
  /** The first runs, in order; "Show more" asks for the next batch. */
  readonly runs: readonly RunView[];
  /** How many more runs "Show more" can list (0: no button). */
  readonly remaining: number;
  /** How many runs the next "Show more" adds. */
  readonly nextBatch: number;
  /** e.g. "6 of 24 runs would fail at launch"; undefined when every run would start. */
  readonly failing?: string;
  readonly failingRuns: number;
  readonly task?: RunsTaskView;
  /** e.g. the task's base_runtime differs from the presets' runtime. */
  readonly notices: readonly string[];
}

export interface StrategyView {
  readonly id: MergeStrategy;
  readonly label: string;
  readonly description: string;
}

/** Everything the page shows. Built by the host; the page only renders it, as text. */
export interface MergePreviewState {
  readonly strategy: MergeStrategy;
  readonly strategies: readonly StrategyView[];
  readonly chips: readonly ChipView[];
  /** Merged and dropped parameters, in first-appearance order. Empty when nothing could be merged. */
  readonly rows: readonly RowView[];
  /** Conflicts grouped by kind, groups in a fixed order, empty groups left out; alike conflicts share a card. */
  readonly conflicts: readonly ConflictGroupView[];
  /** Undefined when nothing could be merged. */
  readonly grid?: GridView;
  /** The runs the merged grid launches; undefined when nothing could be merged. */
  readonly runs?: RunsView;
  /** Presets left out of the merge and why; warnings of the merge (e.g. different runtimes). */
  readonly notices: readonly string[];
  /** Why there is no result (no preset selected, none usable); undefined when there is one. */
  readonly empty?: string;
  /** One sentence for screen readers: what the merge is now. */
  readonly summary: string;
  /** False in Restricted Mode or without a workspace folder: Save, Apply and Export are disabled. */
  readonly canWrite: boolean;
  /** Why writing is off, shown on the disabled buttons. */
  readonly writeBlockedReason?: string;
}
