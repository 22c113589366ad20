/** `presets flags`: look up the runtimes' server flags by name, alias or word (SPEC §5, §6). */
import { RUNTIMES, type Runtime, type Scalar } from '../core/model';
import { RUNTIME_LABELS, type FlagIndex, type IndexedFlag } from '../core/runtime/catalog';
import { formatRange, suggestFlag } from '../core/runtime/flagChecks';
import { converterNotes, describeFlag, shortType, takesSeveralValues } from '../core/runtime/flagInfo';
import { searchFlags } from '../core/runtime/flagSearch';
import { plural } from '../core/grid';
import { terminalText } from '../core/terminalText';
import { bundledCatalogs, checkedVersion } from './runtimeOptions';
import { EXIT_OK, helpOption, stringOption, usageError, type CliIo, type Command, type ParsedArgs } from './shared';
import { formatTable } from './table';

export const flagsCommand: Command = {
  summary: "Look up SGLang's and vLLM's server flags by name, alias or word",
  usage: `presets flags [--runtime R] [--version V] [--json] [QUERY…]

  QUERY        a flag's name or alias (tp-size, tp_size; one with dashes after "--": -- -tp), part of a
               name, or words of its name and description ("prefix cache"); without one, every flag
  --runtime R  sglang or vllm (default: both)
  --version V  the catalog version of --runtime (default: sglang 0.5.2, the newest vLLM)
  --json       print one JSON array of the flags' facts
A * in COMMON marks the flags people commonly tune.`,
  options: {
    runtime: { type: 'string', short: 'r' },
    version: { type: 'string' },
    json: { type: 'boolean' },
    ...helpOption,
  },
  run: runFlags,
};

const TABLE_CHOICES = 4;

function runFlags(args: ParsedArgs, io: CliIo): number {
  const runtime = stringOption(args, 'runtime');
  const version = stringOption(args, 'version');
  if (runtime !== undefined && !RUNTIMES.includes(runtime as Runtime))
    throw usageError(terminalText`unknown runtime "${runtime}"; use ${RUNTIMES.join(' or ')}`, 'flags');
  if (version !== undefined && runtime === undefined)
    throw usageError('--version needs --runtime: the runtimes number their versions apart', 'flags');
  const catalogs = bundledCatalogs();
  const runtimes = runtime === undefined ? RUNTIMES : [runtime as Runtime];
  const indexes = runtimes.map((r) =>
    version === undefined
      ? catalogs.select(r).index
      : catalogs.index(r, checkedVersion(r, version, 'flags', catalogs, '--version')),
  );
  const query = args.positionals.join(' ');
  const hits = searchFlags(indexes, query);

  const versionsOf = (r: Runtime): FlagIndex[] => catalogs.versions(r).map((v) => catalogs.index(r, v));
  if (args.values.json) {
    const all = new Map<Runtime, FlagIndex[]>();
    const facts = hits.map(({ flag }) => {
      if (!all.has(flag.runtime)) all.set(flag.runtime, versionsOf(flag.runtime));
      return flagJson(flag, all.get(flag.runtime)!);
    });
    io.stdout(JSON.stringify(facts, null, 2) + '\n');
    return EXIT_OK;
  }

  const where = indexes.map((index) => `${RUNTIME_LABELS[index.runtime]} ${index.version}`).join(' and ');
  if (hits.length === 0) {
    const suggestion = query.trim() === '' ? undefined : suggestFlag(query.trim(), indexes);
    io.stdout(
      terminalText`No flag matches "${query}" in ${where}` +
        (suggestion ? terminalText`; did you mean "${suggestion}"?` : '.') +
        '\n',
    );
    return EXIT_OK;
  }
  const both = indexes.length > 1;
  const table = formatTable(
    [
      ...(both ? [{ header: 'RUNTIME' }] : []),
      { header: 'FLAG' },
      { header: 'TYPE' },
      { header: 'DEFAULT' },
      { header: 'CHOICES' },
      { header: 'COMMON' },
    ],
    hits.map(({ flag }) => [
      ...(both ? [flag.runtime] : []),
      flag.name + (flag.deprecated ? ' (deprecated)' : ''),
      flag.is_flag ? 'on/off' : shortType(flag) + (takesSeveralValues(flag) ? '…' : ''),
      defaultCell(flag),
      choicesCell(flag.choices),
      flag.common ? '*' : '',
    ]),
  );
  io.stdout(table + '\n');
  // One flag the query names exactly: the facts a table cannot hold.
  const exact = hits.filter((hit) => hit.match === 'exact');
  if (exact.length === 1) io.stdout('\n' + flagDetails(exact[0]!.flag, versionsOf(exact[0]!.flag.runtime)) + '\n');
  io.stdout(`\n${plural(hits.length, 'flag')} in ${where}\n`);
  return EXIT_OK;
}

function defaultCell(flag: IndexedFlag): string {
  if (flag.is_flag) return flag.default === true ? 'on' : flag.default === false ? 'off' : '';
  if (flag.default === null || flag.default === undefined) return '';
  return typeof flag.default === 'string' ? flag.default : JSON.stringify(flag.default);
}

function choicesCell(choices: readonly Scalar[] | null): string {
  if (!choices) return '';
  const shown = choices.slice(0, TABLE_CHOICES).map((choice) => (typeof choice === 'string' ? choice : String(choice)));
  return shown.join(', ') + (choices.length > TABLE_CHOICES ? `, … (${choices.length})` : '');
}

/** A flag's description, aliases, choices, range, converter notes and the shipped versions that have it. */
function flagDetails(flag: IndexedFlag, versions: readonly FlagIndex[]): string {
  const { inVersions, notInVersions } = describeFlag(flag, { versions });
  const lines: string[] = [];
  if (flag.description) lines.push(flag.description);
  if (flag.deprecated)
    lines.push(`Deprecated${flag.deprecated.replacement ? `: use ${flag.deprecated.replacement}` : ''}.`);
  if (flag.aliases.length > 0) lines.push(`Aliases: ${flag.aliases.join(', ')}`);
  if (flag.negation) lines.push(`Turned off with --${flag.negation}`);
  if (flag.choices)
    lines.push(`Choices${flag.choices_enforced ? '' : ' (not enforced)'}: ${flag.choices.map(String).join(', ')}`);
  if (flag.effectiveRange)
    lines.push(
      `Range: ${formatRange(flag.effectiveRange)} (${flag.rangeSource === 'declared' ? 'declared' : flag.rangeSource})`,
    );
  for (const note of converterNotes(flag)) lines.push(note[0]!.toUpperCase() + note.slice(1));
  lines.push(
    `In ${RUNTIME_LABELS[flag.runtime]} ${inVersions.join(', ')}` +
      (notInVersions.length ? `; not in ${notInVersions.join(', ')}` : ''),
  );
  return lines.map((line) => terminalText`${line}`).join('\n');
}

function flagJson(flag: IndexedFlag, versions: readonly FlagIndex[]): Record<string, unknown> {
  const facts = describeFlag(flag, { versions });
  return {
    runtime: facts.runtime,
    version: facts.version,
    name: facts.name,
    aliases: facts.aliases,
    type: facts.type,
    takes_value: facts.takesValue,
    nargs: flag.nargs,
    default: facts.default ?? null,
    choices: facts.choices,
    choices_enforced: facts.choicesEnforced,
    range: facts.range && { ...facts.range.range, text: facts.range.text, source: facts.range.source },
    negation: facts.negation,
    deprecated: facts.deprecated,
    description: facts.description,
    area: flag.area,
    common: flag.common,
    in_versions: facts.inVersions,
    not_in_versions: facts.notInVersions,
    docs_url: facts.docsUrl,
  };
}
