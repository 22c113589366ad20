/**
 * What the CLI's run and apply commands read besides presets: the task file a command names, the flag
 * checks of a grid against the catalog versions that apply, and how the presets' files write their numbers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJsonText } from '../core/jsonText';
import { Limits } from '../core/limits';
import type { ParameterGrid, Runtime } from '../core/model';
import { RUNTIMES } from '../core/model';
import { RUNTIME_LABELS } from '../core/runtime/catalog';
import type { FlagProblem } from '../core/runtime/flagChecks';
import { presetFlagProblems } from '../core/runtime/flagRule';
import type { ValueTokens } from '../core/runtime/pythonStr';
import { tokenSource, type TokenSource } from '../core/runtime/valueTokens';
import { readTaskContext, type TaskContext } from '../core/runtime/taskRuns';
import { readTaskFile, type TaskFile } from '../core/task';
import { escapeTerminalMessage, terminalText } from '../core/terminalText';
import { fileSystemPath } from '../node/fileNames';
import { chooseFlagKnowledge } from '../node/flagKnowledge';
import { specialKind } from '../node/findPresetFiles';
import { readPipeSync } from '../node/readPresetFile';
import type { RuntimeCatalogs } from '../node/runtimeCatalogs';
import type { RuntimeVersions } from './runtimeOptions';
import { displayPath, invalid, megabytes, statNamedPath, type CliIo, type ResolvedPreset } from './shared';

/** A task file as read by a command: its bytes (to refuse a write if they change), text and facts. */
export interface ReadTask {
  readonly file: string;
  readonly label: string;
  readonly bytes: Buffer;
  /** The text after any byte order mark, which `bom` holds so a rewrite keeps it. */
  readonly text: string;
  readonly bom: string;
  readonly task: TaskFile;
  readonly context: TaskContext;
}

/**
 * Reads `--task FILE`; a file that is missing, not UTF-8 or not a task is invalid input, with the reason.
 * A command that writes the task back (`apply`) needs a regular file; one that only reads it (`runs`) also
 * reads a pipe (`--task <(jq … task.json)`), up to the size limit of preset files.
 */
export function readTask(argument: string, io: CliIo, command: string, use: 'read' | 'write back'): ReadTask {
  const file = path.resolve(io.cwd, argument);
  const stat = statNamedPath(file);
  if (!stat) throw invalid(terminalText`presets ${command}: --task ${argument}: no such file`);
  if (stat.isDirectory())
    throw invalid(terminalText`presets ${command}: --task ${argument} is a folder, not a task file`);
  const readable = stat.isFile() || (use === 'read' && stat.isFIFO());
  if (!readable)
    throw invalid(
      terminalText`presets ${command}: --task ${argument} is ${specialKind(stat)}, not a regular file` +
        (use === 'write back' ? `; ${command} writes the task file back, so it must be one` : ''),
    );
  const label = displayPath(file, io);
  const bytes = stat.isFile() ? fs.readFileSync(file) : readTaskPipe(file, label, command);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid(terminalText`presets ${command}: ${label}: not UTF-8 text; nothing was done`);
  }
  const reading = readJsonText(text, Limits.maxDepth);
  const task = reading.kind === 'value' ? readTaskFile(text) : undefined;
  if (reading.kind !== 'value' || !task)
    throw invalid(
      terminalText`presets ${command}: ${label}: not an autotuner task file: it needs "task_name" and a "parameters" object` +
        (reading.kind === 'syntax' ? ' (the file is not valid JSON)' : ''),
    );
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' : '';
  const context = readTaskContext(reading.value, text);
  // Told once, here, by every command that reads a task. The value is quoted as JSON in the message.
  for (const warning of [context.maxIterationsWarning, context.timeoutWarning])
    if (warning)
      io.stderr(terminalText`presets ${command}: warning: ${label}: ` + escapeTerminalMessage(warning) + '\n');
  return { file, label, bytes, text, bom, task, context };
}

function readTaskPipe(file: string, label: string, command: string): Buffer {
  const content = readPipeSync(fileSystemPath(file), Limits.defaultMaxFileBytes);
  if (content.kind !== 'bytes')
    throw invalid(
      terminalText`presets ${command}: ${label}: the pipe gave more than the ${megabytes(Limits.defaultMaxFileBytes)} limit for task files read from a pipe; nothing was done`,
    );
  return Buffer.from(content.bytes);
}

/** A grid's flag problems against the versions that apply, and the notes of versions that stood in for others. */
export interface GridChecks {
  readonly problems: FlagProblem[];
  readonly notes: readonly string[];
  /** The versions checked, e.g. `SGLang 0.5.2`. */
  readonly checked: string[];
}

/**
 * Checks a grid for `runtime` (both when null) at the chosen versions; a task's image tag decides the
 * version of its `base_runtime`.
 */
export function checkGrid(
  parameters: ParameterGrid,
  runtime: Runtime | null,
  context: {
    readonly catalogs: RuntimeCatalogs;
    readonly versions: RuntimeVersions;
    readonly task?: TaskContext;
    readonly tokens?: ValueTokens;
  },
): GridChecks {
  const chosen = chooseFlagKnowledge(context.catalogs, {
    versions: context.versions,
    task: context.task && { runtime: context.task.runtime, imageTag: context.task.imageTag },
  });
  const problems = presetFlagProblems({ runtime, parameters }, chosen.knowledge, context.tokens);
  const checked = (runtime === null ? RUNTIMES : [runtime]).map((r) => `${RUNTIME_LABELS[r]} ${chosen.versions[r]}`);
  return { problems, notes: chosen.notes, checked };
}

/** The presets' files, read again for their numbers' source text; a file that cannot be read gives no tokens. */
export function tokenSources(resolved: readonly ResolvedPreset[]): TokenSource[] {
  const sources: TokenSource[] = [];
  for (const { preset, entry } of resolved) {
    let text: string;
    try {
      text = fs.readFileSync(entry.id, 'utf8');
    } catch {
      continue;
    }
    sources.push(tokenSource(preset, entry.analysis.isEnvelope, text));
  }
  return sources;
}
