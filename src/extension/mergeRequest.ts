/** What a merge needs from the extension: presets in order and a strategy. */
import { formatCount, formatRunCount, gridSize } from '../core/grid';
import { mergePresets } from '../core/merge';
import type { MergeResult, MergeStrategy, Preset } from '../core/model';
import { UserFacingError } from './errors';
import type { IndexedPreset, PresetIndex } from './presetIndex';
import { Settings } from './settings';
import { Notify } from './notifications';

export interface MergeRequest {
  /** Index entry ids, in merge order. */
  readonly entryIds: readonly string[];
  readonly strategy: MergeStrategy;
}

/** The usable presets of entries, or a readable error naming the ones that cannot be merged. */
export function usablePresets(index: PresetIndex, entries: readonly IndexedPreset[]): Preset[] {
  const broken = entries.filter((entry) => !index.usablePreset(entry.id));
  if (broken.length > 0) {
    const reasons = broken.map((entry) => {
      const error = index.diagnosticsOf(entry.id).find((d) => d.severity === 'error');
      return `${entry.label}${error ? ` (line ${error.range.start.line + 1}: ${error.message})` : ''}`;
    });
    throw new UserFacingError(`Cannot merge: ${reasons.join('; ')}. Fix the errors shown in the Problems panel first.`);
  }
  return entries.map((entry) => index.usablePreset(entry.id)!);
}

/** Runs a merge request against the current index. */
export function runMerge(index: PresetIndex, request: MergeRequest): MergeResult {
  const entries = request.entryIds.map((id) => {
    const entry = index.get(id);
    if (!entry) throw new UserFacingError('A preset of this merge no longer exists; choose the presets again.');
    return entry;
  });
  return mergePresets(usablePresets(index, entries), request.strategy);
}

/** Warns when a merged grid has more runs than the threshold setting. */
export function warnAboutGridSize(result: MergeResult): void {
  const threshold = Settings.gridSizeWarningThreshold();
  if (result.grid_size > threshold) {
    void Notify.warning(
      `The merged grid has ${formatRunCount(gridSize(result.parameters))}, more than the ${formatCount(threshold)} of the "parameterPresets.gridSizeWarningThreshold" setting.`,
    );
  }
}
