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
import { distinctScalars, formatScalarList, hasRepeatedScalar, sameScalar, sameScalarList } from './values';

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

  const parameters = Object.fromEntries(merged.parameters);
  const { runtime, warnings } = mergeRuntimes(presets);
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
    sources: Object.fromEntries(merged.sources),
    grid_size: grid.size,
    runtime,
    warnings,
  };
}

// The three strategies walk the presets once, in order, keeping what they learn per parameter in a Map: its
// insertion order is the parameters' first-appearance order. Lists are compared as their distinct values
// (in-list repeats collapse to the first); a list that repeats nothing is used as it is, never copied into
// the result: results hold arrays of their own or, in conflicts, the distinct list of the input.

interface MergedParts {
  readonly parameters: [string, Scalar[]][];
  readonly sources: [string, string[][]][];
  readonly conflicts: MergeConflict[];
}

/** The list without its repeats: the list itself when it has none (the usual case), else a copy. */
function distinct(list: readonly Scalar[]): readonly Scalar[] {
  return hasRepeatedScalar(list) ? distinctScalars(list) : list;
}

/** One parameter of a union being built: its distinct values so far and, for each, the presets that hold it. */
interface UnionParameter {
  readonly values: Scalar[];
  /** How many presets hold each value: the length its sources list will have. */
  readonly holderCounts: number[];
  /** The position of the last preset seen holding each value: a value repeated in one list counts once. */
  readonly lastHolders: number[];
  /** Value → position, once the list is too long to search by comparing. */
  index?: Map<Scalar, number>;
  /**
   * What each preset brought, in the order seen: the preset's position, the positions of the values it adds
   * to their sources, then -1. The first `noted` entries are used.
   */
  notes: Int32Array;
  noted: number;
}

/** Lists up to this long are searched by comparing values; longer ones get a Map. */
const SEARCH_LIMIT = 16;

// The union takes two passes. The first finds every value's position among its parameter's distinct values and
// counts the presets holding it, noting, per parameter, which preset brought which values; the second makes each
// sources list at its final length and fills it from those notes, a parameter at a time, without reading the
// input again. Growing the lists one name at a time, as a single pass must, copied each list several times as
// it grew and left the copies to the garbage collector: in large merges the time grew faster than the input.
function mergeUnion(names: readonly string[], grids: readonly ParameterGrid[]): MergedParts {
  const byParameter = new Map<string, UnionParameter>();
  for (let i = 0; i < grids.length; i++) {
    const grid = grids[i];
    for (const parameter of Object.keys(grid)) {
      const list = grid[parameter];
      let merged = byParameter.get(parameter);
      if (merged === undefined) {
        merged = {
          values: [],
          holderCounts: [],
          lastHolders: [],
          notes: new Int32Array(2 * list.length + 8),
          noted: 0,
        };
        byParameter.set(parameter, merged);
      }
      const { values, holderCounts, lastHolders } = merged;
      if (merged.noted + list.length + 2 > merged.notes.length) {
        const larger = new Int32Array(Math.max(merged.notes.length * 2, merged.noted + list.length + 2));
        larger.set(merged.notes);
        merged.notes = larger;
      }
      const notes = merged.notes;
      let noted = merged.noted;
      notes[noted++] = i;
      for (let k = 0; k < list.length; k++) {
        const value = list[k];
        let at = -1;
        if (merged.index) at = merged.index.get(value) ?? -1;
        else {
          for (let j = 0; j < values.length; j++) {
            if (sameScalar(values[j], value)) {
              at = j;
              break;
            }
          }
        }
        if (at < 0) {
          at = values.length;
          values.push(value);
          holderCounts.push(1);
          lastHolders.push(i);
          // A Map compares keys with SameValueZero: 0 equals -0 and NaN equals NaN, like sameScalar.
          if (merged.index) merged.index.set(value, at);
          else if (values.length > SEARCH_LIMIT) merged.index = new Map(values.map((v, j) => [v, j]));
        } else if (lastHolders[at] !== i) {
          lastHolders[at] = i;
          holderCounts[at]++;
        } else {
          continue; // Repeated within this preset's list: the preset is named once.
        }
        notes[noted++] = at;
      }
      notes[noted++] = -1;
      merged.noted = noted;
    }
  }
  const parameters: [string, Scalar[]][] = [];
  const sources: [string, string[][]][] = [];
  for (const [parameter, merged] of byParameter) {
    const valueSources = merged.holderCounts.map((count) => new Array<string>(count));
    const filled = new Int32Array(valueSources.length);
    const { notes, noted } = merged;
    for (let at = 0; at < noted;) {
      const name = names[notes[at++]];
      for (let position = notes[at++]; position >= 0; position = notes[at++])
        valueSources[position][filled[position]++] = name;
    }
    parameters.push([parameter, merged.values]);
    sources.push([parameter, valueSources]);
  }
  return { parameters, sources, conflicts: [] };
}

/** Every preset's list of each parameter (undefined where a preset lacks it), parameters in first-appearance order. */
function listsByParameter(grids: readonly ParameterGrid[]): Map<string, (readonly Scalar[] | undefined)[]> {
  const byParameter = new Map<string, (readonly Scalar[] | undefined)[]>();
  for (let i = 0; i < grids.length; i++) {
    const grid = grids[i];
    for (const parameter of Object.keys(grid)) {
      let lists = byParameter.get(parameter);
      if (lists === undefined)
        byParameter.set(parameter, (lists = new Array<readonly Scalar[] | undefined>(grids.length).fill(undefined)));
      lists[i] = grid[parameter];
    }
  }
  return byParameter;
}

/** True when `list` holds `value`. */
function holds(list: readonly Scalar[], value: Scalar): boolean {
  for (let i = 0; i < list.length; i++) if (sameScalar(list[i], value)) return true;
  return false;
}

/** The values of `values` that `other` holds too, in the order of `values`. */
function keepShared(values: readonly Scalar[], other: readonly Scalar[]): Scalar[] {
  if (other.length > SEARCH_LIMIT) {
    const set = new Set(other);
    return values.filter((value) => set.has(value));
  }
  return values.filter((value) => holds(other, value));
}

function mergeIntersection(names: readonly string[], grids: readonly ParameterGrid[]): MergedParts {
  const parameters: [string, Scalar[]][] = [];
  const sources: [string, string[][]][] = [];
  const conflicts: MergeConflict[] = [];
  for (const [parameter, rawLists] of listsByParameter(grids)) {
    let lacking: string[] | undefined;
    for (let i = 0; i < rawLists.length; i++) if (rawLists[i] === undefined) (lacking ??= []).push(names[i]);
    if (lacking) {
      conflicts.push({
        parameter,
        kind: 'missing',
        reason: `"${parameter}" is not defined by ${listNames(lacking)}; intersection keeps only parameters every preset defines`,
        presets: lacking,
      });
      continue;
    }
    const lists = rawLists as readonly (readonly Scalar[])[];
    let common = distinct(lists[0]).slice();
    for (let i = 1; i < lists.length && common.length > 0; i++) common = keepShared(common, lists[i]);
    if (common.length > 0) {
      parameters.push([parameter, common]);
      sources.push([parameter, common.map(() => [...names])]);
      continue;
    }
    const values: Record<string, readonly Scalar[]> = {};
    const described = new Array<string>(names.length);
    for (let i = 0; i < names.length; i++) {
      const list = distinct(lists[i]);
      // Plain assignment of "__proto__" would set the prototype instead of adding the key.
      if (names[i] === '__proto__')
        Object.defineProperty(values, names[i], { value: list, enumerable: true, writable: true, configurable: true });
      else values[names[i]] = list;
      described[i] = names[i] + ': ' + formatScalarList(list);
    }
    conflicts.push({
      parameter,
      kind: 'empty_intersection',
      reason: `"${parameter}" has no value common to all presets (${described.join('; ')})`,
      values,
    });
  }
  return { parameters, sources, conflicts };
}

function mergeLastWins(names: readonly string[], grids: readonly ParameterGrid[]): MergedParts {
  const parameters: [string, Scalar[]][] = [];
  const sources: [string, string[][]][] = [];
  const conflicts: MergeConflict[] = [];
  for (const [parameter, lists] of listsByParameter(grids)) {
    let winner = -1;
    let winnerRaw: readonly Scalar[] = [];
    let winnerValues: readonly Scalar[] = [];
    // The winner's list as text, kept from one conflict to the next: each list is formatted once.
    let winnerText: string | undefined;
    for (let i = 0; i < lists.length; i++) {
      const raw = lists[i];
      if (raw === undefined) continue;
      // The same list as the winner's is no conflict (and needs no repeats removed to know it).
      if (winner >= 0 && !sameScalarList(winnerRaw, raw)) {
        const values = distinct(raw);
        if (!sameScalarList(winnerValues, values)) {
          const previousText = winnerText ?? formatScalarList(winnerValues);
          const text = formatScalarList(values);
          conflicts.push({
            parameter,
            kind: 'overridden',
            // One flat string (see formatScalarList): 86,116 of these in the benchmark's merge.
            reason: [
              names[i],
              ' sets "',
              parameter,
              '" to ',
              text,
              ', replacing ',
              previousText,
              ' from ',
              names[winner],
            ].join(''),
            preset: names[winner],
            overridden_by: names[i],
            previous_values: winnerValues,
            new_values: values,
          });
          winnerText = text;
        }
        winnerValues = values;
      } else if (winner < 0) {
        winnerValues = distinct(raw);
      }
      // An identical list formats to the same text: winnerText stays right.
      winner = i;
      winnerRaw = raw;
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
    warnings: [
      `The presets are written for different runtimes: ${parts.join(' and ')}; a server takes only one runtime's flags.`,
    ],
  };
}

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
