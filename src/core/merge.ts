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
import { distinctScalars, formatScalarList, sameScalar, sameScalarList } from './values';

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

  // Lists with in-list duplicates collapsed (fresh arrays: the result never aliases an input): everything below compares these.
  const lists = presets.map((preset) => {
    const map = new Map<string, Scalar[]>();
    const grid = preset.parameters;
    for (const parameter of Object.keys(grid)) map.set(parameter, distinctScalars(grid[parameter]));
    return map;
  });
  const names = presets.map((preset) => preset.name);

  const merged =
    presets.length === 1 || strategy === 'union'
      ? mergeUnion(names, lists)
      : strategy === 'intersection'
        ? mergeIntersection(names, lists, firstAppearanceOrder(lists))
        : mergeLastWins(names, lists, firstAppearanceOrder(lists));

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

/** One parameter of a union being built: its distinct values so far and who brought each. */
interface UnionParameter {
  readonly values: Scalar[];
  readonly sources: string[][];
  /** Value → position, once the list is too long to search by comparing. */
  index?: Map<Scalar, number>;
}

/** Lists up to this long are searched by comparing values; longer ones get a Map. */
const SEARCH_LIMIT = 16;

function positionIn(parameter: UnionParameter, value: Scalar): number {
  if (parameter.index) return parameter.index.get(value) ?? -1;
  const values = parameter.values;
  for (let i = 0; i < values.length; i++) if (sameScalar(values[i], value)) return i;
  return -1;
}

function mergeUnion(names: readonly string[], lists: readonly Map<string, Scalar[]>[]): MergedParts {
  // Preset by preset: the Map's insertion order is the parameters' first-appearance order, and each
  // value list grows in first-appearance order with its sources in preset order.
  const byParameter = new Map<string, UnionParameter>();
  for (let i = 0; i < lists.length; i++) {
    const name = names[i];
    for (const [parameter, list] of lists[i]) {
      let merged = byParameter.get(parameter);
      if (!merged) byParameter.set(parameter, (merged = { values: [], sources: [] }));
      for (const value of list) {
        let at = positionIn(merged, value);
        if (at < 0) {
          at = merged.values.length;
          merged.values.push(value);
          merged.sources.push([]);
          // A Map compares keys with SameValueZero: 0 equals -0 and NaN equals NaN, like sameScalar.
          if (merged.index) merged.index.set(value, at);
          else if (merged.values.length > SEARCH_LIMIT) merged.index = new Map(merged.values.map((v, k) => [v, k]));
        }
        merged.sources[at].push(name);
      }
    }
  }
  const parameters: [string, Scalar[]][] = [];
  const sources: [string, string[][]][] = [];
  for (const [parameter, merged] of byParameter) {
    parameters.push([parameter, merged.values]);
    sources.push([parameter, merged.sources]);
  }
  return { parameters, sources, conflicts: [] };
}

/** The values of `values` that `other` holds too, in the order of `values`. */
function keepShared(values: readonly Scalar[], other: readonly Scalar[]): Scalar[] {
  if (other.length > SEARCH_LIMIT) {
    const set = new Set(other);
    return values.filter((value) => set.has(value));
  }
  return values.filter((value) => other.some((candidate) => sameScalar(candidate, value)));
}

function mergeIntersection(names: readonly string[], lists: readonly Map<string, Scalar[]>[], order: readonly string[]): MergedParts {
  const parameters: [string, Scalar[]][] = [];
  const sources: [string, string[][]][] = [];
  const conflicts: MergeConflict[] = [];
  for (const parameter of order) {
    let lacking: string[] | undefined;
    for (let i = 0; i < lists.length; i++) if (!lists[i].has(parameter)) (lacking ??= []).push(names[i]);
    if (lacking) {
      conflicts.push({
        parameter,
        kind: 'missing',
        reason: `"${parameter}" is not defined by ${listNames(lacking)}; intersection keeps only parameters every preset defines`,
        presets: lacking,
      });
      continue;
    }
    const perPreset = lists.map((list) => list.get(parameter)!);
    let common = perPreset[0].slice();
    for (let i = 1; i < perPreset.length && common.length > 0; i++) common = keepShared(common, perPreset[i]);
    if (common.length === 0) {
      const values: Record<string, Scalar[]> = {};
      let described = '';
      for (let i = 0; i < names.length; i++) {
        Object.defineProperty(values, names[i], { value: perPreset[i], enumerable: true, writable: true, configurable: true });
        described += (i > 0 ? '; ' : '') + names[i] + ': ' + formatScalarList(perPreset[i]);
      }
      conflicts.push({
        parameter,
        kind: 'empty_intersection',
        reason: `"${parameter}" has no value common to all presets (${described})`,
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
    let winnerValues: Scalar[] = [];
    // The winner's list as text, kept from one conflict to the next: each list is formatted once.
    let winnerText: string | undefined;
    for (let i = 0; i < lists.length; i++) {
      const values = lists[i].get(parameter);
      if (!values) continue;
      if (winner >= 0 && !sameScalarList(winnerValues, values)) {
        const previousText = winnerText ?? formatScalarList(winnerValues);
        const text = formatScalarList(values);
        conflicts.push({
          parameter,
          kind: 'overridden',
          reason: `${names[i]} sets "${parameter}" to ${text}, replacing ${previousText} from ${names[winner]}`,
          preset: names[winner],
          overridden_by: names[i],
          previous_values: winnerValues,
          new_values: values,
        });
        winnerText = text;
      }
      // An identical list formats to the same text: winnerText stays right.
      winner = i;
      winnerValues = values;
    }
    const values = winnerValues.slice();
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
