/**
 * The Merge Preview's view model: from the selected presets and a strategy to everything the page
 * shows (chips, rows with provenance, grouped conflicts, grid size). Pure (no `vscode`), so it is
 * tested in plain Node; the page only renders what this returns.
 */
import { formatCount, formatRunCount, gridSize } from '../../core/grid';
import { mergePresets, type MergeInput } from '../../core/merge';
import {
  MERGE_STRATEGIES,
  type ConflictKind,
  type MergeConflict,
  type MergeResult,
  type MergeStrategy,
  type Preset,
  type Scalar,
} from '../../core/model';
import { NAME_MAX_LENGTH } from '../../core/presetRules';
import { listSomePresetNames } from '../../core/prose';
import type {
  ChartColor,
  ChipStatus,
  ChipView,
  ConflictGroupView,
  ConflictView,
  GridView,
  ListView,
  MergePreviewState,
  RowView,
  StrategyView,
  ValueView,
} from '../../shared/mergePreviewProtocol';

/** One selected preset as the host sees it now. */
export interface SelectedPreset {
  readonly id: string;
  readonly name: string;
  readonly color: ChartColor;
  readonly origin: ChipView['origin'];
  readonly location: string;
  readonly status: ChipStatus;
  /** The preset, when it can be merged (status ok or warning); its text positions find its numbers' tokens. */
  readonly preset?: MergeInput & Pick<Preset, 'textPositions'>;
  /** Why it cannot be merged (status invalid or missing). */
  readonly problem?: string;
}

export interface PreviewInput {
  readonly selection: readonly SelectedPreset[];
  readonly strategy: MergeStrategy;
  /** The `gridSizeWarningThreshold` setting. */
  readonly threshold: number;
  readonly canWrite: boolean;
  readonly writeBlockedReason?: string;
  /** The merge's flag problems by parameter (see mergedFlagProblems.ts); without it, nothing is checked. */
  readonly flagProblems?: (merged: MergeResult) => ReadonlyMap<string, readonly string[]>;
}

export interface Preview {
  readonly state: MergePreviewState;
  /** The merge of the usable presets; undefined when there is none. */
  readonly result?: MergeResult;
  /** Ids of the presets in the merge, in order. */
  readonly mergedIds: readonly string[];
}

export const STRATEGIES: readonly StrategyView[] = [
  { id: 'union', label: 'Union', description: 'Every parameter and every distinct value. Never a conflict.' },
  {
    id: 'intersection',
    label: 'Intersection',
    description: 'Only parameters every preset defines, with the values they share.',
  },
  {
    id: 'last_wins',
    label: 'Last wins',
    description: 'Each parameter takes the list of the last preset that defines it.',
  },
];

const CONFLICT_GROUPS: readonly { kind: ConflictKind; title: string; description: string }[] = [
  {
    kind: 'overridden',
    title: 'Overridden',
    description: "A later preset replaced an earlier preset's list; the later list is merged.",
  },
  {
    kind: 'missing',
    title: 'Not defined by every preset',
    description: 'Intersection keeps only parameters every preset defines; these are left out.',
  },
  {
    kind: 'empty_intersection',
    title: 'No common value',
    description: 'The presets share no value for these parameters; they are left out.',
  },
];

/** A scalar as JSON text (strings quoted; true, false and null bare) with its type. */
export function valueView(value: Scalar, sources: readonly number[]): ValueView {
  const kind = value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean');
  return { text: JSON.stringify(value), kind, sources };
}

/** Builds what the page shows. Never throws for a selection: a merge that cannot run becomes `empty`. */
export function buildPreview(input: PreviewInput): Preview {
  const strategy = (MERGE_STRATEGIES as readonly string[]).includes(input.strategy) ? input.strategy : 'union';
  const chips: ChipView[] = input.selection.map((selected, i) => ({
    id: selected.id,
    name: selected.name,
    position: i + 1,
    color: selected.color,
    origin: selected.origin,
    location: selected.location,
    status: selected.status,
    ...(selected.problem ? { problem: selected.problem } : {}),
  }));
  const included = input.selection
    .map((selected, chip) => ({ selected, chip }))
    .filter(({ selected }) => selected.preset !== undefined);
  const leftOut = input.selection.filter((selected) => selected.preset === undefined);
  const notices = leftOut.map(
    (selected) => `"${selected.name}" is left out of the merge: ${selected.problem ?? 'it cannot be merged'}.`,
  );
  const base = {
    strategy,
    strategies: STRATEGIES,
    chips,
    canWrite: input.canWrite,
    ...(input.writeBlockedReason ? { writeBlockedReason: input.writeBlockedReason } : {}),
  };

  const empty = (reason: string): Preview => ({
    state: { ...base, rows: [], conflicts: [], notices, empty: reason, summary: reason },
    mergedIds: [],
  });
  if (input.selection.length === 0) return empty('No presets selected. Add presets to see their merge.');
  if (included.length === 0)
    return empty('None of the selected presets can be merged: fix the files flagged above, or remove them.');

  let result: MergeResult;
  let union: MergeResult;
  try {
    const presets = included.map(({ selected }) => selected.preset!);
    result = mergePresets(presets, strategy);
    union = strategy === 'union' ? result : mergePresets(presets, 'union');
  } catch (error) {
    // Two selected files with one name, for example: the core says why.
    return empty(`These presets cannot be merged: ${(error as Error).message}.`);
  }

  const chipOf = new Map(included.map(({ selected, chip }) => [selected.preset!.name, chip]));
  const chipsOf = (names: readonly string[]): number[] =>
    names.map((name) => chipOf.get(name)).filter((chip): chip is number => chip !== undefined);
  const listOf = (name: string, values: readonly Scalar[]): ListView => {
    const chip = chipOf.get(name) ?? -1;
    return { chip, values: values.map((value) => valueView(value, chip >= 0 ? [chip] : [])) };
  };

  const conflictKinds = new Map<string, ConflictKind[]>();
  for (const conflict of result.conflicts)
    conflictKinds.set(conflict.parameter, [...(conflictKinds.get(conflict.parameter) ?? []), conflict.kind]);

  const flagProblems = input.flagProblems?.(result);
  // Union's parameter order is the first-appearance order over all presets: kept and dropped rows interleave in it.
  const rows: RowView[] = [];
  for (const parameter of Object.keys(union.parameters)) {
    const kept = Object.prototype.hasOwnProperty.call(result.parameters, parameter);
    const source = kept ? result : union;
    const values = source.parameters[parameter].map((value, i) =>
      valueView(value, chipsOf(source.sources[parameter][i])),
    );
    const problems = kept ? flagProblems?.get(parameter) : undefined;
    rows.push({
      parameter,
      status: kept ? 'kept' : 'dropped',
      values,
      conflicts: conflictKinds.get(parameter) ?? [],
      ...(problems ? { flagProblems: problems } : {}),
    });
  }

  const conflicts: ConflictGroupView[] = CONFLICT_GROUPS.map((group) => {
    const ofKind = result.conflicts.filter((conflict) => conflict.kind === group.kind);
    const items = ofKind.map((conflict) => conflictView(conflict, chipsOf, listOf));
    return {
      ...group,
      count: ofKind.length,
      items: group.kind === 'missing' ? groupMissing(items, input.selection) : items,
    };
  }).filter((group) => group.items.length > 0);

  const grid = gridView(result, input.threshold);
  notices.push(...result.warnings);
  const summary = summarize(
    strategy,
    included.length,
    leftOut.length,
    Object.keys(result.parameters).length,
    grid.nothingToRun ? 'nothing to run' : grid.label,
    result.conflicts.length,
  );
  return {
    state: { ...base, rows, conflicts, grid, notices, summary },
    result,
    mergedIds: included.map(({ selected }) => selected.id),
  };
}

/**
 * One card for the parameters that the same presets lack: an intersection of presets of different
 * sizes reports every parameter of the larger one, and cards that differ only in the name are noise.
 */
function groupMissing(items: readonly ConflictView[], selection: readonly SelectedPreset[]): ConflictView[] {
  const byLacking = new Map<string, ConflictView[]>();
  for (const item of items) {
    const key = item.detail.kind === 'missing' ? item.detail.lacking.join(',') : '';
    byLacking.set(key, [...(byLacking.get(key) ?? []), item]);
  }
  return [...byLacking.values()].map((alike) => {
    if (alike.length === 1) return alike[0];
    const { detail } = alike[0];
    const lacking = detail.kind === 'missing' ? detail.lacking.map((chip) => selection[chip].name) : [];
    const parameters = alike.flatMap((item) => item.parameters);
    return {
      parameters,
      // The card lists the parameters themselves, as links to their rows.
      reason: `${parameters.length} parameters missing from ${listSomePresetNames(lacking)}; intersection keeps only parameters every preset defines`,
      detail,
    };
  });
}

function conflictView(
  conflict: MergeConflict,
  chipsOf: (names: readonly string[]) => number[],
  listOf: (name: string, values: readonly Scalar[]) => ListView,
): ConflictView {
  const parameters = [conflict.parameter];
  const { reason } = conflict;
  switch (conflict.kind) {
    case 'missing':
      return { parameters, reason, detail: { kind: 'missing', lacking: chipsOf(conflict.presets) } };
    case 'empty_intersection':
      return {
        parameters,
        reason,
        detail: {
          kind: 'empty_intersection',
          lists: Object.entries(conflict.values).map(([name, values]) => listOf(name, values)),
        },
      };
    case 'overridden':
      return {
        parameters,
        reason,
        detail: {
          kind: 'overridden',
          replaced: listOf(conflict.preset, conflict.previous_values),
          by: listOf(conflict.overridden_by, conflict.new_values),
        },
      };
  }
}

function gridView(result: MergeResult, threshold: number): GridView {
  if (Object.keys(result.parameters).length === 0) {
    // The product of no factors is 1, but a task with no parameter has nothing to tune: say so instead.
    const noCommonValue = result.conflicts.some((conflict) => conflict.kind === 'empty_intersection');
    return {
      label: 'Nothing to run',
      nothingToRun: noCommonValue
        ? 'No parameter is shared by every preset with a value they all allow: nothing to run.'
        : 'No parameter is shared by every preset: nothing to run.',
      size: 0,
      exact: true,
      factors: [],
      threshold,
    };
  }
  const grid = gridSize(result.parameters);
  const label = formatRunCount(grid);
  const over = !grid.exact || grid.size > threshold;
  return {
    label,
    size: grid.size,
    exact: grid.exact,
    factors: grid.factors.map(([parameter, count]) => ({ parameter, count })),
    threshold,
    ...(over
      ? {
          warning: `${label}: more than the ${formatCount(threshold)} of the "parameterPresets.gridSizeWarningThreshold" setting. Consider fewer values or the intersection strategy.`,
        }
      : {}),
  };
}

function summarize(
  strategy: MergeStrategy,
  merged: number,
  leftOut: number,
  parameters: number,
  runs: string,
  conflicts: number,
): string {
  const label = STRATEGIES.find((s) => s.id === strategy)!.label;
  const parts = [
    `${label} of ${merged} ${merged === 1 ? 'preset' : 'presets'}`,
    `${parameters} ${parameters === 1 ? 'parameter' : 'parameters'}`,
    runs,
    conflicts === 0 ? 'no conflicts' : `${conflicts} ${conflicts === 1 ? 'conflict' : 'conflicts'}`,
  ];
  return `${parts.join(', ')}${leftOut ? `; ${leftOut} left out` : ''}.`;
}

/** A preset holding a merge result, for saving or exporting it under `name`. */
export function presetFromMerge(name: string, result: MergeResult): Preset {
  return {
    name: name.trim(),
    description: `Merged from ${result.applied_presets.join(', ')} (${result.strategy})`,
    category: null,
    runtime: result.runtime,
    parameters: result.parameters,
    metadata: null,
    extra: {},
  };
}

/** A name to offer for a merge, e.g. "High Throughput + Low Latency (union)", within the length limit. */
export function suggestedMergeName(result: MergeResult): string {
  const suffix = ` (${result.strategy})`;
  const names = result.applied_presets.join(' + ');
  const room = NAME_MAX_LENGTH - suffix.length;
  const chars = [...names];
  return (chars.length > room ? chars.slice(0, room - 1).join('') + '…' : names) + suffix;
}
