/**
 * The runtime flag catalogs as the CLI finds them: `runtimes/` beside `dist/`, opened only by a command
 * that needs them, and `--runtime-version RUNTIME=VERSION` (repeatable) to choose the versions checked.
 */
import { RUNTIMES, type Runtime } from '../core/model';
import { RUNTIME_LABELS } from '../core/runtime/catalog';
import { terminalText } from '../core/terminalText';
import type { PresetRule } from '../core/presetRules';
import { flagRule } from '../core/runtime/flagRule';
import { chooseFlagKnowledge, shippedRuntimeCatalogs } from '../node/flagKnowledge';
import type { RuntimeCatalogs } from '../node/runtimeCatalogs';
import { usageError, type ParsedArgs } from './shared';

/** Opens the bundled catalogs (`runtimes/` beside `dist/`); nothing is read until a catalog is asked for. */
export function bundledCatalogs(): RuntimeCatalogs {
  return shippedRuntimeCatalogs();
}

/**
 * The rules a command checks every preset file with: the flag rule at the versions `--runtime-version` chose,
 * or none with `--no-flag-checks`, when no catalog is read (`--runtime-version` is still checked). Built
 * before any file is read: a damaged catalog is one clear failure, not a failed check on every file.
 */
export function requestedFlagRules(args: ParsedArgs, command: string): PresetRule[] {
  const catalogs = bundledCatalogs();
  const versions = parseRuntimeVersions(args, command, () => catalogs);
  if (args.values['no-flag-checks'] === true) return [];
  return [flagRule(chooseFlagKnowledge(catalogs, { versions }).knowledge)];
}

export const runtimeVersionOption = { 'runtime-version': { type: 'string' as const, multiple: true } };

export const RUNTIME_VERSION_USAGE = `--runtime-version R=V  check against version V of runtime R (sglang, vllm); repeatable.
                         Default: sglang 0.5.2 and the newest vLLM, the autotuner's default images`;

export const noFlagChecksOption = { 'no-flag-checks': { type: 'boolean' as const } };

export const NO_FLAG_CHECKS_USAGE = `--no-flag-checks       skip the runtime flag checks (a runtime plugin's or a fork's flags)`;

/** The versions chosen per runtime; a runtime not named keeps its default. */
export type RuntimeVersions = Partial<Record<Runtime, string>>;

/** Reads `--runtime-version` values; a runtime or a version that is not shipped is a usage error naming the shipped ones. */
export function parseRuntimeVersions(
  args: ParsedArgs,
  command: string,
  catalogs: () => RuntimeCatalogs,
): RuntimeVersions {
  const given = args.values['runtime-version'];
  const list = Array.isArray(given) ? given : typeof given === 'string' ? [given] : [];
  const versions: RuntimeVersions = {};
  for (const item of list) {
    const [runtime, version] = splitOnce(item, '=');
    if (!RUNTIMES.includes(runtime as Runtime) || !version)
      throw usageError(
        terminalText`--runtime-version "${item}": write RUNTIME=VERSION with RUNTIME one of ${RUNTIMES.join(', ')}, e.g. sglang=0.5.2`,
        command,
      );
    versions[runtime as Runtime] = checkedVersion(
      runtime as Runtime,
      version,
      command,
      catalogs(),
      '--runtime-version',
    );
  }
  return versions;
}

/** A version the catalogs ship for `runtime`, else a usage error naming those shipped. */
export function checkedVersion(
  runtime: Runtime,
  version: string,
  command: string,
  catalogs: RuntimeCatalogs,
  option: string,
): string {
  const shipped = catalogs.versions(runtime);
  if (shipped.includes(version)) return version;
  throw usageError(
    terminalText`${option}: no ${RUNTIME_LABELS[runtime]} catalog "${version}"; the shipped versions are ${shipped.join(', ')}`,
    command,
  );
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text.trim(), ''] : [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}
