/** The extension's settings, read live (never cached) so a change applies at once. */
import vscode = require('vscode');
import { isMergeStrategy } from '../core/merge';
import { RUNTIMES, type MergeStrategy, type Runtime } from '../core/model';
import { readFlagProblemSeverity, type FlagProblemSeverity } from '../core/problemSeverity';

const SECTION = 'parameterPresets';

export const Settings = {
  defaultStrategy(): MergeStrategy {
    const value = vscode.workspace.getConfiguration(SECTION).get<string>('defaultStrategy');
    return isMergeStrategy(value) ? value : 'union';
  },
  /** The `presetsFolder` setting of a workspace folder, as written; the core's presetsFolderSegments reads it. */
  presetsFolder(folder: vscode.WorkspaceFolder): unknown {
    return vscode.workspace.getConfiguration(SECTION, folder.uri).get<unknown>('presetsFolder');
  },
  exclude(folder: vscode.WorkspaceFolder | undefined): string[] {
    return vscode.workspace.getConfiguration(SECTION, folder?.uri).get<string[]>('exclude') ?? [];
  },
  gridSizeWarningThreshold(): number {
    return vscode.workspace.getConfiguration(SECTION).get<number>('gridSizeWarningThreshold') ?? 1000;
  },
  maxFileBytes(): number {
    const megabytes = vscode.workspace.getConfiguration(SECTION).get<number>('maxFileSizeMB') ?? 5;
    return Math.max(1, Math.round(megabytes * 1024 * 1024));
  },
  /** Whether the merge and apply pickers list the presets merged most recently first (setting `recentFirst`). */
  recentFirst(): boolean {
    return vscode.workspace.getConfiguration(SECTION).get<boolean>('recentFirst') ?? true;
  },
  /** The flag catalog version asked for per runtime (setting `runtimeVersions`); unknown entries are dropped. */
  runtimeVersions(): Partial<Record<Runtime, string>> {
    const value = vscode.workspace.getConfiguration(SECTION).get<Record<string, unknown>>('runtimeVersions') ?? {};
    const versions: Partial<Record<Runtime, string>> = {};
    for (const runtime of RUNTIMES) {
      const version = value[runtime];
      if (typeof version === 'string' && version.trim()) versions[runtime] = version.trim();
    }
    return versions;
  },
  /** The severity of runtime-flag problems in preset editors (setting `flagProblemSeverity`), or `off`. */
  flagProblemSeverity(): FlagProblemSeverity {
    return readFlagProblemSeverity(vscode.workspace.getConfiguration(SECTION).get<unknown>('flagProblemSeverity'));
  },
  /** True when a change event touches how preset problems are shown (not what they are). */
  affectsProblemSeverity(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration('parameterPresets.flagProblemSeverity');
  },
  maxPresetFiles(): number {
    return vscode.workspace.getConfiguration(SECTION).get<number>('maxPresetFiles') ?? 20000;
  },
  /** `files.exclude` patterns that are switched on for a folder. */
  filesExclude(folder: vscode.WorkspaceFolder | undefined): string[] {
    const patterns =
      vscode.workspace.getConfiguration('files', folder?.uri).get<Record<string, unknown>>('exclude') ?? {};
    return Object.entries(patterns)
      .filter(([, enabled]) => enabled === true)
      .map(([glob]) => glob);
  },
  /** True when a change event touches settings the index depends on. */
  affectsIndex(event: vscode.ConfigurationChangeEvent): boolean {
    return [
      'parameterPresets.exclude',
      'parameterPresets.maxFileSizeMB',
      'parameterPresets.maxPresetFiles',
      'parameterPresets.runtimeVersions',
      'files.exclude',
    ].some((key) => event.affectsConfiguration(key));
  },
};
