/**
 * Convert to vLLM… / Convert to SGLang…: a new workspace preset from a preset of the other runtime, each
 * flag and value mapped through the counterpart table (`convertPreset`). Written like New and Duplicate:
 * atomically, under a free name, into the presets folder; then shown in the tree and opened.
 */
import vscode = require('vscode');
import { serializePresetFile, uniquePresetName, withName } from '../../core/exchange';
import type { Runtime } from '../../core/model';
import type { Conversion } from '../../core/runtime/convert';
import { UserFacingError } from '../errors';
import { requireTrust, writeFileAtomic } from '../fileStore';
import { Notify } from '../notifications';
import { displayName } from '../presetTreeModel';
import { Settings } from '../settings';
import { commandArgs } from './args';
import { type CommandHandler } from './register';
import type { CommandDeps, Targets } from './targets';

export interface ConvertOptions {
  /** The new preset's name; default "<name> (vLLM)" or "(SGLang)", made unique. */
  readonly name?: string;
  readonly folder?: vscode.Uri;
}

export function convertCommands(deps: CommandDeps, targets: Targets): Record<string, CommandHandler> {
  const { index } = deps;
  const { onePreset, usablePreset, folderFor, newPresetFileUri, revealInTree, openPreset } = targets;

  const convertTo =
    (to: Runtime) =>
    async (...args: unknown[]): Promise<vscode.Uri> => {
      // The runtime code is a bundle of its own, loaded on first need (see flagEngine.ts).
      const { RUNTIME_LABELS, otherRuntime, convertPreset, describeConversion } =
        deps.mergePreview.runtimeKnowledge.engine();
      const label = RUNTIME_LABELS[to];
      requireTrust(`convert a preset to ${label}`);
      const { target, options } = commandArgs<ConvertOptions>(args);
      const source = await onePreset(
        target,
        `Convert to ${label}: which preset?`,
        (entry) => index.usablePreset(entry.id) !== undefined && index.usablePreset(entry.id)?.runtime !== to,
      );
      const preset = usablePreset(source);
      if (preset.runtime === to) throw new UserFacingError(`"${preset.name}" is a ${label} preset already.`);
      const from = preset.runtime ?? otherRuntime(to);
      const versions = Settings.runtimeVersions();
      let conversion: Conversion;
      try {
        const catalogs = deps.mergePreview.runtimeKnowledge.catalogs();
        conversion = convertPreset(preset, to, {
          counterparts: catalogs.counterparts(),
          fromIndex: catalogs.select(from, { ...(versions[from] ? { setting: versions[from] } : {}) }).index,
          toIndex: catalogs.select(to, { ...(versions[to] ? { setting: versions[to] } : {}) }).index,
        });
      } catch (error) {
        throw new UserFacingError(`Cannot convert "${preset.name}": ${(error as Error).message}.`);
      }
      if (Object.keys(conversion.preset.parameters).length === 0)
        throw new UserFacingError(
          `Nothing of "${preset.name}" has a ${label} counterpart (${describeConversion(conversion.report)}); no preset was written.`,
        );
      const name = options?.name?.trim() || uniquePresetName(conversion.preset.name, (taken) => index.hasName(taken));
      if (index.hasName(name))
        throw new UserFacingError(`A preset named "${name}" already exists; choose another name.`);
      const converted = withName(conversion.preset, name);
      const folder = await folderFor(options?.folder ?? source.folder?.uri, `Convert to ${label}`);
      const uri = await newPresetFileUri(folder, name);
      await writeFileAtomic(uri, serializePresetFile(converted), {
        exclusive: true,
        action: `convert "${displayName(source)}" to ${label}`,
      });
      await index.reload(uri);
      await revealInTree(uri);
      if (!options) await openPreset(uri);
      const report = describeConversion(conversion.report);
      void Notify.info(
        `Converted "${preset.name}" to ${label} as "${name}" (${vscode.workspace.asRelativePath(uri)}). ${
          report
            ? `${capitalize(report)}; listed in the file's metadata.conversion.`
            : 'Every flag and value carried over exactly.'
        }`,
      );
      return uri;
    };

  return {
    'parameterPresets.convertToVllm': convertTo('vllm'),
    'parameterPresets.convertToSglang': convertTo('sglang'),
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
