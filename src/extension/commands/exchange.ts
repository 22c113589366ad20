/** Moving presets in and out: Export Preset… and Import Presets…, in the autotuner's format. */
import vscode = require('vscode');
import { analyzePresetBytes, oversizeAnalysis, type PresetAnalysis } from '../../core/analyze';
import { exportFileName, serializeExport, serializePresetFile } from '../../core/exchange';
import { describeOwners, findImportClash, planImport, type ConflictChoice } from '../../core/importPlan';
import { UserFacingError, orCancel } from '../errors';
import { modificationTime, requireTrust, writeFileAtomic } from '../fileStore';
import { log } from '../log';
import { Notify } from '../notifications';
import type { IndexedPreset } from '../presetIndex';
import { Settings } from '../settings';
import { commandArgs } from './args';
import { type CommandHandler } from './register';
import type { CommandDeps, Targets } from './targets';

export interface ImportOptions {
  readonly uris: readonly vscode.Uri[];
  readonly folder?: vscode.Uri;
  /** What to do when a name exists, instead of asking. */
  readonly onConflict?: 'rename' | 'replace' | 'cancel';
}

export function exchangeCommands(deps: CommandDeps, targets: Targets): Record<string, CommandHandler> {
  const { index } = deps;
  const { usablePreset, onePreset, folderFor, newPresetFileUri, openPreset } = targets;

  const exportPreset = async (...args: unknown[]): Promise<vscode.Uri> => {
    const { target: first, options } = commandArgs<{ uri?: vscode.Uri }>(args);
    const entry = await onePreset(first, 'Export Preset: which preset?', (e) => index.usablePreset(e.id) !== undefined);
    const preset = usablePreset(entry);
    requireTrust('export a preset');
    const folder = entry.folder ?? vscode.workspace.workspaceFolders?.[0];
    const target =
      options?.uri ??
      orCancel(
        await vscode.window.showSaveDialog({
          title: `Export "${preset.name}" for the autotuner`,
          defaultUri: folder ? vscode.Uri.joinPath(folder.uri, exportFileName(preset.name)) : undefined,
          filters: { JSON: ['json'] },
          saveLabel: 'Export',
        }),
      );
    // The save dialog has already asked before replacing an existing file.
    await writeFileAtomic(target, serializeExport(preset), { action: `export "${preset.name}"` });
    if (!options) {
      void Notify.info(`Exported "${preset.name}" to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then(
        (choice) => {
          if (choice) void openPreset(target);
        },
      );
    }
    return target;
  };

  const importPresets = async (...args: unknown[]): Promise<vscode.Uri[]> => {
    requireTrust('import presets');
    const { options } = commandArgs<ImportOptions>(args);
    const sources =
      options?.uris ??
      orCancel(
        await vscode.window.showOpenDialog({
          title: 'Import Presets',
          canSelectMany: true,
          filters: { JSON: ['json'] },
          openLabel: 'Import',
        }),
      );
    const folder = await folderFor(options?.folder, 'Import Presets');
    const written: vscode.Uri[] = [];
    const skipped: string[] = [];
    for (const source of sources) {
      const label = source.path.slice(source.path.lastIndexOf('/') + 1);
      // Read like a preset file: strict UTF-8, and a file over the size limit is reported, not parsed.
      let analysis: PresetAnalysis;
      try {
        const { size } = await vscode.workspace.fs.stat(source);
        const limit = Settings.maxFileBytes();
        analysis =
          size > limit
            ? oversizeAnalysis(size, limit)
            : analyzePresetBytes(await vscode.workspace.fs.readFile(source), { origin: 'import' });
      } catch (error) {
        skipped.push(`${label}: cannot be read (${(error as Error).message})`);
        continue;
      }
      if (!analysis.preset) {
        const error = analysis.diagnostics.find((d) => d.severity === 'error')!;
        skipped.push(
          `${label}: line ${error.range.start.line + 1}, column ${error.range.start.character + 1}: ${error.message}`,
        );
        continue;
      }
      // The core decides what happens to a taken name; here the user is asked, and the plan carried out.
      const preset = analysis.preset;
      const clash = findImportClash(index, preset);
      let choice: ConflictChoice = 'fail';
      if (clash) {
        const answer =
          options?.onConflict ??
          (await askImportConflict(preset.name, clash.existing, clash.replaceable !== undefined));
        if (answer === 'cancel') {
          skipped.push(`${label}: "${preset.name}" already exists; skipped`);
          continue;
        }
        choice = answer;
      }
      const plan = planImport(index, preset, choice);
      if (plan.kind === 'refuse')
        throw new UserFacingError(`Cannot import ${label}: ${plan.reason}. Choose Rename instead.`);
      const target = plan.kind === 'replace' ? plan.target.uri : await newPresetFileUri(folder, plan.preset.name);
      // The file as it was when the user was asked: a change on disk since then must not be overwritten.
      const replaced = plan.kind === 'replace' ? (clash?.replaceable ?? plan.target) : undefined;
      const expectedMtime = replaced ? (replaced.mtime ?? (await modificationTime(replaced.uri))) : undefined;
      await writeFileAtomic(target, serializePresetFile(plan.preset), {
        exclusive: plan.kind === 'create',
        expectedMtime,
        action: `import ${label}`,
      });
      await index.reload(target);
      written.push(target);
    }
    if (skipped.length) {
      log().warn(`Import skipped:\n${skipped.join('\n')}`);
      void Notify.warning(`Not imported: ${skipped.join('; ')}`);
    }
    if (written.length && !options) {
      const names = written.map((uri) => vscode.workspace.asRelativePath(uri)).join(', ');
      void Notify.info(
        `Imported ${written.length === 1 ? 'a preset' : `${written.length} presets`}: ${names}.`,
        'Open',
      ).then((choice) => {
        if (choice) void openPreset(written[0]);
      });
    }
    return written;
  };

  const askImportConflict = async (
    name: string,
    existing: readonly IndexedPreset[],
    canReplace: boolean,
  ): Promise<'rename' | 'replace' | 'cancel'> => {
    const where = describeOwners(existing);
    const actions = canReplace ? ['Rename', 'Replace'] : ['Rename'];
    const choice = await vscode.window.showWarningMessage(
      `A preset named "${name}" already exists (${where}).`,
      {
        modal: true,
        detail: canReplace
          ? 'Rename imports it under a new name; Replace overwrites that file.'
          : 'Rename imports it under a new name.',
      },
      ...actions,
    );
    return choice === 'Rename' ? 'rename' : choice === 'Replace' ? 'replace' : 'cancel';
  };

  return {
    'parameterPresets.export': exportPreset,
    'parameterPresets.import': importPresets,
  };
}
