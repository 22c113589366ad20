/**
 * The API `activate()` returns to other extensions:
 *   const api = vscode.extensions.getExtension('inference-autotuner.parameter-presets')?.exports;
 */
import vscode = require('vscode');
import { gridSize } from '../core/grid';
import { mergePresets } from '../core/merge';
import type { MergeResult, MergeStrategy, ParameterGrid, Runtime } from '../core/model';
import { entryNamed } from './commands/targets';
import { usablePresets } from './mergeRequest';
import { entryCategory } from '../core/catalog';
import { displayName } from './presetTreeModel';
import type { PresetIndex } from './presetIndex';
import { Settings } from './settings';

export interface PresetSummary {
  readonly name: string;
  readonly description: string | null;
  readonly category: string;
  readonly runtime: Runtime | null;
  readonly origin: 'system' | 'workspace';
  /** The file (workspace presets) or the read-only view (system presets). */
  readonly uri: string;
  /** False when the file has errors; such a preset cannot be merged. */
  readonly valid: boolean;
  readonly parameters: ParameterGrid | null;
  readonly grid_size: number | null;
  readonly errors: number;
  readonly warnings: number;
}

export interface ParameterPresetsApi {
  readonly version: 1;
  /** Resolves once the workspace has been indexed. */
  ready(): Promise<void>;
  /** Every preset seen, system presets first, then by name. */
  listPresets(): Promise<PresetSummary[]>;
  /** Merges presets by name, in the order given; the strategy defaults to the user's setting. */
  mergePresets(names: readonly string[], strategy?: MergeStrategy): Promise<MergeResult>;
  /** Fires when presets are added, changed or removed. */
  readonly onDidChangePresets: vscode.Event<void>;
}

export function createApi(index: PresetIndex): ParameterPresetsApi {
  const emitter = new vscode.EventEmitter<void>();
  index.onDidChange(() => emitter.fire());
  return {
    version: 1,
    ready: () => index.whenIdle(),
    async listPresets() {
      await index.whenIdle();
      return index
        .entries()
        .sort((a, b) =>
          a.origin === b.origin ? displayName(a).localeCompare(displayName(b)) : a.origin === 'system' ? -1 : 1,
        )
        .map((entry) => {
          const preset = index.usablePreset(entry.id);
          const diagnostics = index.diagnosticsOf(entry.id);
          const errors = diagnostics.filter((d) => d.severity === 'error').length;
          return {
            name: displayName(entry),
            description: preset?.description ?? null,
            category: entryCategory(entry),
            runtime: preset?.runtime ?? null,
            origin: entry.origin,
            uri: entry.openUri.toString(),
            valid: preset !== undefined,
            parameters: preset?.parameters ?? null,
            grid_size: preset ? gridSize(preset.parameters).size : null,
            errors,
            warnings: diagnostics.length - errors,
          };
        });
    },
    async mergePresets(names, strategy) {
      await index.whenIdle();
      const entries = names.map((name) => entryNamed(index, name));
      return mergePresets(usablePresets(index, entries), strategy ?? Settings.defaultStrategy());
    },
    onDidChangePresets: emitter.event,
  };
}
