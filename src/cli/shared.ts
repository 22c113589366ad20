/**
 * What the CLI's commands share: exit codes and errors, parsed arguments, paths for display, diagnostics
 * in compiler style, and finding the presets an argument names.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { CatalogEntry, PresetCatalog } from '../core/catalog';
import { presetsFolderSegments } from '../core/importPlan';
import { MergeError, isMergeStrategy, mergePresets } from '../core/merge';
import {
  MERGE_STRATEGIES,
  type MergeResult,
  type MergeStrategy,
  type Preset,
  type PresetDiagnostic,
} from '../core/model';
import { missingPresetMessage, resolvePresetName } from '../core/resolve';
import { escapeTerminalMessage, terminalText } from '../core/terminalText';
import { workspaceExcludeMatcher } from '../core/glob';
import { parseWorkspaceSettings, type WorkspaceSettings } from '../core/workspaceSettings';
import type { SkippedPath } from '../node/findPresetFiles';
import { analyzePresetFile, loadCatalog } from '../node/loadPresets';

export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** A failure with its exit code and the message to print. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const usageError = (message: string, command?: string): CliError =>
  new CliError(
    EXIT_USAGE,
    `presets${command ? ' ' + command : ''}: ${message}\nRun "presets ${command ? command + ' ' : ''}--help" for usage.`,
  );
export const invalid = (message: string): CliError => new CliError(EXIT_INVALID, message);

export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly run: (args: ParsedArgs, io: CliIo) => number;
}

export interface ParsedArgs {
  /** A string list for an option declared `multiple`. */
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: readonly string[];
}

export const dirOption = { dir: { type: 'string' as const, short: 'd' } };
export const helpOption = { help: { type: 'boolean' as const, short: 'h' } };
export const strategyOption = { strategy: { type: 'string' as const, short: 's' } };

/** `-o FILE`, for every command that writes a file; see {@link outputFile}. */
export const outputOption = { output: { type: 'string' as const, short: 'o' } };

/** What every `-o` help text says about "-". */
export const OUTPUT_DASH_USAGE = '"-o -" is standard output (write ./- for a file named "-")';

/** Where `-o` sends a command's output: standard output, or a file (its absolute path). */
export type OutputTarget = 'stdout' | { readonly file: string };

/** The `-o` of a command: undefined without one; "-" is standard output, as in most command line tools. */
export function outputFile(args: ParsedArgs, io: CliIo): OutputTarget | undefined {
  const output = stringOption(args, 'output');
  if (output === undefined) return undefined;
  return output === '-' ? 'stdout' : { file: path.resolve(io.cwd, output) };
}

/** A string option's value (the last one, when given several times). */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? value[value.length - 1] : undefined;
}

export function resolveDir(args: ParsedArgs, io: CliIo): string {
  const given = stringOption(args, 'dir');
  const dir = path.resolve(io.cwd, given ?? '.');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw invalid(terminalText`presets: --dir ${given}: no such folder`);
  return dir;
}

export function displayPath(file: string, io: CliIo): string {
  const relative = path.relative(io.cwd, file);
  if (relative === '') return '.';
  return relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative) ? relative : file;
}

/** A `warning:` line for what a scan passed over: nothing is skipped without a word (docs/RELIABILITY.md). */
export function warnSkipped(io: CliIo): (skipped: SkippedPath) => void {
  return (skipped) => io.stderr(terminalText`${displayPath(skipped.path, io)}: warning: ${skipped.reason}` + '\n');
}

/** `path:line:col: severity: message`, one-based like a compiler. */
export function formatDiagnostic(file: string, diagnostic: PresetDiagnostic, severity = diagnostic.severity): string {
  const { line, character } = diagnostic.range.start;
  // Escaped: a newline in a file name or a message must not split the line or forge another one.
  return terminalText`${file}:${line + 1}:${character + 1}: ${severity}: ` + escapeTerminalMessage(diagnostic.message);
}

function entryDiagnosticLines(catalog: PresetCatalog, entry: CatalogEntry): string[] {
  return catalog.diagnosticsOf(entry.id).map((diagnostic) => formatDiagnostic(entry.label, diagnostic));
}

/** A preset an argument named, with the catalog entry it came from. */
export interface ResolvedPreset {
  readonly preset: Preset;
  readonly entry: CatalogEntry;
}

/**
 * Finds the preset an argument names: the path of a preset file, or a preset name. A file given by
 * path joins the catalog, so its name is checked against all the others.
 */
export function resolvePreset(catalog: PresetCatalog, argument: string, dir: string, io: CliIo): ResolvedPreset {
  const asPath = path.resolve(io.cwd, argument);
  let entry: CatalogEntry | undefined;
  if (fs.existsSync(asPath) && fs.statSync(asPath).isFile()) {
    entry = catalog.get(asPath);
    if (!entry) {
      entry = {
        id: asPath,
        label: displayPath(asPath, io),
        origin: 'workspace',
        analysis: analyzePresetFile(asPath, 'workspace'),
      };
      catalog.set(entry);
    }
  } else {
    const resolution = resolvePresetName(catalog, argument);
    if (resolution.kind === 'missing')
      throw invalid(
        'presets: ' +
          escapeTerminalMessage(
            missingPresetMessage(
              argument,
              resolution.suggestions,
              terminalText`in ${displayPath(dir, io)} or the system presets`,
            ),
          ),
      );
    entry = resolution.entry;
  }
  const preset = catalog.usablePreset(entry.id);
  if (preset) return { preset, entry };
  throw invalid(
    [
      terminalText`presets: ${entry.label} cannot be used until its errors are fixed:`,
      ...entryDiagnosticLines(catalog, entry).filter((line) => line.includes(': error: ')),
    ].join('\n'),
  );
}

/** The `--strategy` of a merging command: union unless given; anything else is a usage error. */
export function mergeStrategy(args: ParsedArgs, command: string): MergeStrategy {
  const strategy = stringOption(args, 'strategy') ?? 'union';
  if (!isMergeStrategy(strategy))
    throw usageError(terminalText`unknown strategy "${strategy}"; use ${MERGE_STRATEGIES.join(', ')}`, command);
  return strategy;
}

/** Merges resolved presets, as `presets merge` does; a merge that cannot be made is invalid input. */
export function mergeResolved(presets: readonly Preset[], strategy: MergeStrategy, command: string): MergeResult {
  try {
    return mergePresets(presets, strategy);
  } catch (error) {
    if (error instanceof MergeError) throw invalid(`presets ${command}: ${escapeTerminalMessage(error.message)}`);
    throw error;
  }
}

export const SETTINGS_FILE = path.join('.vscode', 'settings.json');

/**
 * The extension's settings in the workspace folder's `.vscode/settings.json`, when there is one, so the
 * CLI writes where the extension would. A file that cannot be read fully is used as far as it parses,
 * as VS Code does, with a warning.
 */
export function readWorkspaceSettings(dir: string, io: CliIo): WorkspaceSettings {
  const file = path.join(dir, SETTINGS_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return parseWorkspaceSettings('');
  }
  const settings = parseWorkspaceSettings(text);
  for (const problem of settings.problems)
    io.stderr(
      terminalText`${displayPath(file, io)}:${problem.replace(': ', ': warning: ')}` + '; read as far as it parses\n',
    );
  return settings;
}

/** The presets folder the extension writes new presets to, for the workspace folder `dir`. */
export function workspacePresetsFolder(
  dir: string,
  io: CliIo,
  command: string,
  settings: WorkspaceSettings = readWorkspaceSettings(dir, io),
): string {
  const folder = presetsFolderSegments(settings.presetsFolder, path.basename(dir));
  if (!folder.ok)
    throw invalid(`presets ${command}: ${path.join(displayPath(dir, io), SETTINGS_FILE)}: ${folder.message}`);
  return path.join(dir, ...folder.segments);
}

/**
 * The system presets and the presets under `roots`, as the extension sees them in the workspace folder
 * `dir`: what its settings exclude (`files.exclude`, `parameterPresets.exclude`) is passed over, and what the
 * walk cannot read is told. Labels are relative to the working folder.
 */
export function loadWorkspaceCatalog(
  roots: readonly string[],
  dir: string,
  io: CliIo,
  options: Pick<NonNullable<Parameters<typeof loadCatalog>[1]>, 'rules' | 'diagnosticsOnly'> & {
    readonly settings?: WorkspaceSettings;
  } = {},
): PresetCatalog {
  const settings = options.settings ?? readWorkspaceSettings(dir, io);
  const excluded =
    settings.filesExclude.length + settings.exclude.length > 0 ? excludedIn(dir, settings, roots) : undefined;
  return loadCatalog(roots, {
    cwd: io.cwd,
    rules: options.rules,
    diagnosticsOnly: options.diagnosticsOnly,
    onSkipped: warnSkipped(io),
    excluded,
  });
}

/**
 * What the settings of the workspace folder `dir` exclude: their globs are relative to it, and nothing outside
 * it is excluded. A folder among `roots` (named by the user) is read whole, even where they exclude it
 * (`presets validate fixtures`).
 */
function excludedIn(dir: string, settings: WorkspaceSettings, roots: readonly string[]): (file: string) => boolean {
  const matcher = workspaceExcludeMatcher(settings);
  // The walk gives absolute paths under `dir`: dropping the prefix is the relative path (path.relative for
  // each of thousands of files costs more than reading them).
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  const isExcluded = (file: string): boolean =>
    file.startsWith(prefix) &&
    file.length > prefix.length &&
    matcher(file.slice(prefix.length).split(path.sep).join('/'));
  const namedExcluded = roots.filter(isExcluded);
  return (file) => isExcluded(file) && !namedExcluded.some((root) => file === root || file.startsWith(root + path.sep));
}

/** What is at a path the user named: undefined when nothing is (other failures, like EACCES, are thrown). */
export function statNamedPath(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** "5.0 MB": a size limit as the CLI's messages write it. */
export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
}

export function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
