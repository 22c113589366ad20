/** Autotuner task files in the workspace, and applying a merged grid to one (SPEC §4). */
import { parseTree } from 'jsonc-parser';
import vscode = require('vscode');
import { readTaskContext, type TaskContext } from '../core/runtime/taskRuns';
import { SKIPPED_FOLDERS_GLOB } from '../core/skippedFolders';
import {
  TaskApplyRefusal,
  readTaskFile,
  taskAfterEdit,
  taskParametersEdit,
  type ApplyMode,
  type EditedTask,
} from '../core/task';
import type { TextEdit } from '../core/textEdit';
import type { ParameterGrid } from '../core/model';
import type { ValueTokens } from '../core/runtime/pythonStr';
import { jsonNodeValue } from '../core/values';
import { UserFacingError } from './errors';
import { requireTrust } from './fileStore';

export interface TaskFileRef {
  readonly uri: vscode.Uri;
  readonly taskName: string;
}

const MAX_CANDIDATES = 5000;
const MAX_TASK_FILE_BYTES = 2 * 1024 * 1024;

/** JSON files of the workspace that are autotuner tasks (`task_name` and `parameters`). */
export async function findTaskFiles(token?: vscode.CancellationToken): Promise<TaskFileRef[]> {
  const uris = await vscode.workspace.findFiles('**/*.json', SKIPPED_FOLDERS_GLOB, MAX_CANDIDATES, token);
  const tasks: TaskFileRef[] = [];
  for (const uri of uris) {
    if (token?.isCancellationRequested) break;
    if (uri.path.endsWith('.preset.json')) continue;
    try {
      const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
      let text: string;
      if (open) text = open.getText();
      else {
        if ((await vscode.workspace.fs.stat(uri)).size > MAX_TASK_FILE_BYTES) continue;
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      }
      // Cheap test first: most JSON files are not tasks.
      if (!text.includes('"task_name"')) continue;
      const task = readTaskFile(text);
      if (task) tasks.push({ uri, taskName: task.taskName });
    } catch {
      // An unreadable file is simply not a task.
    }
  }
  return tasks.sort((a, b) => a.uri.path.localeCompare(b.uri.path));
}

/** A task as its runs depend on it: its name and its model, runtime, image tag and optimization settings. */
export interface TaskInfo {
  readonly uri: vscode.Uri;
  readonly taskName: string;
  readonly context: TaskContext;
  /** The text it was read from: what Apply would edit. */
  readonly text: string;
}

/**
 * Reads a task file as it is now (an open editor's text, saved or not); throws a UserFacingError naming the
 * file when it is not a task.
 */
export async function readTaskInfo(uri: vscode.Uri): Promise<TaskInfo> {
  let text: string;
  try {
    text = (await vscode.workspace.openTextDocument(uri)).getText();
  } catch (error) {
    throw new UserFacingError(`Cannot read ${vscode.workspace.asRelativePath(uri)}: ${(error as Error).message}.`);
  }
  return taskInfoOf(uri, text);
}

/** The task in `text`; throws a UserFacingError naming the file when it is not a task. */
export function taskInfoOf(uri: vscode.Uri, text: string): TaskInfo {
  const task = readTaskFile(text);
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!task || !root)
    throw new UserFacingError(
      `${vscode.workspace.asRelativePath(uri)} is not an autotuner task file: it needs "task_name" and a "parameters" object.`,
    );
  return { uri, taskName: task.taskName, context: readTaskContext(jsonNodeValue(root), text), text };
}

/**
 * Writes a grid into a task file's `parameters` with one undoable edit that leaves the rest of the
 * file (comments, formatting, other fields) as it was; its numbers as `tokens` says the presets wrote them. Saves the file unless it already had unsaved
 * changes, which stay the user's to save. `confirm`, when given, is shown the grid the task will hold (in union
 * mode, with its own values) and may throw to stop; the edit is then made on the text as it is after it.
 */
export async function applyGridToTask(
  uri: vscode.Uri,
  grid: ParameterGrid,
  mode: ApplyMode,
  tokens?: ValueTokens,
  confirm?: (after: EditedTask) => Promise<void>,
): Promise<vscode.TextDocument> {
  requireTrust('apply the merge to a task');
  const document = await vscode.workspace.openTextDocument(uri);
  const editOf = (text: string): TextEdit => {
    try {
      return taskParametersEdit(text, grid, mode, tokens);
    } catch (error) {
      const where = vscode.workspace.asRelativePath(uri);
      if (error instanceof TaskApplyRefusal)
        throw new UserFacingError(`Cannot apply to ${where}: ${error.message}. Nothing was changed.`);
      throw new UserFacingError(
        `Cannot apply to ${where}: ${(error as Error).message}. Fix the file's JSON and try again.`,
      );
    }
  };
  if (confirm) {
    const text = document.getText();
    await confirm(taskAfterEdit(text, editOf(text)));
  }
  // Read after the question: the file may have changed while it was asked.
  const wasDirty = document.isDirty;
  const edit = editOf(document.getText());
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(
    uri,
    new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length)),
    edit.newText,
  );
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) {
    throw new UserFacingError(
      `VS Code refused the edit to ${vscode.workspace.asRelativePath(uri)}; nothing was changed.`,
    );
  }
  if (!wasDirty) await document.save();
  return document;
}
