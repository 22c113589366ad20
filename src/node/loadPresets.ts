/** Loads presets from disk into a catalog: the bundled system presets and the files under folders. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalyzeOptions, PresetAnalysis } from '../core/analyze';
import { PresetCatalog } from '../core/catalog';
import { findPresetFiles } from './findPresetFiles';
import { analyzePresetFile } from './readPresetFile';

export { analyzePresetFile } from './readPresetFile';

/** The bundled system presets' folder: `presets/` next to `dist/`. */
export function systemPresetsFolder(): string {
  return path.resolve(__dirname, '..', 'presets');
}

/**
 * A catalog of the system presets plus every preset file under `roots`. Labels are relative to `cwd`.
 * With `diagnosticsOnly`, the workspace entries keep what diagnostics need (name, range, category,
 * problems) but not the presets themselves: enough for `validate`, and thousands of parsed presets are
 * not kept alive for nothing.
 */
export function loadCatalog(
  roots: readonly string[],
  options: {
    cwd?: string;
    includeSystem?: boolean;
    diagnosticsOnly?: boolean;
    /** Rules beyond the built-in ones, for every file (the runtime flag checks, say). */
    rules?: AnalyzeOptions['rules'];
  } = {},
): PresetCatalog {
  const catalog = new PresetCatalog();
  const cwd = options.cwd ?? process.cwd();
  if (options.includeSystem !== false) {
    const folder = systemPresetsFolder();
    for (const file of fs
      .readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const full = path.join(folder, file);
      catalog.set({
        id: full,
        label: `system preset ${file}`,
        origin: 'system',
        analysis: analyzePresetFile(full, 'system', undefined, options.rules),
      });
    }
  }
  const seen = new Set<string>();
  // path.relative for each of thousands of files costs more than reading them: files under cwd just lose its prefix.
  const base = path.resolve(cwd);
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  const labelOf = (file: string): string =>
    file.startsWith(prefix) && file.length > prefix.length
      ? file.slice(prefix.length)
      : path.relative(cwd, file) || file;
  for (const root of roots) {
    for (const file of findPresetFiles(root)) {
      if (seen.has(file)) continue;
      seen.add(file);
      const analysis = analyzePresetFile(file, 'workspace', undefined, options.rules);
      catalog.set({
        id: file,
        label: labelOf(file),
        origin: 'workspace',
        analysis: options.diagnosticsOnly ? withoutPreset(analysis) : analysis,
      });
    }
  }
  return catalog;
}

function withoutPreset(analysis: PresetAnalysis): PresetAnalysis {
  const { name, nameRange, category, isEnvelope, diagnostics } = analysis;
  return { name, nameRange, category, isEnvelope, diagnostics };
}
