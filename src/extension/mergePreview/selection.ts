/**
 * The Merge Preview's selection: which presets, in which order, each with its color. Pure functions
 * over plain data (no `vscode`), so the message handling can be tested and fuzzed in plain Node.
 * Every change returns a new selection, or undefined when the request does not fit the current one.
 */
import { CHART_COLORS, type ChartColor } from '../../shared/mergePreviewProtocol';

export interface SelectionEntry {
  /** The preset index's entry id (a URI). */
  readonly id: string;
  /** The name last seen, kept so a deleted or broken preset still has a label. */
  readonly name: string;
  /** Color slot: stays with the preset when the order changes, so a preset keeps its color. */
  readonly slot: number;
}

export type Selection = readonly SelectionEntry[];

/** The chart color of a slot; slots past the palette reuse it (the position number tells them apart). */
export function slotColor(slot: number): ChartColor {
  return CHART_COLORS[slot % CHART_COLORS.length];
}

/** A selection from presets in merge order; repeated ids are kept once. */
export function createSelection(presets: readonly { id: string; name: string }[]): Selection {
  return appendToSelection([], presets);
}

/** Adds presets at the end, skipping ones already selected; each gets the first free color slot. */
export function appendToSelection(selection: Selection, presets: readonly { id: string; name: string }[]): Selection {
  const result = [...selection];
  for (const { id, name } of presets) {
    if (result.some((entry) => entry.id === id)) continue;
    const used = new Set(result.map((entry) => entry.slot));
    let slot = 0;
    while (used.has(slot)) slot++;
    result.push({ id, name, slot });
  }
  return result;
}

/** The selection in a new order, or undefined unless `ids` names every selected preset exactly once. */
export function reorderSelection(selection: Selection, ids: readonly string[]): Selection | undefined {
  if (ids.length !== selection.length || new Set(ids).size !== ids.length) return undefined;
  const reordered = ids.map((id) => selection.find((entry) => entry.id === id));
  if (reordered.some((entry) => entry === undefined)) return undefined;
  const result = reordered as SelectionEntry[];
  return result.every((entry, i) => entry === selection[i]) ? selection : result;
}

/** The selection without one preset, or undefined when it is not selected. */
export function removeFromSelection(selection: Selection, id: string): Selection | undefined {
  return selection.some((entry) => entry.id === id) ? selection.filter((entry) => entry.id !== id) : undefined;
}

/** The same selection with names updated (a preset was renamed); the same object when nothing changed. */
export function renameInSelection(selection: Selection, nameOf: (id: string) => string | undefined): Selection {
  let changed = false;
  const result = selection.map((entry) => {
    const name = nameOf(entry.id);
    if (name === undefined || name === entry.name) return entry;
    changed = true;
    return { ...entry, name };
  });
  return changed ? result : selection;
}
