/**
 * Merging presets into one grid (SPEC §3). A pure function: inputs are never mutated, and the result
 * carries everything a UI needs: values, where each came from, conflicts and the grid size.
 */
import { gridSize } from './grid';
import {
  MERGE_STRATEGIES,
  type MergeConflict,
  type MergeResult,
  type MergeStrategy,
  type ParameterGrid,
  type Runtime,
  type Scalar,
  type WrittenNumber,
} from './model';
import { listNames, listSomePresetNames } from './prose';
import { formatFieldPath, formatScalarList, sameScalarList, withoutRepeats } from './values';

/** What the merge needs of a preset. A {@link Preset} fits. */
export interface MergeInput {
  readonly name: string;
  readonly parameters: ParameterGrid;
  readonly runtime?: Runtime | null;
  readonly writtenNumbers?: readonly WrittenNumber[];
}

/** A merge that cannot start: no preset, a preset given twice, or an unknown strategy. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

/** True when `value` names one of the merge strategies. */
export function isMergeStrategy(value: unknown): value is MergeStrategy {
  return (MERGE_STRATEGIES as readonly unknown[]).includes(value);
}

/** Merges presets, in the order given, with a strategy. Throws {@link MergeError} on bad input. */
export function mergePresets(presets: readonly MergeInput[], strategy: MergeStrategy): MergeResult {
  if (!isMergeStrategy(strategy)) {
    throw new MergeError(
      `unknown merge strategy ${JSON.stringify(strategy)}; use one of ${MERGE_STRATEGIES.join(', ')}`,
    );
  }
  if (presets.length === 0) throw new MergeError('nothing to merge: choose at least one preset');
  const seen = new Set<string>();
  for (const preset of presets) {
    if (seen.has(preset.name))
      throw new MergeError(`preset "${preset.name}" is given more than once; each preset can be merged once`);
    seen.add(preset.name);
  }

  const names = presets.map((preset) => preset.name);
  const grids = presets.map((preset) => preset.parameters);
  const merged =
    presets.length === 1 || strategy === 'union'
      ? mergeUnion(names, grids)
      : strategy === 'intersection'
        ? mergeIntersection(names, grids)
        : mergeLastWins(names, grids);

  const { parameters, sources } = merged;
  const { runtime, warnings } = mergeRuntimes(presets);
  warnings.push(...inexactNumberWarnings(presets));
  const grid = gridSize(parameters);
  if (!grid.exact)
    warnings.push(
      `The grid has ${grid.approximation} runs, too many to count exactly; grid_size is capped at ${grid.size}.`,
    );
  return {
    strategy,
    applied_presets: names,
    parameters,
    conflicts: merged.conflicts,
    sources,
    grid_size: grid.size,
    runtime,
    warnings,
  };
}

/**
 * A conflict as one sentence with the values it is about, for displays that show only text (the CLI). The
 * result's `reason` leaves the values to the conflict's own fields, so that a merge with tens of thousands
 * of conflicts does not format every list; a display formats the ones it shows.
 */
export function describeConflict(conflict: MergeConflict): string {
  switch (conflict.kind) {
    case 'missing':
      return conflict.reason;
    case 'empty_intersection': {
      const described = Object.keys(conflict.values).map(
        (name) => `${name}: ${formatScalarList(conflict.values[name])}`,
      );
      return `${conflict.reason} (${described.join('; ')})`;
    }
    case 'overridden':
      return `${conflict.overridden_by} sets "${conflict.parameter}" to ${formatScalarList(conflict.new_values)}, replacing ${formatScalarList(conflict.previous_values)} from ${conflict.preset}`;
  }
}

// Each strategy reads the presets in merge order and keeps what it learns per parameter in a Map, whose
// insertion order is the parameters' first-appearance order. Values are compared as Map keys, by includes and
// by sameScalarList: SameValueZero, which is strict JSON equality (1 equals 1.0, 0 equals -0). Lists are
// compared as their distinct values (in-list repeats collapse to the first); a list that repeats nothing is
// used as it is.
// The result's grids are written key by key (setKey): Object.fromEntries of a large grid showed in profiles.
// Lists are read with indexed loops: for...of over lists of mixed element kinds was a named spot too.

interface MergedParts {
  readonly parameters: Record<string, Scalar[]>;
  readonly sources: Record<string, string[][]>;
  readonly conflicts: MergeConflict[];
}

/**
 * Union: every parameter of every preset, each with every distinct value, named by the presets that hold it.
 * One parameter at a time, all its lists together: its Map and sources stay at hand while they grow, where
 * going preset by preset came back to every parameter once per preset (the slower order in profiles).
 * Two passes over a parameter's lists: the first finds each value's place and how many presets hold it, so
 * that the second writes each source list at its final length. Lists grown by push left most of the merge's
 * garbage behind, and collecting it was a named spot in profiles.
 */
function mergeUnion(names: readonly string[], grids: readonly ParameterGrid[]): MergedParts {
  const parameters: Record<string, Scalar[]> = {};
  const sources: Record<string, string[][]> = {};
  // The place in values of each value read by the first pass, in reading order, or -1 for a value its list
  // repeats: the second pass reads it instead of looking every value up again. Overwritten per parameter.
  const places: number[] = [];
  for (const [parameter, lists] of listsByParameter(grids)) {
    const values: Scalar[] = [];
    // Per value: how many presets hold it, and the last list that did (a value repeated in one list is named once).
    const holderCounts: number[] = [];
    const lastHolder: number[] = [];
    const placeOf = new Map<Scalar, number>();
    let read = 0;
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i];
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k++) {
        const value = list[k];
        const place = placeOf.get(value);
        if (place === undefined) {
          placeOf.set(value, values.length);
          places[read++] = values.length;
          values.push(value);
          holderCounts.push(1);
          lastHolder.push(i);
        } else if (lastHolder[place] !== i) {
          places[read++] = place;
          holderCounts[place]++;
          lastHolder[place] = i;
        } else places[read++] = -1;
      }
    }
    const valueSources = holderCounts.map((count) => new Array<string>(count));
    const written = holderCounts.map(() => 0);
    read = 0;
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i];
      if (list === undefined) continue;
      const name = names[i];
      for (let k = 0; k < list.length; k++) {
        const place = places[read++];
        if (place >= 0) valueSources[place][written[place]++] = name;
      }
    }
    setKey(parameters, parameter, values);
    setKey(sources, parameter, valueSources);
  }
  return { parameters, sources, conflicts: [] };
}

/** Every preset's list of each parameter (undefined where a preset lacks it), parameters in first-appearance order. */
function listsByParameter(grids: readonly ParameterGrid[]): Map<string, (readonly Scalar[] | undefined)[]> {
  const byParameter = new Map<string, (readonly Scalar[] | undefined)[]>();
  grids.forEach((grid, i) => {
    for (const parameter of Object.keys(grid)) {
      let lists = byParameter.get(parameter);
      if (lists === undefined) byParameter.set(parameter, (lists = new Array(grids.length).fill(undefined)));
      lists[i] = grid[parameter];
    }
  });
  return byParameter;
}

/**
 * Intersection: a parameter is kept only when every preset defines it and they share a value (in the first
 * preset's order); a parameter dropped is a conflict, missing from some presets or no value in common.
 * Parameters in first-appearance order.
 */
function mergeIntersection(names: readonly string[], grids: readonly ParameterGrid[]): MergedParts {
  const parameters: Record<string, Scalar[]> = {};
  const sources: Record<string, string[][]> = {};
  const conflicts: MergeConflict[] = [];
  let valuesShape: Record<string, readonly Scalar[]> | undefined;
  for (const [parameter, { lacking, lists }] of presenceByParameter(names, grids)) {
    if (lacking.length > 0) {
      conflicts.push(missingConflict(parameter, lacking));
      continue;
    }
    const common = commonValues(lists);
    if (common.length > 0) {
      setKey(parameters, parameter, common);
      setKey(
        sources,
        parameter,
        common.map(() => names.slice()),
      );
      continue;
    }
    // Every such conflict's `values` has the presets' names as keys, in merge order: a copy of one object that
    // has them takes its final shape at once, where adding them one by one grew each object step by step. The
    // copy's keys are its own, so assigning "__proto__" sets the key, not the prototype.
    valuesShape ??= Object.fromEntries(names.map((name) => [name, []]));
    const values: Record<string, readonly Scalar[]> = { ...valuesShape };
    // Each preset's own list, not a copy: it is readonly and nothing downstream changes it. Its repeats stay:
    // a repeat is already a validation error of that preset, told with its own problems.
    for (let i = 0; i < names.length; i++) values[names[i]] = lists[i];
    conflicts.push({
      parameter,
      kind: 'empty_intersection',
      reason: `"${parameter}" has no value common to all presets`,
      values,
    });
  }
  return { parameters, sources, conflicts };
}

/** What intersection learns of a parameter while it lists the grids' keys. */
interface Presence {
  /** The last preset seen defining it, by index. */
  lastHolder: number;
  /** The names of the presets that lack it, in merge order. */
  readonly lacking: string[];
  /** Every preset's list of it, in merge order, while no preset lacks it. */
  readonly lists: (readonly Scalar[])[];
}

/**
 * What each parameter's presence is, parameters in first-appearance order. Listing each grid's keys once
 * tells both which parameters there are and who lacks one: the presets between two that define a parameter
 * lack it. Looking every parameter up in every grid afterwards was a second pass over the same keys. A list
 * is read while its grid's keys are being listed, where reading it afterwards came back to every grid.
 */
function presenceByParameter(names: readonly string[], grids: readonly ParameterGrid[]): Map<string, Presence> {
  const byParameter = new Map<string, Presence>();
  for (let i = 0; i < grids.length; i++) {
    const grid = grids[i];
    const keys = Object.keys(grid);
    for (let k = 0; k < keys.length; k++) {
      const parameter = keys[k];
      const seen = byParameter.get(parameter);
      if (seen === undefined) {
        byParameter.set(parameter, {
          lastHolder: i,
          lacking: names.slice(0, i),
          lists: i === 0 ? [grid[parameter]] : [],
        });
        continue;
      }
      for (let j = seen.lastHolder + 1; j < i; j++) seen.lacking.push(names[j]);
      seen.lastHolder = i;
      if (seen.lacking.length === 0) seen.lists.push(grid[parameter]);
    }
  }
  for (const seen of byParameter.values())
    for (let j = seen.lastHolder + 1; j < names.length; j++) seen.lacking.push(names[j]);
  return byParameter;
}

/** The first list's distinct values that every list holds, in the first list's order. */
function commonValues(lists: readonly (readonly Scalar[])[]): Scalar[] {
  const common: Scalar[] = [];
  const first = withoutRepeats(lists[0]);
  for (let k = 0; k < first.length; k++) {
    const value = first[k];
    let everywhere = true;
    for (let i = 1; i < lists.length && everywhere; i++) everywhere = lists[i].includes(value);
    if (everywhere) common.push(value);
  }
  return common;
}

/** A `missing` conflict: the parameter is dropped because the presets `lacking` do not define it. */
function missingConflict(parameter: string, lacking: string[]): MergeConflict {
  return {
    parameter,
    kind: 'missing',
    reason: `"${parameter}" is not defined by ${listSomePresetNames(lacking)}; intersection keeps only parameters every preset defines`,
    presets: lacking,
  };
}

/** What last wins has gathered of one parameter: the list that wins so far, and the conflicts about it. */
interface LastWinsParameter {
  /** The preset whose list wins so far, by index. */
  winner: number;
  values: readonly Scalar[];
  readonly conflicts: MergeConflict[];
}

/**
 * Last wins: each parameter takes the list of the last preset that defines it. Each later preset that
 * redefines it with a different list is a conflict, "overridden"; conflicts are listed by parameter. Preset
 * by preset, unlike union: each list costs one comparison, and gathering the lists by parameter first was the
 * slower order here.
 */
function mergeLastWins(names: readonly string[], grids: readonly ParameterGrid[]): MergedParts {
  // A reason is `B overrides "tp-size" of A`: the text around the parameter is made once per preset, so each
  // conflict adds only two concatenations. Building every sentence from its five pieces was a named spot in
  // profiles.
  const overridesOpening = names.map((name) => `${name} overrides "`);
  const overridesClosing = names.map((name) => `" of ${name}`);
  const byParameter = new Map<string, LastWinsParameter>();
  grids.forEach((grid, i) => {
    for (const parameter of Object.keys(grid)) {
      const values = withoutRepeats(grid[parameter]);
      const merged = byParameter.get(parameter);
      if (merged === undefined) {
        byParameter.set(parameter, { winner: i, values, conflicts: [] });
        continue;
      }
      if (!sameScalarList(merged.values, values))
        merged.conflicts.push({
          parameter,
          kind: 'overridden',
          reason: overridesOpening[i] + parameter + overridesClosing[merged.winner],
          preset: names[merged.winner],
          overridden_by: names[i],
          previous_values: merged.values,
          new_values: values,
        });
      merged.winner = i;
      merged.values = values;
    }
  });
  const parameters: Record<string, Scalar[]> = {};
  const sources: Record<string, string[][]> = {};
  const conflicts: MergeConflict[] = [];
  for (const [parameter, merged] of byParameter) {
    const winner = names[merged.winner];
    setKey(parameters, parameter, merged.values.slice());
    setKey(
      sources,
      parameter,
      merged.values.map(() => [winner]),
    );
    for (const conflict of merged.conflicts) conflicts.push(conflict);
  }
  return { parameters, sources, conflicts };
}

function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment of "__proto__" would set the prototype instead of adding the key.
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function mergeRuntimes(presets: readonly MergeInput[]): { runtime: Runtime | null; warnings: string[] } {
  const declared = new Map<Runtime, string[]>();
  for (const preset of presets) {
    if (!preset.runtime) continue;
    declared.set(preset.runtime, [...(declared.get(preset.runtime) ?? []), preset.name]);
  }
  if (declared.size <= 1) return { runtime: declared.keys().next().value ?? null, warnings: [] };
  const parts = [...declared].map(([runtime, owners]) => `${listNames(owners)} (${runtime})`);
  return {
    runtime: null,
    warnings: [
      `The presets are written for different runtimes: ${parts.join(' and ')}; a server takes only one runtime's flags.`,
    ],
  };
}

/**
 * The merged grid holds values, not their text: a number a preset's file writes that reads as another
 * (an integer beyond 2^53, say) is merged as what it reads as, and said so.
 */
function inexactNumberWarnings(presets: readonly MergeInput[]): string[] {
  const warnings: string[] = [];
  for (const preset of presets) {
    for (const number of preset.writtenNumbers ?? []) {
      if (number.path[0] !== 'parameters') continue;
      warnings.push(
        `${preset.name}: ${formatFieldPath(number.path)} is written ${number.source}, which reads as ${number.value}; the merge holds ${number.value}.`,
      );
    }
  }
  return warnings;
}
