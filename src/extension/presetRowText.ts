/**
 * The words of a preset's tree row and tooltip. Pure (no `vscode`), so they are tested in plain Node;
 * the tree provider only puts them into tree items.
 */
import { formatRunCount, gridSize, plural } from '../core/grid';
import type { Preset } from '../core/model';

type RowPreset = Pick<Preset, 'runtime' | 'parameters'>;

/**
 * The row's description: the run count first, then the parameter count and the runtime. The sidebar
 * cuts a description from its end, so what a user compares rows by must come first.
 */
export function presetDescription(preset: RowPreset): string {
  const count = Object.keys(preset.parameters).length;
  return [formatRunCount(gridSize(preset.parameters)), plural(count, 'param'), preset.runtime ?? 'any runtime'].join(
    ' · ',
  );
}

/** The tooltip's line of facts, spelled out: "4 runs from 3 parameters · Runtime: sglang". */
export function presetFacts(preset: RowPreset): string {
  const count = Object.keys(preset.parameters).length;
  return `${formatRunCount(gridSize(preset.parameters))} from ${plural(count, 'parameter')} · Runtime: ${preset.runtime ?? 'any'}`;
}
