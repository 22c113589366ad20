/** Loads presets from disk into a catalog: the bundled system presets and the files under folders. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withoutPreset, type AnalyzeOptions } from '../core/analyze';
import { PresetCatalog } from '../core/catalog';
import { scanPresetFiles, type FindOptions, type FoundPresetFile, type SkippedPath } from './findPresetFiles';
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
 * not kept alive for nothing. A file is one preset however many links lead to it: it is listed once, under
 * its own path when that is found too. `onSkipped` is told of what the walk could not read.
 */
export function loadCatalog(
  roots: readonly string[],
  options: {
    cwd?: string;
    includeSystem?: boolean;
    diagnosticsOnly?: boolean;
    onSkipped?: (skipped: SkippedPath) => void;
    /** Paths the workspace's settings exclude, passed over by the walk (see {@link FindOptions}). */
    excluded?: FindOptions['excluded'];
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
  // path.relative for each of thousands of files costs more than reading them: files under cwd just lose its prefix.
  const base = path.resolve(cwd);
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  const labelOf = (file: string): string =>
    file.startsWith(prefix) && file.length > prefix.length
      ? file.slice(prefix.length)
      : path.relative(cwd, file) || file;
  const found = roots.flatMap((root) =>
    scanPresetFiles(root, { onSkipped: options.onSkipped, excluded: options.excluded }),
  );
  for (const file of oncePerFile(found)) {
    const analysis = analyzePresetFile(file, 'workspace', undefined, options.rules);
    catalog.set({
      id: file,
      label: labelOf(file),
      origin: 'workspace',
      analysis: options.diagnosticsOnly ? withoutPreset(analysis) : analysis,
    });
  }
  return catalog;
}

/**
 * Each file once, by real path: `latest.preset.json → v2.preset.json` is one preset, not two with the same
 * name. The file's own path wins over a link's; the order found is kept.
 */
function oncePerFile(files: readonly FoundPresetFile[]): string[] {
  const byReal = new Map<string, FoundPresetFile>();
  for (const file of files) {
    const kept = byReal.get(file.real);
    if (kept === undefined || (kept.viaLink && !file.viaLink)) byReal.set(file.real, file);
  }
  const chosen = new Set([...byReal.values()].map((file) => file.path));
  const paths: string[] = [];
  for (const file of files) if (chosen.delete(file.path)) paths.push(file.path);
  return paths;
}
