#!/usr/bin/env node
/**
 * `presets`: the command line over the same core as the extension, for CI and scripts (SPEC §5).
 * Exit codes: 0 success (conflicts are not failures), 1 invalid input, 2 usage error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { serializeExport, serializePresetFile } from '../core/exchange';
import { analyzePresetBytes, type PresetAnalysis } from '../core/analyze';
import { entryCategory, type CatalogEntry } from '../core/catalog';
import { CONFLICT_CHOICES, planImport, type ConflictChoice } from '../core/importPlan';
import { formatCount, formatGridCount, formatRunCount, gridSize, plural } from '../core/grid';
import { Limits } from '../core/limits';
import { describeConflict } from '../core/merge';
import { isFlagProblem } from '../core/problemSeverity';
import type { MergeResult, Preset } from '../core/model';
import {
  escapeTerminalLines,
  escapeTerminalMessage,
  escapeTerminalOutput,
  escapeTerminalText,
  terminalText,
} from '../core/terminalText';
import { formatScalar } from '../core/values';
import { FileChangedError, writeFileAtomic } from '../node/atomicWrite';
import { NameTakenError, TooLargeError, createPresetFile } from '../node/createPresetFile';
import { describeFileSystemError } from '../node/fileSystemErrors';
import { specialKind } from '../node/findPresetFiles';
import { RuntimeCatalogError } from '../node/runtimeCatalogs';
import { analyzePresetFile } from '../node/loadPresets';
import { analyzeFileContent, readPipeSync } from '../node/readPresetFile';
import { fileSystemPath } from '../node/fileNames';
import {
  CliError,
  type CliIo,
  type Command,
  dirOption,
  displayPath,
  EXIT_INVALID,
  EXIT_OK,
  EXIT_USAGE,
  formatDiagnostic,
  helpOption,
  invalid,
  isRegularFile,
  loadWorkspaceCatalog,
  megabytes,
  mergeResolved,
  mergeStrategy,
  OUTPUT_DASH_USAGE,
  outputFile,
  outputOption,
  type ParsedArgs,
  readWorkspaceSettings,
  resolveDir,
  resolvePreset,
  statNamedPath,
  strategyOption,
  usageError,
  workspacePresetsFolder,
} from './shared';
import { flagsCommand } from './flags';
import { applyCommand } from './apply';
import { convertCommand } from './convert';
import { checkGrid, tokenSources } from './knowledge';
import { presetValueTokens } from '../core/runtime/valueTokens';
import {
  NO_FLAG_CHECKS_USAGE,
  RUNTIME_VERSION_USAGE,
  bundledCatalogs,
  noFlagChecksOption,
  parseRuntimeVersions,
  requestedFlagRules,
  runtimeVersionOption,
} from './runtimeOptions';
import { runsCommand } from './runs';
import { formatTable } from './table';

export type { CliIo } from './shared';

const COMMANDS: Record<string, Command> = {
  list: {
    summary: 'List the system presets and the preset files under a folder',
    usage: `presets list [--dir D] [--category C] [--json] [--no-flag-checks]

  --dir D        folder to search for *.preset.json (default: current folder)
  --category C   only presets of this category ("Uncategorized" for none)
  --json         print a JSON array instead of a table
  ${NO_FLAG_CHECKS_USAGE}
  ${RUNTIME_VERSION_USAGE}`,
    options: {
      ...dirOption,
      category: { type: 'string' },
      json: { type: 'boolean' },
      ...noFlagChecksOption,
      ...runtimeVersionOption,
      ...helpOption,
    },
    run: runList,
  },
  validate: {
    summary: 'Check preset files; print problems as path:line:col: severity: message',
    usage: `presets validate [--strict | --no-flag-checks] [--runtime-version R=V]… [PATH…]

  PATH      preset files or folders to check (default: current folder)
  --strict  runtime flag problems are errors, not warnings (for CI)
  ${NO_FLAG_CHECKS_USAGE}
  ${RUNTIME_VERSION_USAGE}
Flags are checked against SGLang's and vLLM's catalogs: an unknown flag, a flag of the other runtime,
a wrong type, choice or range, a deprecated or removed flag, null, whitespace, false for an on/off flag.
Exits 1 when any file has an error; warnings alone do not fail.`,
    options: { strict: { type: 'boolean' }, ...noFlagChecksOption, ...runtimeVersionOption, ...helpOption },
    run: runValidate,
  },
  merge: {
    summary: 'Merge presets into one grid, with provenance, conflicts and the grid size',
    usage: `presets merge [--strategy union|intersection|last_wins] [--dir D] [--json] PRESET…

  PRESET       a preset name, or the path of a preset file; merged in the order given
  --strategy   union (default), intersection or last_wins
  --dir D      folder to resolve names in (default: current folder); system presets always count
  --json       print exactly one MergeResult as JSON (the grid's flag problems are among its warnings)
  ${RUNTIME_VERSION_USAGE}`,
    options: { ...strategyOption, ...dirOption, json: { type: 'boolean' }, ...runtimeVersionOption, ...helpOption },
    run: runMerge,
  },
  export: {
    summary: "Write a preset in the autotuner's export format",
    usage: `presets export PRESET [--dir D] [-o FILE]

  PRESET   a preset name or the path of a preset file
  -o FILE  write to FILE (replacing it) instead of standard output; ${OUTPUT_DASH_USAGE}`,
    options: { ...dirOption, ...outputOption, ...helpOption },
    run: runExport,
  },
  import: {
    summary: 'Import an exported preset (or an autotuner API object) into the presets folder',
    usage: `presets import FILE [--dir D] [--on-conflict fail|rename|replace]

  FILE           an export envelope, a bare preset or an autotuner API preset object; a pipe is
                 read too: presets import <(curl …), or … | presets import /dev/stdin
  --dir D        workspace folder (default: current folder); the file goes to its presets folder:
                 "parameterPresets.presetsFolder" of D/.vscode/settings.json, else D/presets/
  --on-conflict  when the name exists: fail (default), rename (adds " (2)"…) or replace that file`,
    options: { ...dirOption, 'on-conflict': { type: 'string' }, ...helpOption },
    run: runImport,
  },
  flags: flagsCommand,
  runs: runsCommand,
  apply: applyCommand,
  convert: convertCommand,
};

const MAIN_USAGE = `presets: parameter presets for the inference autotuner

Usage: presets <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(10)}${command.summary}`)
  .join('\n')}

Run "presets <command> --help" for a command's options.
Exit codes: 0 success, 1 invalid input, 2 usage error.`;

/**
 * Runs the CLI with arguments (without node and script) and returns the exit code. Everything printed goes
 * through escapeTerminalOutput: workspace data never reaches the terminal as control characters.
 */
export function runCli(argv: readonly string[], rawIo: CliIo): number {
  const io: CliIo = {
    cwd: rawIo.cwd,
    stdout: (text) => rawIo.stdout(escapeTerminalOutput(text)),
    stderr: (text) => rawIo.stderr(escapeTerminalOutput(text)),
  };
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? rest[0] : undefined;
      if (topic !== undefined && !Object.hasOwn(COMMANDS, topic))
        throw usageError(terminalText`help: no command "${topic}"; commands are ${Object.keys(COMMANDS).join(', ')}`);
      if (topic && COMMANDS[topic]) io.stdout(`Usage: ${COMMANDS[topic].usage}\n`);
      // Without a command it is a usage error: the usage goes to stderr, like any usage error.
      else if (name === undefined) io.stderr(MAIN_USAGE + '\n');
      else io.stdout(MAIN_USAGE + '\n');
      return name === undefined ? EXIT_USAGE : EXIT_OK;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command)
      throw usageError(terminalText`unknown command "${name}"; commands are ${Object.keys(COMMANDS).join(', ')}`);
    let parsed: ParsedArgs;
    try {
      const result = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true });
      parsed = { values: result.values as ParsedArgs['values'], positionals: result.positionals };
    } catch (error) {
      // Node's message can take several lines ("… is ambiguous.\nDid you forget …"): lines, each escaped.
      const message = escapeTerminalLines(
        (error as Error).message.replace(/\. To specify a positional argument.*$/s, ''),
      );
      // A flag's own spelling (--tp-size, -tp) is what `flags` is asked about most; say how to pass it.
      const hint =
        name === 'flags' && (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
          ? '; to look up a flag written with dashes, put it after "--": presets flags -- --tp-size'
          : '';
      throw usageError(message + hint, name);
    }
    // An empty argument (an unset variable in a script: --dir "$DIR") must not quietly mean the current folder.
    for (const [option, value] of Object.entries(parsed.values))
      if (value === '' || (Array.isArray(value) && value.includes('')))
        throw usageError(`--${option} must not be empty`, name);
    if (parsed.positionals.includes('')) throw usageError('an argument must not be empty', name);
    if (parsed.values.help) {
      io.stdout(`Usage: ${command.usage}\n`);
      return EXIT_OK;
    }
    return command.run(parsed, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(error.message + '\n');
      return error.exitCode;
    }
    // A shipped catalog that is missing or damaged: name the file; the installation needs repair.
    if (error instanceof RuntimeCatalogError) {
      io.stderr(terminalText`presets ${name}: cannot read the runtime flag catalogs: ${error.message}` + '\n');
      return EXIT_INVALID;
    }
    // The disk, the permissions or the path: say what happened to which file, and what to do.
    const environment = describeFileSystemError(error, (file) => displayPath(file, io));
    if (environment !== undefined) {
      io.stderr(`presets${name && Object.hasOwn(COMMANDS, name) ? ' ' + name : ''}: ${environment}\n`);
      return EXIT_INVALID;
    }
    io.stderr(terminalText`presets: internal error: ${(error as Error).message}` + '\n');
    if (process.env.PRESETS_DEBUG) io.stderr(String((error as Error).stack) + '\n');
    return EXIT_INVALID;
  }
}

// ---------------------------------------------------------------- commands

function runList(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length > 0) throw usageError(terminalText`unexpected argument "${args.positionals[0]}"`, 'list');
  const rules = requestedFlagRules(args, 'list');
  const dir = resolveDir(args, io);
  const catalog = loadWorkspaceCatalog([dir], dir, io, { rules });
  const wanted = (args.values.category as string | undefined)?.trim().toLowerCase();
  const entries = [...catalog.all()]
    .filter((entry) => wanted === undefined || entryCategory(entry).toLowerCase() === wanted)
    .sort((a, b) => (a.analysis.name ?? '\uffff' + a.label).localeCompare(b.analysis.name ?? '\uffff' + b.label));

  const rows = entries.map((entry) => {
    const preset = catalog.usablePreset(entry.id);
    const diagnostics = catalog.diagnosticsOf(entry.id);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    return { entry, preset, diagnostics, errors, warnings };
  });

  if (args.values.json) {
    const json = rows.map(({ entry, preset, diagnostics }) => ({
      name: entry.analysis.name ?? null,
      description: preset?.description ?? null,
      category: preset ? entryCategory(entry) : (entry.analysis.category ?? null),
      runtime: preset?.runtime ?? null,
      parameters: preset?.parameters ?? null,
      metadata: preset?.metadata ?? null,
      grid_size: preset ? gridSize(preset.parameters).size : null,
      source: entry.origin,
      path: entry.origin === 'system' ? null : entry.label,
      valid: preset !== undefined,
      diagnostics: diagnostics.map((d) => ({
        severity: d.severity,
        code: d.code,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        message: d.message,
      })),
    }));
    io.stdout(JSON.stringify(json, null, 2) + '\n');
    return EXIT_OK;
  }
  if (rows.length === 0) {
    io.stdout(
      wanted === undefined ? 'No presets found.\n' : terminalText`No presets in category "${args.values.category}".\n`,
    );
    return EXIT_OK;
  }
  const table = formatTable(
    [
      { header: 'NAME' },
      { header: 'CATEGORY' },
      { header: 'RUNTIME' },
      { header: 'PARAMS', align: 'right' },
      { header: 'RUNS', align: 'right' },
      { header: 'SOURCE' },
      { header: 'STATUS' },
    ],
    rows.map(({ entry, preset, errors, warnings }) => [
      entry.analysis.name ?? `(${path.basename(entry.label)})`,
      preset ? entryCategory(entry) : (entry.analysis.category ?? ''),
      preset ? (preset.runtime ?? 'any') : '',
      preset ? String(Object.keys(preset.parameters).length) : '',
      preset ? formatGridCount(gridSize(preset.parameters)) : '',
      entry.origin === 'system' ? 'system' : entry.label,
      errors ? `invalid (${plural(errors, 'error')})` : warnings ? plural(warnings, 'warning') : 'ok',
    ]),
  );
  io.stdout(table + '\n');
  const broken = rows.filter((row) => row.errors > 0).length;
  io.stdout(
    `\n${plural(rows.length, 'preset')}${broken ? `, ${broken} invalid (run "presets validate" for details)` : ''}\n`,
  );
  return EXIT_OK;
}

function runValidate(args: ParsedArgs, io: CliIo): number {
  const targets = args.positionals.length > 0 ? args.positionals : ['.'];
  const roots = targets.map((target) => {
    const full = path.resolve(io.cwd, target);
    if (!fs.existsSync(full)) throw invalid(terminalText`presets validate: ${target}: no such file or folder`);
    const stat = fs.statSync(full);
    if (!stat.isFile() && !stat.isDirectory())
      throw invalid(terminalText`presets validate: ${target} is ${specialKind(stat)}, not a preset file or folder`);
    return full;
  });
  const strict = args.values.strict === true;
  if (strict && args.values['no-flag-checks'] === true)
    throw usageError('--strict makes flag problems errors, and --no-flag-checks finds none: choose one', 'validate');
  const rules = requestedFlagRules(args, 'validate');
  const catalog = loadWorkspaceCatalog(roots, io.cwd, io, { diagnosticsOnly: true, rules });
  const files = [...catalog.all()]
    .filter((entry) => entry.origin === 'workspace')
    .sort((a, b) => a.label.localeCompare(b.label));
  let errors = 0;
  let warnings = 0;
  const lines: string[] = [];
  for (const entry of files) {
    for (const diagnostic of catalog.diagnosticsOf(entry.id).sort((a, b) => a.range.offset - b.range.offset)) {
      const severity = strict && isFlagProblem(diagnostic) ? 'error' : diagnostic.severity;
      if (severity === 'error') errors++;
      else warnings++;
      lines.push(formatDiagnostic(entry.label, diagnostic, severity));
    }
  }
  if (lines.length) io.stderr(lines.join('\n') + '\n');
  if (files.length === 0) {
    io.stdout(`No *.preset.json files found in ${targets.map(escapeTerminalText).join(', ')}.\n`);
    return EXIT_OK;
  }
  const summary =
    errors + warnings === 0
      ? 'no problems'
      : [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning')].filter(Boolean).join(', ');
  io.stdout(`Checked ${plural(files.length, 'preset file')}: ${summary}.\n`);
  return errors > 0 ? EXIT_INVALID : EXIT_OK;
}

function runMerge(args: ParsedArgs, io: CliIo): number {
  const strategy = mergeStrategy(args, 'merge');
  if (args.positionals.length === 0) throw usageError('name at least one preset to merge', 'merge');
  const catalogs = bundledCatalogs();
  const versions = parseRuntimeVersions(args, 'merge', () => catalogs);
  const dir = resolveDir(args, io);
  const catalog = loadWorkspaceCatalog([dir], dir, io);
  const presets = args.positionals.map((argument) => resolvePreset(catalog, argument, dir, io).preset);
  const result = mergeResolved(presets, strategy, 'merge');
  // The merged grid's flag problems: the ones the task would meet, whatever preset each value came from.
  const flagProblems = checkGrid(result.parameters, result.runtime, { catalogs, versions }).problems.map(
    (problem) => problem.message,
  );
  // With --json they join the result's warnings: stdout stays one MergeResult, and stderr stays empty for
  // scripts that read both streams as one.
  if (args.values.json)
    io.stdout(JSON.stringify({ ...result, warnings: [...result.warnings, ...flagProblems] }, null, 2) + '\n');
  else io.stdout(formatMergeResult(result, flagProblems) + '\n');
  return EXIT_OK;
}

/** The merge result for people: the grid with where each value came from, conflicts, grid size. */
export function formatMergeResult(result: MergeResult, flagProblems: readonly string[] = []): string {
  const out: string[] = [];
  out.push(
    `Merged ${plural(result.applied_presets.length, 'preset')} with ${result.strategy}: ${result.applied_presets.map(escapeTerminalText).join(' → ')}`,
  );
  out.push(terminalText`Runtime: ${result.runtime ?? 'any'}`);
  for (const warning of result.warnings) out.push(`Warning: ${escapeTerminalMessage(warning)}`);
  out.push('');
  const rows: string[][] = [];
  for (const [parameter, values] of Object.entries(result.parameters)) {
    values.forEach((value, i) =>
      rows.push([i === 0 ? parameter : '', formatScalar(value), result.sources[parameter][i].join(', ')]),
    );
  }
  out.push(
    rows.length
      ? formatTable([{ header: 'PARAMETER' }, { header: 'VALUE', quoted: true }, { header: 'FROM' }], rows)
      : '(no parameters)',
  );
  out.push('');
  if (result.conflicts.length) {
    out.push(`Conflicts (${result.conflicts.length}):`);
    for (const conflict of result.conflicts)
      out.push(`  ${conflict.kind.padEnd(18)}  ${escapeTerminalMessage(describeConflict(conflict))}`);
    out.push('');
  }
  if (flagProblems.length) {
    out.push(`Flag problems (${flagProblems.length}):`);
    for (const problem of flagProblems) out.push(`  ${escapeTerminalMessage(problem)}`);
    out.push('');
  }
  const grid = gridSize(result.parameters);
  const factors = grid.factors.map(([, count]) => formatCount(count));
  out.push(`Grid: ${factors.length > 1 ? factors.join(' × ') + ' = ' : ''}${formatRunCount(grid)}`);
  return out.join('\n');
}

function runExport(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length !== 1) throw usageError('name exactly one preset to export', 'export');
  const dir = resolveDir(args, io);
  const catalog = loadWorkspaceCatalog([dir], dir, io);
  const resolved = resolvePreset(catalog, args.positionals[0], dir, io);
  // The preset's file says how its numbers are written (`2.0` stays a float for the autotuner's Python).
  const [source] = tokenSources([resolved]);
  const text = serializeExport(resolved.preset, source && presetValueTokens(source));
  const output = outputFile(args, io);
  if (output === undefined || output === 'stdout') {
    io.stdout(text);
    return EXIT_OK;
  }
  const written = writeFileAtomic(output.file, text);
  // A file named "-" is shown as ./-, so that the note does not read as standard output.
  const shown = displayPath(written, io) === '-' ? `.${path.sep}-` : displayPath(written, io);
  const note = terminalText`Exported "${resolved.preset.name}" to ${shown}\n`;
  // Written through a device or a pipe (-o /dev/stdout): the note must not join the exported text.
  if (isRegularFile(written)) io.stdout(note);
  else io.stderr(note);
  return EXIT_OK;
}

function runImport(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length !== 1) throw usageError('name exactly one file to import', 'import');
  const onConflict = ((args.values['on-conflict'] as string | undefined) ?? 'fail') as ConflictChoice;
  if (!CONFLICT_CHOICES.includes(onConflict))
    throw usageError(`--on-conflict must be fail, rename or replace, got "${onConflict}"`, 'import');
  const dir = resolveDir(args, io);
  const argument = args.positionals[0];
  const source = path.resolve(io.cwd, argument);
  const stat = statNamedPath(source);
  if (!stat) throw invalid(terminalText`presets import: ${argument}: no such file`);
  if (stat.isDirectory()) throw invalid(terminalText`presets import: ${argument} is a folder, not a preset file`);
  // A pipe is what `presets import <(curl …)` and `… | presets import /dev/stdin` name: read to its end.
  // A device or a socket is refused: /dev/zero never ends, and a terminal is no file to import.
  if (!stat.isFile() && !stat.isFIFO())
    throw invalid(terminalText`presets import: ${argument} is ${specialKind(stat)}, not a preset file`);

  const label = displayPath(source, io);
  // Read like any preset file: bytes checked as UTF-8, and more than the size limit is reported, not parsed.
  const analysis = stat.isFile() ? analyzePresetFile(source, 'import') : analyzePipe(source, label);
  const problems = analysis.diagnostics.map((diagnostic) => formatDiagnostic(label, diagnostic));
  if (!analysis.preset) throw invalid(problems.join('\n'));
  if (problems.length) io.stderr(problems.join('\n') + '\n');

  const settings = readWorkspaceSettings(dir, io);
  const catalog = loadWorkspaceCatalog([dir], dir, io, { settings });
  const presetsFolder = workspacePresetsFolder(dir, io, 'import', settings);
  const plan = planImport(catalog, analysis.preset, onConflict);
  let preset = analysis.preset;
  let target: string;
  let note = '';
  switch (plan.kind) {
    case 'refuse':
      throw invalid(
        onConflict === 'fail'
          ? `presets import: ${escapeTerminalMessage(plan.reason)}; nothing was written. Use --on-conflict rename or --on-conflict replace.`
          : `presets import: ${escapeTerminalMessage(plan.reason)}; use --on-conflict rename.`,
      );
    case 'replace':
      target = replacePresetFile(plan.target, plan.preset);
      note = ' (replaced)';
      break;
    case 'create':
      try {
        // The plan picked a free name from the catalog; the file name is the lock against other writers.
        const created = createPresetFile(presetsFolder, plan.preset, {
          isTaken: (name) => catalog.hasName(name),
          onClash: onConflict === 'rename' ? 'rename' : 'fail',
        });
        if (created.preset.name !== preset.name) note = terminalText` (renamed from "${preset.name}")`;
        preset = created.preset;
        target = created.file;
      } catch (error) {
        // Another import created the name after this one looked: the file name was the lock, and it lost.
        if (error instanceof NameTakenError)
          throw invalid(
            terminalText`presets import: a preset named "${preset.name}" already exists (${error.file ? displayPath(error.file, io) : 'created meanwhile'}); nothing was written. Use --on-conflict rename or --on-conflict replace.`,
          );
        if (error instanceof TooLargeError) throw tooLarge(error);
        throw error;
      }
  }
  io.stdout(terminalText`Imported "${preset.name}" to ${displayPath(target, io)}` + note + '\n');
  return EXIT_OK;
}

/** A preset read from a pipe, as a preset file is read: at most the size limit, then checked as UTF-8. */
function analyzePipe(source: string, label: string): PresetAnalysis {
  const maxBytes = Limits.defaultMaxFileBytes;
  const content = readPipeSync(fileSystemPath(source), maxBytes);
  if (content.kind === 'oversize')
    throw invalid(
      terminalText`presets import: ${label}: the pipe gave more than the ${megabytes(maxBytes)} limit for preset files; nothing was written.`,
    );
  return analyzeFileContent(content, { origin: 'import', maxBytes })!.analysis;
}

/**
 * Replaces a workspace preset file, unless it changed after the catalog read it: its bytes are read now,
 * must still hold the preset's name, and must still be the same right before the rename.
 */
function replacePresetFile(entry: CatalogEntry, preset: Preset): string {
  const text = serializePresetFile(preset);
  const bytes = Buffer.byteLength(text);
  if (bytes > Limits.defaultMaxFileBytes) throw tooLarge(new TooLargeError(bytes, Limits.defaultMaxFileBytes));
  const changed = (): CliError =>
    invalid(
      terminalText`presets import: ${entry.label} changed while it was being replaced; nothing was written. Run the import again.`,
    );
  let before: Buffer;
  try {
    before = fs.readFileSync(entry.id);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw changed();
    throw error;
  }
  const now = analyzePresetBytes(before, { origin: 'workspace' }).name;
  if (now === undefined || now.toLowerCase() !== entry.analysis.name?.toLowerCase()) throw changed();
  try {
    return writeFileAtomic(entry.id, text, { expected: before });
  } catch (error) {
    if (error instanceof FileChangedError) throw changed();
    throw error;
  }
}

function tooLarge(error: TooLargeError): CliError {
  return invalid(
    `presets import: the preset file would be ${megabytes(error.bytes)}, over the ${megabytes(error.maxBytes)} limit for reading preset files; nothing was written.`,
  );
}

/**
 * What happens when standard output cannot be written. A reader that went away (`presets list | head -c1`)
 * wants no more: end quietly with the command's own exit code. Anything else (a full disk) is a failure the
 * user must see: one line on stderr, exit 1. Never a stack trace.
 */
function onOutputError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit();
  const line = describeFileSystemError({ ...error, path: undefined }) ?? `${error.code ?? error.message}`;
  try {
    process.stderr.write(`presets: cannot write to standard output: ${line}\n`);
  } catch {
    // stderr is gone too: the exit code is all that is left.
  }
  process.exit(EXIT_INVALID);
}

if (require.main === module) {
  process.stdout.on('error', onOutputError);
  // Nothing to report on stderr's own failure; the exit code still tells.
  process.stderr.on('error', () => undefined);
  process.exitCode = runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
