/**
 * The Merge Preview's Runs section, as a view model: the runs the merged grid launches (a first batch of
 * them, never the whole grid), GPUs per run, the runs that would fail at launch, and, with a task chosen,
 * how many of the runs the task tries and how long it can take. Pure (no `vscode`), tested in plain Node.
 */
import { formatCount, formatRunCount, plural, type RunCount } from '../../core/grid';
import type { ParameterGrid, Runtime } from '../../core/model';
import { AUTOTUNER_DEFAULT_IMAGE_TAGS } from '../../core/runtime/catalog';
import { runtimeWarning } from '../../core/runtime/applyWarnings';
import {
  checkFlags,
  type FlagCheckOptions,
  type FlagProblem,
  type RuntimeToCheck,
} from '../../core/runtime/flagChecks';
import type { ValueTokens } from '../../core/runtime/pythonStr';
import { failingRuns, failingRunsSentence, gridRuns, problemsToldBefore, type GridRuns } from '../../core/runtime/runs';
import { shellCommand } from '../../core/shellQuote';
import { formatDuration, taskCut, unionRuns, type TaskContext } from '../../core/runtime/taskRuns';
import type { RunsTaskView, RunsView, RunView } from '../../shared/mergePreviewProtocol';
import { RUNS_BATCH } from './runsPaging';

/** Runs listed at first, and added by each "Show more". */
export { RUNS_BATCH };
/** Past this many listed runs the page stops offering more: `presets runs --limit N` lists any number. */
export const MAX_LISTED_RUNS = 1000;

/** The catalogs a grid is checked against, and how to name them. */
export interface RunsChecks {
  readonly runtimes: readonly RuntimeToCheck[];
  readonly options?: FlagCheckOptions;
  /** e.g. "SGLang 0.5.2", with the version choice's note when there is one. */
  readonly label: string;
}

export interface RunsInput {
  readonly parameters: ParameterGrid;
  /** How the presets' files write the grid's numbers (see core/runtime/valueTokens.ts): `1.0` stays a float. */
  readonly tokens?: ValueTokens;
  /** The presets' runtime (the merge's); null for presets of any runtime. */
  readonly runtime: Runtime | null;
  /** Undefined when no catalog could be read: the runs are listed unchecked. */
  readonly checks?: RunsChecks;
  /** How many runs to list (clamped to the batch and the maximum). */
  readonly listed: number;
  readonly task?: RunsTask;
}

/** The task chosen in the Runs section. */
export interface RunsTask {
  readonly location: string;
  readonly taskName: string;
  readonly context: TaskContext;
  /** The task file's text, for the grid Apply's union mode would leave it (its own values too). */
  readonly text?: string;
}

export interface RunsSection {
  readonly view: RunsView;
  readonly runs: GridRuns;
}

/** The runtime whose server the runs launch: the task's `base_runtime`, else the presets'. */
export function launchedRuntime(runtime: Runtime | null, task?: TaskContext): Runtime | null {
  return task?.runtime ?? runtime;
}

/** Builds the Runs section. Never enumerates more runs than it lists. */
export function buildRunsSection(input: RunsInput): RunsSection {
  const problems: FlagProblem[] = input.checks
    ? checkFlags(input.parameters, input.checks.runtimes, { ...input.checks.options, tokens: input.tokens })
    : [];
  const runs = gridRuns(input.parameters, {
    runtime: launchedRuntime(input.runtime, input.task?.context),
    tokens: input.tokens,
    ...(input.task?.context.model ? { model: input.task.context.model } : {}),
    problems,
  });
  const listed = Math.max(0, Math.min(Math.max(input.listed, RUNS_BATCH), MAX_LISTED_RUNS, runs.total));
  const listedRuns = [...runs.runs(0, listed)];
  const toldBefore = problemsToldBefore(listedRuns);
  const list: RunView[] = listedRuns.map((run, i) => ({
    index: run.index,
    command: shellCommand(run.command),
    gpus: run.gpus,
    problems: run.problems.map((p) => p.message),
    ...(toldBefore[i] !== undefined ? { problemsAsRun: toldBefore[i] } : {}),
  }));
  const failing = failingRuns(runs, problems);
  const { min, max } = runs.gpus;
  const view: RunsView = {
    total: formatRunCount(runs.count),
    totalRuns: runs.total,
    gpus: min === max ? `${plural(min, 'GPU')} per run` : `${formatCount(min)}–${formatCount(max)} GPUs per run`,
    checkedWith: input.checks ? input.checks.label : 'no runtime catalog could be read: runs are not checked',
    runs: list,
    remaining: Math.min(runs.total, MAX_LISTED_RUNS) - listed,
    nextBatch: Math.min(Math.min(runs.total, MAX_LISTED_RUNS) - listed, RUNS_BATCH),
    failingRuns: Number(failing.count),
    ...(failing.count > 0n ? { failing: failingRunsSentence(runs, failing) } : {}),
    ...(input.task ? { task: taskView(runs.count, input.task, input) } : {}),
    // The cut is the task view's headline; a runtime mismatch is a notice of its own.
    notices: [input.task && runtimeWarning(input.runtime, input.task.context)].filter((w): w is string => !!w),
  };
  return { view, runs };
}

function taskView(count: RunCount, task: RunsTask, input: RunsInput): RunsTaskView {
  const { context } = task;
  const cut = taskCut(count, context);
  const union = task.text === undefined ? undefined : unionRuns(task.text, input.parameters, count, context);
  return {
    location: task.location,
    taskName: task.taskName,
    model: context.model ?? 'not set (model.id_or_path); the commands show {model}',
    imageTag:
      context.imageTag ??
      (context.runtime
        ? `not set (runtime_image_tag): the autotuner's default, ${AUTOTUNER_DEFAULT_IMAGE_TAGS[context.runtime]}`
        : 'not set (runtime_image_tag)'),
    cut: cut.sentence,
    timeBound:
      cut.timeBoundSeconds === null
        ? context.timeoutWarning !== undefined
          ? `No time bound: ${context.timeoutWarning}.`
          : 'No time bound: the task sets no timeout_per_iteration.'
        : `${plural(cut.runsTried, 'run')} × ${formatCount(cut.timeoutPerIteration!)} s (timeout_per_iteration) = ${formatDuration(cut.timeBoundSeconds)} at most.`,
    // Only grid search tries the first runs in order, so only it leaves the rest of the list untried.
    cutShort: cut.cutsGrid && !cut.optimizerPicks,
    runsTried: cut.runsTried,
    ...(union !== undefined ? { unionCut: union.sentence } : {}),
  };
}
