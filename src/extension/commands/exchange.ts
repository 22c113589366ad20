/** Moving presets in and out: Export Preset… and Import Presets…, in the autotuner's format. */
import vscode = require('vscode');
import { exportFileName, serializeExport, serializePresetFile, withName } from '../../core/exchange';
import { describeOwners, findImportClash, planImport, type ConflictChoice } from '../../core/importPlan';
import { presetValueTokens } from '../../core/runtime/valueTokens';
import { UserFacingError, orCancel } from '../errors';
import { modificationTime, requireTrust, writeFileAtomic } from '../fileStore';
import { log } from '../log';
import { Notify } from '../notifications';
import { inputPresetName } from '../pickers';
import { readPresetUri, type IndexedPreset } from '../presetIndex';
import { presetTokenSources } from '../presetTokens';
import { commandArgs } from './args';
import { type CommandHandler } from './register';
import type { CommandDeps, Targets } from './targets';

export interface ImportOptions {
  readonly uris: readonly vscode.Uri[];
  readonly folder?: vscode.Uri;
  /** What to do when a name exists, instead of asking. */
  readonly onConflict?: 'rename' | 'replace' | 'cancel';
}

/** A file an import left out: its name, where the problem is (when known) and the whole reason. */
interface SkippedImport {
  readonly label: string;
  readonly where?: string;
  readonly reason: string;
}

export function exchangeCommands(deps: CommandDeps, targets: Targets): Record<string, CommandHandler> {
  const { index } = deps;
  const { usablePreset, onePreset, folderFor, newPresetFileUri, openPreset, revealInTree } = targets;

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
    // The preset's file says how its numbers are written (`2.0` stays a float for the autotuner's Python).
    const [source] = presetTokenSources(index, [entry.id]);
    const tokens = source && presetValueTokens(source);
    await writeFileAtomic(target, serializeExport(preset, tokens), { action: `export "${preset.name}"` });
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
    const replaced: vscode.Uri[] = [];
    const skipped: SkippedImport[] = [];
    // The first file that could not be read as a preset, and where: what "Show Problem" opens.
    let firstProblem: { uri: vscode.Uri; range?: vscode.Range } | undefined;
    for (const source of sources) {
      const label = source.path.slice(source.path.lastIndexOf('/') + 1);
      // Read like a preset file: strict UTF-8, and a file over the size limit is reported, not parsed.
      const read = await readPresetUri(source, { origin: 'import' });
      if (!read) {
        skipped.push({ label, reason: 'cannot be read (not a file)' });
        firstProblem ??= { uri: source };
        continue;
      }
      const analysis = read.analysis;
      if (!analysis.preset) {
        const error = analysis.diagnostics.find((d) => d.severity === 'error')!;
        const { start, end } = error.range;
        const where = `line ${start.line + 1}, column ${start.character + 1}`;
        skipped.push({ label, where, reason: `${where}: ${error.message}` });
        firstProblem ??= { uri: source, range: new vscode.Range(start.line, start.character, end.line, end.character) };
        continue;
      }
      // The core decides what happens to a taken name; here the user is asked, and the plan carried out.
      const preset = analysis.preset;
      const clash = findImportClash(index, preset);
      let choice: ConflictChoice = 'fail';
      let asked = false;
      if (clash) {
        asked = options?.onConflict === undefined;
        const answer =
          options?.onConflict ??
          (await askImportConflict(preset.name, clash.existing, clash.replaceable !== undefined));
        if (answer === 'cancel') {
          skipped.push({ label, reason: `"${preset.name}" already exists; skipped` });
          continue;
        }
        choice = answer;
      }
      const plan = planImport(index, preset, choice);
      if (plan.kind === 'refuse')
        throw new UserFacingError(`Cannot import ${label}: ${plan.reason}. Choose Rename instead.`);
      const action = `import ${label}`;
      if (plan.kind === 'replace') {
        // The file as it was when the user was asked: a change on disk since then must not be overwritten.
        const asRead = clash?.replaceable ?? plan.target;
        const expectedMtime = asRead.mtime ?? (await modificationTime(asRead.uri));
        await replaceUndoably(plan.target.uri, serializePresetFile(plan.preset), expectedMtime, action);
        await index.reload(plan.target.uri);
        written.push(plan.target.uri);
        replaced.push(plan.target.uri);
        continue;
      }
      // A user who chose Rename gets the proposed name to edit; automation takes the proposal.
      const name =
        asked && plan.renamedFrom !== undefined
          ? await inputPresetName(index, {
              title: `Import ${label}: name for the copy of "${plan.renamedFrom}"`,
              value: plan.preset.name,
            })
          : plan.preset.name;
      if (name === undefined) {
        skipped.push({ label, reason: `no new name was given for "${preset.name}"; skipped` });
        continue;
      }
      const target = await newPresetFileUri(folder, name);
      await writeFileAtomic(target, serializePresetFile(withName(plan.preset, name)), { exclusive: true, action });
      await index.reload(target);
      await revealInTree(target);
      written.push(target);
    }
    if (skipped.length) reportSkipped(skipped, firstProblem);
    if (written.length && !options) {
      const names = written.map((uri) => vscode.workspace.asRelativePath(uri)).join(', ');
      const undo = replaced.length ? ' Undo in the replaced file’s editor restores what it held.' : '';
      // A replaced file is shown, so that Undo is one keystroke away.
      if (replaced.length) await vscode.window.showTextDocument(replaced[0], { preview: false });
      void Notify.info(
        `Imported ${written.length === 1 ? 'a preset' : `${written.length} presets`}: ${names}.${undo}`,
        'Open',
      ).then((choice) => {
        if (choice) void openPreset(written[0]);
      });
    }
    return written;
  };

  /**
   * Overwrites a preset file as one edit of its document, so Undo restores what it held. Refused, like
   * every write, when the file has unsaved changes or changed on disk since the user was asked.
   */
  const replaceUndoably = async (
    uri: vscode.Uri,
    content: string,
    expectedMtime: number | undefined,
    action: string,
  ): Promise<void> => {
    requireTrust(action);
    const label = vscode.workspace.asRelativePath(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty)
      throw new UserFacingError(`Cannot ${action}: ${label} has unsaved changes. Save or revert it, then try again.`);
    // The document can lag the disk for a moment after a change there; it must hold what the disk holds
    // (line ends aside, which a document may normalize) for Undo to restore the right content.
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const sameText = (a: string, b: string): boolean => a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
    if (
      (expectedMtime !== undefined && (await modificationTime(uri)) !== expectedMtime) ||
      !sameText(onDisk, document.getText())
    )
      throw new UserFacingError(
        `Cannot ${action}: ${label} changed on disk after it was read, and was left as it is. Try again to use the new content.`,
      );
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      uri,
      new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)),
      content,
    );
    if (!(await vscode.workspace.applyEdit(edit)))
      throw new UserFacingError(`Cannot ${action}: VS Code refused to edit ${label}; nothing was changed.`);
    if (!(await document.save()))
      throw new UserFacingError(`Cannot ${action}: ${label} could not be saved; its editor holds the new content.`);
  };

  /**
   * A toast short enough to be read whole (file names and where), the full reasons a click away in a
   * dialog and in the log, and the first bad file opened at its error by another click.
   */
  const reportSkipped = (
    skipped: readonly SkippedImport[],
    problem: { uri: vscode.Uri; range?: vscode.Range } | undefined,
  ): void => {
    const lines = skipped.map(({ label, reason }) => `${label}: ${reason}`);
    log().warn(`Import skipped:\n${lines.join('\n')}`);
    const SHOW_PROBLEM = 'Show Problem';
    const DETAILS = 'Show Details';
    const summary =
      skipped.length === 1
        ? `Not imported: ${skipped[0].where ? `${skipped[0].label} has an error at ${skipped[0].where}.` : lines[0]}`
        : `Not imported: ${skipped.length} files (${skipped.map(({ label }) => label).join(', ')}).`;
    void Notify.warning(summary, ...(problem ? [SHOW_PROBLEM] : []), DETAILS).then((choice) => {
      if (choice === DETAILS)
        void vscode.window.showWarningMessage(summary, { modal: true, detail: lines.join('\n\n') });
      if (choice === SHOW_PROBLEM && problem)
        void vscode.window.showTextDocument(problem.uri, { preview: true, selection: problem.range });
    });
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
