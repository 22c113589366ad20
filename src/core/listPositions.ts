/**
 * Where a preset's list values are written in its file. A preset's lists hold each value once (the rules drop
 * a list's repeats with a warning), so after a repeat a value's position in the preset is not its position in
 * the text: `"tp-size": [1, 1, 2]` is the preset's `[1, 2]`, its 2 written at `[2]`.
 *
 * The one policy: a position held with a preset (a rule's problem, a flag value's token, a written number) is
 * the preset's; a path into the text (a diagnostic's, one to locate) is the text's; they are translated here,
 * both ways, and nowhere else. Each preset value stands for its first occurrence in the text. A preset whose
 * lists repeat nothing carries no positions, and its paths are the text's as they are.
 */
import type { JsonPath } from './jsonText';
import type { Preset, Scalar } from './model';

/** What the translation needs of a preset. */
export type PositionedPreset = Pick<Preset, 'textPositions'>;

/**
 * A list without its repeats and, for each value kept, its position in the list: the first occurrence.
 * Values compare as in a Set (SameValueZero: 0 equals -0), as `distinctScalars` compares them.
 */
export function distinctWithPositions(values: readonly Scalar[]): { values: Scalar[]; positions: number[] } {
  const seen = new Set<Scalar>();
  const distinct: Scalar[] = [];
  const positions: number[] = [];
  values.forEach((value, i) => {
    if (seen.has(value)) return;
    seen.add(value);
    distinct.push(value);
    positions.push(i);
  });
  return { values: distinct, positions };
}

/** The position in the text of the value at `index` of the preset's list `key`. */
export function textIndex(preset: PositionedPreset, key: string, index: number): number {
  const positions = preset.textPositions;
  if (positions === undefined || !Object.hasOwn(positions, key)) return index;
  return positions[key]![index] ?? index;
}

/** The position in the preset's list `key` of the value written at `index` of the text; undefined for a repeat. */
export function presetIndex(preset: PositionedPreset, key: string, index: number): number | undefined {
  const positions = preset.textPositions;
  if (positions === undefined || !Object.hasOwn(positions, key)) return index;
  const at = positions[key]!.indexOf(index);
  return at < 0 ? undefined : at;
}

/** A path in the preset (`["parameters", key, index, …]`) as the path of the same value in the text. */
export function toTextPath(preset: PositionedPreset, path: JsonPath): JsonPath {
  if (preset.textPositions === undefined || !isValuePath(path)) return path;
  const index = textIndex(preset, path[1] as string, path[2] as number);
  return index === path[2] ? path : [path[0], path[1], index, ...path.slice(3)];
}

/** A path in the text as the path in the preset of the value it writes; undefined for a repeat, which the preset drops. */
export function fromTextPath(preset: PositionedPreset, path: JsonPath): JsonPath | undefined {
  if (preset.textPositions === undefined || !isValuePath(path)) return path;
  const index = presetIndex(preset, path[1] as string, path[2] as number);
  if (index === undefined) return undefined;
  return index === path[2] ? path : [path[0], path[1], index, ...path.slice(3)];
}

function isValuePath(path: JsonPath): boolean {
  return path.length >= 3 && path[0] === 'parameters' && typeof path[2] === 'number';
}
