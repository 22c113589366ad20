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
} from './model';
import { distinctScalars, formatScalarList, sameScalarList, scalarKey } from './values';

/** What the merge needs of a preset. A {@link Preset} fits. */
export interface MergeInput {
  readonly name: string;
  readonly parameters: ParameterGrid;
  readonly runtime?: Runtime | null;
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
    throw new MergeError(`unknown merge strategy ${JSON.stringify(strategy)}; use one of ${MERGE_STRATEGIES.join(', ')}`);
  }
  if (presets.length === 0) throw new MergeError('nothing to merge: choose at least one preset');
  const seen = new Set<string>();
  for (const preset of presets) {
    if (seen.has(preset.name)) throw new MergeError(`preset "${preset.name}" is given more than once; each preset can be merged once`);
    seen.add(preset.name);
  }

  // Lists with in-list duplicates collapsed: everything below compares these.
  const lists = presets.map((preset) => {
    const map = new Map<string, Scalar[]>();
    for (const [parameter, values] of Object.entries(preset.parameters)) map.set(parameter, distinctScalars(values));
    return map;
  });
  const parameterOrder = firstAppearanceOrder(lists);
  const names = presets.map((preset) => preset.name);

  const merged =
    presets.length === 1 || strategy === 'union'
      ? mergeUnion(names, lists, parameterOrder)
      : strategy === 'intersection'
        ? mergeIntersection(names, lists, parameterOrder)
        : mergeLastWins(names, lists, parameterOrder);

  const parameters = Object.fromEntries(merged.parameters);
  const { runtime, warnings } = mergeRuntimes(presets);
  const grid = gridSize(parameters);
  if (!grid.exact) warnings.push(`The grid has ${grid.approximation} runs, too many to count exactly; grid_size is capped at ${grid.size}.`);
  return {
    strategy,
    applied_presets: names,
    parameters,
    conflicts: merged.conflicts,
    sources: Object.fromEntries(merged.sources),
    grid_size: grid.size,
    runtime,
    warnings,
  };
}

interface MergedParts {
  readonly parameters: [string, Scalar[]][];
  readonly sources: [string, string[][]][];
  readonly conflicts: MergeConflict[];
}

function firstAppearanceOrder(lists: readonly Map<string, Scalar[]>[]): string[] {
  const order = new Set<string>();
  for (const list of lists) for (const parameter of list.keys()) order.add(parameter);
  return [...order];
}

function mergeUnion(names: readonly string[], lists: readonly Map<string, Scalar[]>[], order: readonly string[]): MergedParts {
  const parameters: [string, Scalar[]][] = [];
  const sources: [string, string[][]][] = [];
  for (const parameter of order) {
    const values: Scalar[] = [];
    const valueSources: string[][] = [];
    const indexByKey = new Map<string, number>();
    lists.forEach((list, i) => {
      for (const value of list.get(parameter) ?? []) {
        const key = scalarKey(value);
        let index = indexByKey.get(key);
        if (index === undefined) {
          index = values.length;
          indexByKey.set(key, index);
          values.push(value);
          valueSources.push([]);
        }
        valueSources[index].push(names[i]);
      }
    });
    parameters.push([parameter, values]);
    sources.push([parameter, valueSources]);
  }
  return { parameters, sources, conflicts: [] };
}

function mergeIntersection(names: readonly string[], lists: readonly Map<string, Scalar[]>[], order: readonly string[]): MergedParts {
  const parameters: [string, Scalar[]][] = [];
  const sources: [string, string[][]][] = [];
  const conflicts: MergeConflict[] = [];
  for (const parameter of order) {
    const lacking = names.filter((_, i) => !lists[i].has(parameter));
    if (lacking.length > 0) {
      conflicts.push({
        parameter,
        kind: 'missing',
        reason: `"${parameter}" is not defined by ${listNames(lacking)}; intersection keeps only parameters every preset defines`,
        presets: lacking,
      });
      continue;
    }
    const perPreset = lists.map((list) => list.get(parameter)!);
    const others = perPreset.slice(1).map((values) => new Set(values.map(scalarKey)));
    const common = perPreset[0].filter((value) => others.every((keys) => keys.has(scalarKey(value))));
    if (common.length === 0) {
      const values = Object.fromEntries(names.map((name, i) => [name, perPreset[i]]));
      conflicts.push({
        parameter,
        kind: 'empty_intersection',
        reason: `"${parameter}" has no value common to all presets (${names.map((name, i) => `${name}: ${formatScalarList(perPreset[i])}`).join('; ')})`,
        values,
      });
      continue;
    }
    parameters.push([parameter, common]);
    sources.push([parameter, common.map(() => [...names])]);
  }
  return { parameters, sources, conflicts };
}

function mergeLastWins(names: readonly string[], lists: readonly Map<string, Scalar[]>[], order: readonly string[]): MergedParts {
  const parameters: [string, Scalar[]][] = [];
  const sources: [string, string[][]][] = [];
  const conflicts: MergeConflict[] = [];
  for (const parameter of order) {
    let winner = -1;
    lists.forEach((list, i) => {
      const values = list.get(parameter);
      if (!values) return;
      if (winner >= 0) {
        const previous = lists[winner].get(parameter)!;
        if (!sameScalarList(previous, values)) {
          conflicts.push({
            parameter,
            kind: 'overridden',
            reason: `${names[i]} sets "${parameter}" to ${formatScalarList(values)}, replacing ${formatScalarList(previous)} from ${names[winner]}`,
            preset: names[winner],
            overridden_by: names[i],
            previous_values: previous,
            new_values: values,
          });
        }
      }
      winner = i;
    });
    const values = [...lists[winner].get(parameter)!];
    parameters.push([parameter, values]);
    sources.push([parameter, values.map(() => [names[winner]])]);
  }
  return { parameters, sources, conflicts };
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
    warnings: [`The presets are written for different runtimes: ${parts.join(' and ')}; a server takes only one runtime's flags.`],
  };
}

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
