/**
 * Every command, registered in one place, each under the wrapper of ./register.ts (which also states the
 * argument convention all commands follow). The commands themselves live by area in this folder.
 */
import { convertCommands } from './convert';
import { exchangeCommands } from './exchange';
import { fileCommands } from './files';
import { mergeCommands } from './merge';
import { commandRegistrar, type CommandHandler } from './register';
import { createTargets, type CommandDeps } from './targets';
import { taskCommands } from './tasks';
import { viewCommands } from './view';

export type { CommandDeps } from './targets';
export type { MergeOptions } from './merge';
export type { NewPresetOptions } from './files';
export type { ImportOptions } from './exchange';
export type { ApplyToTaskOptions } from './tasks';
export type { ConvertOptions } from './convert';

/** The title each command's messages use: "<title> failed: …". */
const TITLES: Record<string, string> = {
  'parameterPresets.merge': 'Merge Presets',
  'parameterPresets.mergeWith': 'Merge With',
  'parameterPresets.newPreset': 'New Preset',
  'parameterPresets.duplicate': 'Duplicate to Workspace',
  'parameterPresets.rename': 'Rename Preset',
  'parameterPresets.delete': 'Delete Preset',
  'parameterPresets.revealInExplorer': 'Reveal in Explorer',
  'parameterPresets.refresh': 'Refresh',
  'parameterPresets.export': 'Export Preset',
  'parameterPresets.import': 'Import Presets',
  'parameterPresets.compare': 'Compare Two Presets',
  'parameterPresets.applyToTask': 'Apply to Task',
  'parameterPresets.filter': 'Filter Presets',
  'parameterPresets.clearFilter': 'Clear Filter',
  'parameterPresets.showLog': 'Show Log',
  'parameterPresets.open': 'Open Preset',
  'parameterPresets.convertToVllm': 'Convert to vLLM',
  'parameterPresets.convertToSglang': 'Convert to SGLang',
};

export function registerCommands(deps: CommandDeps): void {
  const register = commandRegistrar(deps.context, () => deps.index.ensureStarted());
  const targets = createTargets(deps);
  const handlers: Record<string, CommandHandler> = {
    ...mergeCommands(deps, targets),
    ...fileCommands(deps, targets),
    ...exchangeCommands(deps, targets),
    ...taskCommands(deps, targets),
    ...convertCommands(deps, targets),
    ...viewCommands(deps),
  };
  for (const [id, title] of Object.entries(TITLES)) {
    const handler = handlers[id];
    if (!handler) throw new Error(`No handler for the command ${id}`);
    register(id, title, handler);
  }
}
