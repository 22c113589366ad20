/** `presets apply`: write a merge into a task file's `parameters`, as the extension's Apply to Task does (SPEC §4). */
import { TaskApplyRefusal, taskAfterEdit, taskParametersEdit, type ApplyMode } from '../core/task';
import { gridSize } from '../core/grid';
import { gridWarnings } from '../core/runtime/applyWarnings';
import { taskCut } from '../core/runtime/taskRuns';
import type { TextEdit } from '../core/textEdit';
import { mergedValueTokens } from '../core/runtime/valueTokens';
import { escapeTerminalMessage, terminalText } from '../core/terminalText';
import { FileChangedError, writeFileAtomic } from '../node/atomicWrite';
import { checkGrid, readTask, tokenSources } from './knowledge';
import { bundledCatalogs } from './runtimeOptions';
import {
  type CliIo,
  type Command,
  dirOption,
  EXIT_OK,
  helpOption,
  invalid,
  loadWorkspaceCatalog,
  mergeResolved,
  mergeStrategy,
  type ParsedArgs,
  resolveDir,
  resolvePreset,
  strategyOption,
  stringOption,
  usageError,
} from './shared';

export const applyCommand: Command = {
  summary: "Write merged presets into an autotuner task file's parameters",
  usage: `presets apply --task FILE [--mode replace|union] [--strategy S] [--dir D] PRESET…

  --task FILE  the task file (JSON with "task_name" and "parameters"); only "parameters" changes,
               the rest of the file stays byte for byte
  --mode       replace (default) the task's parameters, or union: keep the task's own entries as written
               and add the merge's values to their lists (lists and {"type": "choice", "values": […]}
               alike); refused when the merge sets an entry of another form
  --strategy   union (default), intersection or last_wins, to merge the presets
  --dir D      folder to resolve names in (default: current folder); system presets always count
Warns when the grid has more runs than the task's max_iterations, when max_iterations is no positive
whole number, when its base_runtime differs from the presets' runtime, and about the grid's flag problems
in the catalog of the task's image tag. Refuses a task file that changed while it was being written, or that writes
"parameters" twice.`,
  options: {
    task: { type: 'string', short: 't' },
    mode: { type: 'string', short: 'm' },
    ...strategyOption,
    ...dirOption,
    ...helpOption,
  },
  run: runApply,
};

function runApply(args: ParsedArgs, io: CliIo): number {
  const strategy = mergeStrategy(args, 'apply');
  const mode = stringOption(args, 'mode') ?? 'replace';
  if (mode !== 'replace' && mode !== 'union')
    throw usageError(terminalText`--mode must be replace or union, got "${mode}"`, 'apply');
  const taskArgument = stringOption(args, 'task');
  if (taskArgument === undefined) throw usageError('--task FILE is required', 'apply');
  if (args.positionals.length === 0) throw usageError('name at least one preset to apply', 'apply');
  const dir = resolveDir(args, io);
  const task = readTask(taskArgument, io, 'apply', 'write back');
  const catalog = loadWorkspaceCatalog([dir], dir, io);
  const resolved = args.positionals.map((argument) => resolvePreset(catalog, argument, dir, io));
  const result = mergeResolved(
    resolved.map((r) => r.preset),
    strategy,
    'apply',
  );
  for (const warning of result.warnings) io.stderr(`presets apply: warning: ${escapeTerminalMessage(warning)}\n`);

  let edit: TextEdit;
  try {
    // The merge holds values: its numbers are written back as the presets' files write them (4.0, not 4).
    const tokens = mergedValueTokens(result.parameters, result.sources, tokenSources(resolved));
    edit = taskParametersEdit(task.text, result.parameters, mode as ApplyMode, tokens);
  } catch (error) {
    if (error instanceof TaskApplyRefusal)
      throw invalid(
        terminalText`presets apply: ${task.label}: ` + escapeTerminalMessage(error.message) + '; nothing was written',
      );
    throw error;
  }
  // What the task runs is what the file holds afterwards: in union mode, its own values too.
  const { text, parameters, tokens: written } = taskAfterEdit(task.text, edit);
  const after = gridSize(parameters);
  // The task's own warnings were told when it was read; these are Apply to Task's, in its words.
  for (const warning of gridWarnings(after, result.runtime, task.context))
    io.stderr(terminalText`presets apply: warning: ${task.label}: ` + escapeTerminalMessage(warning) + '\n');
  const own = task.context.runtime;
  // The checks the task will meet, on the grid it will hold (as Apply to Task's question counts the runs that
  // would fail): its base_runtime's catalog at its image tag.
  const catalogs = bundledCatalogs();
  const checks = checkGrid(parameters, own ?? result.runtime, {
    catalogs,
    versions: {},
    task: task.context,
    tokens: written,
  });
  for (const note of checks.notes) io.stderr(terminalText`presets apply: note: ${note}` + '\n');
  for (const problem of checks.problems)
    io.stderr(`presets apply: warning: ${escapeTerminalMessage(problem.message)}\n`);
  try {
    writeFileAtomic(task.file, task.bom + text, { expected: task.bytes });
  } catch (error) {
    if (error instanceof FileChangedError)
      throw invalid(terminalText`presets apply: ${task.label} changed while it was being written; nothing was written`);
    throw error;
  }
  io.stdout(
    terminalText`Applied ${result.applied_presets.join(' + ')} to ${task.label} (${mode}): ` +
      `${taskCut(after, task.context).sentence}\n`,
  );
  return EXIT_OK;
}
