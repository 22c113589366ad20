/** `presets runs`: the runs a merged grid launches, their server commands, GPUs and problems (SPEC §7). */
import { countRuns, formatCount, formatGridCount, formatRunCount, plural } from '../core/grid';
import type { MergeResult, Runtime } from '../core/model';
import { RUNTIME_LABELS } from '../core/runtime/catalog';
import type { FlagProblem } from '../core/runtime/flagChecks';
import { failingRuns, failingRunsSentence, gridRuns, problemsToldBefore, type GridRuns } from '../core/runtime/runs';
import { runsSummary, taskCut, unionRuns, type UnionRuns } from '../core/runtime/taskRuns';
import { mergedValueTokens } from '../core/runtime/valueTokens';
import { shellCommand } from '../core/shellQuote';
import { escapeTerminalMessage, escapeTerminalText, terminalText } from '../core/terminalText';
import { checkGrid, readTask, tokenSources, type ReadTask } from './knowledge';
import { RUNTIME_VERSION_USAGE, bundledCatalogs, parseRuntimeVersions, runtimeVersionOption } from './runtimeOptions';
import {
  type CliIo,
  type Command,
  dirOption,
  EXIT_OK,
  helpOption,
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

const DEFAULT_LIMIT = 20;

export const runsCommand: Command = {
  summary: 'Show the runs a merged grid launches: server commands, GPUs, problems, time',
  usage: `presets runs [--strategy S] [--dir D] [--task FILE] [--limit N] [--json] [--runtime-version R=V]… PRESET…

  PRESET       a preset name, or the path of a preset file; merged in the order given, as merge does
  --strategy   union (default), intersection or last_wins
  --dir D      folder to resolve names in (default: current folder); system presets always count
  --task FILE  an autotuner task: its model, base_runtime and runtime_image_tag (which picks the catalog),
               and how many runs it tries (max_iterations) for how long each (timeout_per_iteration)
  --limit N    show the first N runs (default ${DEFAULT_LIMIT}); 0 shows only the summary
  --json       print exactly one JSON object: runtime, total_runs, gpus, runs, task
  ${RUNTIME_VERSION_USAGE}
Runs are in the autotuner's order, the first parameter varying slowest; {port} is the port it picks.`,
  options: {
    ...strategyOption,
    ...dirOption,
    task: { type: 'string', short: 't' },
    limit: { type: 'string', short: 'n' },
    json: { type: 'boolean' },
    ...runtimeVersionOption,
    ...helpOption,
  },
  run: runRuns,
};

function runRuns(args: ParsedArgs, io: CliIo): number {
  const strategy = mergeStrategy(args, 'runs');
  const limit = parseLimit(stringOption(args, 'limit'));
  if (args.positionals.length === 0) throw usageError('name at least one preset', 'runs');
  const catalogs = bundledCatalogs();
  const versions = parseRuntimeVersions(args, 'runs', () => catalogs);
  const dir = resolveDir(args, io);
  const taskArgument = stringOption(args, 'task');
  const task = taskArgument === undefined ? undefined : readTask(taskArgument, io, 'runs', 'read');
  const catalog = loadWorkspaceCatalog([dir], dir, io);
  const resolved = args.positionals.map((argument) => resolvePreset(catalog, argument, dir, io));
  const result = mergeResolved(
    resolved.map((r) => r.preset),
    strategy,
    'runs',
  );
  for (const warning of result.warnings) io.stderr(`presets runs: warning: ${escapeTerminalMessage(warning)}\n`);

  const runtime = launchedRuntime(result, task, io);
  const tokens = mergedValueTokens(result.parameters, result.sources, tokenSources(resolved));
  const checks = checkGrid(result.parameters, runtime, { catalogs, versions, task: task?.context, tokens });
  for (const note of checks.notes) io.stderr(terminalText`presets runs: note: ${note}` + '\n');
  const runs = gridRuns(result.parameters, {
    runtime,
    model: task?.context.model ?? undefined,
    tokens,
    problems: checks.problems,
  });

  // What `presets apply --mode union` would leave the task to try, which its own values may change.
  const union = task && unionRuns(task.text, result.parameters, runs.count, task.context);
  if (args.values.json) {
    const summary = runsSummary(runs, {
      limit,
      task: task && { path: task.label, context: task.context, union },
    });
    io.stdout(JSON.stringify(summary, null, 2) + '\n');
    return EXIT_OK;
  }
  io.stdout(
    formatRuns(runs, {
      limit,
      task,
      checked: checks.checked,
      presets: result.applied_presets,
      problems: checks.problems,
      union,
    }) + '\n',
  );
  return EXIT_OK;
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(text.trim())) throw usageError(terminalText`--limit must be a whole number, got "${text}"`, 'runs');
  return Number(text.trim());
}

/**
 * The runtime whose server the runs start: the task's `base_runtime` when a task names one (that is
 * what the autotuner launches), else the presets'. A task for the other runtime is warned about.
 */
function launchedRuntime(result: MergeResult, task: ReadTask | undefined, io: CliIo): Runtime | null {
  const own = task?.context.runtime ?? null;
  if (own !== null && result.runtime !== null && own !== result.runtime)
    io.stderr(
      terminalText`presets runs: warning: ${task!.label} launches ${RUNTIME_LABELS[own]} (base_runtime), but the presets are for ${RUNTIME_LABELS[result.runtime]}` +
        '\n',
    );
  return own ?? result.runtime;
}

/** The runs for people: each run's number, GPUs and command line, its problems below it, then the summary. */
export function formatRuns(
  runs: GridRuns,
  options: {
    readonly limit: number;
    readonly task?: ReadTask;
    readonly checked: readonly string[];
    readonly presets: readonly string[];
    /** The grid's flag problems, as given to `gridRuns`. */
    readonly problems: readonly FlagProblem[];
    /** What the task tries after `presets apply --mode union`, when its own values change it. */
    readonly union?: UnionRuns;
  },
): string {
  const out: string[] = [];
  const server = runs.runtime ? RUNTIME_LABELS[runs.runtime] : 'any runtime (the task decides the server)';
  out.push(
    `Runs of ${options.presets.map(escapeTerminalText).join(' → ')}: ${server}, checked against ${options.checked.join(' and ')}`,
  );
  if (options.task) {
    const model = options.task.context.model;
    out.push(
      terminalText`Task: ${options.task.label}` +
        (model !== null ? terminalText`, model ${model}` : '') +
        (options.task.context.imageTag !== null ? terminalText`, image ${options.task.context.imageTag}` : ''),
    );
  }
  out.push('');
  const shown = [...runs.runs(0, options.limit)];
  const numberWidth = formatCount(shown.length > 0 ? shown[shown.length - 1]!.index + 1 : 1).length + 1;
  const gpuWidth = Math.max(...shown.map((run) => plural(run.gpus, 'GPU').length), 0);
  const toldBefore = problemsToldBefore(shown);
  shown.forEach((run, i) => {
    const mark = run.problems.length > 0 ? '✗' : ' ';
    out.push(
      `${mark} ${`#${formatCount(run.index + 1)}`.padEnd(numberWidth)}  ${plural(run.gpus, 'GPU').padEnd(gpuWidth)}  ${escapeTerminalText(shellCommand(run.command))}`,
    );
    const told = toldBefore[i];
    if (told !== undefined)
      out.push(`    would fail: as run #${formatCount(told + 1)} (${plural(run.problems.length, 'problem')})`);
    else for (const problem of run.problems) out.push(`    would fail: ${escapeTerminalMessage(problem.message)}`);
  });
  const more = countRuns(runs.exactTotal - BigInt(shown.length));
  if (more.size > 0) {
    out.push(
      `  … ${formatGridCount(more)} more ${more.exact && more.size === 1 ? 'run' : 'runs'} (--limit N shows more)`,
    );
  }
  if (shown.length > 0) out.push('');
  const gpus =
    runs.gpus.min === runs.gpus.max
      ? plural(runs.gpus.min, 'GPU')
      : `${formatCount(runs.gpus.min)}–${formatCount(runs.gpus.max)} GPUs`;
  const sentence = options.task ? taskCut(runs.count, options.task.context).sentence : formatRunCount(runs.count);
  out.push(`${sentence}; ${gpus} per run`);
  const failing = failingRunsSentence(runs, failingRuns(runs, options.problems));
  if (failing) out.push(`${failing} ✗ marks those shown.`);
  if (options.union)
    out.push(`In union mode (presets apply --mode union): ${escapeTerminalMessage(options.union.sentence)}`);
  return out.join('\n');
}
