/**
 * The extension's settings as a workspace's `.vscode/settings.json` holds them, for the CLI: so that
 * `presets import` writes where the extension would, and skips what it skips.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export interface WorkspaceSettings {
  /** `parameterPresets.presetsFolder`, as written (undefined when not set). */
  readonly presetsFolder?: unknown;
  /** `parameterPresets.exclude`, the strings of it. */
  readonly exclude: readonly string[];
  /** `files.exclude` patterns that are switched on. */
  readonly filesExclude: readonly string[];
  /** What could not be read, as `line:column: message` (one-based), for a warning. */
  readonly problems: readonly string[];
}

/**
 * Reads a settings file's text as VS Code does: JSON with comments and trailing commas, taking what
 * parses even when part of the file is broken.
 */
export function parseWorkspaceSettings(text: string): WorkspaceSettings {
  const errors: ParseError[] = [];
  // VS Code reads an empty settings file as no settings, not as a broken one.
  if (text.trim() === '') text = '{}';
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems = errors.map((error) => {
    const before = text.slice(0, error.offset).split(/\r\n|\r|\n/);
    const where = `${before.length}:${before[before.length - 1].length + 1}`;
    return `${where}: ${describeParseError(printParseErrorCode(error.error))}`;
  });
  const settings = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  const get = (key: string): unknown =>
    Object.hasOwn(settings, key) ? (settings as Record<string, unknown>)[key] : undefined;
  const exclude = get('parameterPresets.exclude');
  const filesExclude = get('files.exclude');
  return {
    presetsFolder: get('parameterPresets.presetsFolder'),
    exclude: Array.isArray(exclude) ? exclude.filter((glob): glob is string => typeof glob === 'string') : [],
    filesExclude:
      typeof filesExclude === 'object' && filesExclude !== null
        ? Object.entries(filesExclude)
            .filter(([, enabled]) => enabled === true)
            .map(([glob]) => glob)
        : [],
    problems,
  };
}

function describeParseError(code: string): string {
  // "PropertyNameExpected" → "property name expected"
  return code.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
}
