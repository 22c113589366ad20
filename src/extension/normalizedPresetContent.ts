/** Read-only documents with a preset's normalized JSON, for "Compare Two Presets" in the diff editor. */
import vscode = require('vscode');
import { serializePresetFile } from '../core/exchange';
import type { Preset } from '../core/model';
import type { PresetIndex } from './presetIndex';

export const NORMALIZED_SCHEME = 'parameter-presets-normalized';

/** The preset with its parameters in name order, so the diff shows what differs, not how it is written. */
export function normalizedPresetText(preset: Preset): string {
  const parameters = Object.fromEntries(Object.entries(preset.parameters).sort(([a], [b]) => a.localeCompare(b)));
  return serializePresetFile({ ...preset, parameters });
}

export class NormalizedPresetContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly index: PresetIndex) {}

  static uriFor(entryId: string, name: string): vscode.Uri {
    return vscode.Uri.from({ scheme: NORMALIZED_SCHEME, path: `/${name}.json`, query: encodeURIComponent(entryId) });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const preset = this.index.get(decodeURIComponent(uri.query))?.analysis.preset;
    return preset ? normalizedPresetText(preset) : '// This preset has errors or no longer exists.\n';
  }
}
