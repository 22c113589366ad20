/**
 * What the editor shows about flags (SPEC §6), as plain data for the extension to render: completion
 * items for flag names and values, and the facts of a hover with their Markdown.
 */
import type { Runtime, Scalar } from '../model';
import { formatScalar } from '../values';
import {
  compareVersions,
  intSuffixNames,
  refusesConvertedNone,
  RUNTIME_LABELS,
  type FlagArea,
  type FlagIndex,
  type FlagRange,
  type IndexedFlag,
} from './catalog';
import { formatRange } from './flagChecks';

export interface FlagCompletion {
  /** The primary name, as a preset writes it. */
  readonly name: string;
  /** e.g. `int · default 1`, `one of lpm, random, fcfs · default "fcfs"`, `on/off · default off`. */
  readonly detail: string;
  readonly description: string | null;
  readonly area: FlagArea | null;
  readonly common: boolean;
  readonly deprecated: boolean;
  /** The runtimes that have the flag (both, for a preset for any runtime). */
  readonly runtimes: readonly Runtime[];
  /** Orders the list: commonly tuned first, deprecated last, then by name. */
  readonly sortText: string;
}

/** The flags to offer inside `parameters`, of the given catalog(s) only, commonly tuned first. */
export function flagCompletions(indexes: FlagIndex | readonly FlagIndex[]): FlagCompletion[] {
  const list = Array.isArray(indexes) ? (indexes as readonly FlagIndex[]) : [indexes as FlagIndex];
  const byName = new Map<string, { flag: IndexedFlag; runtimes: Runtime[] }>();
  for (const index of list) {
    for (const flag of index.flags) {
      const seen = byName.get(flag.name);
      if (!seen) byName.set(flag.name, { flag, runtimes: [index.runtime] });
      else if (!seen.runtimes.includes(index.runtime)) seen.runtimes.push(index.runtime);
    }
  }
  const items = [...byName.values()].map(({ flag, runtimes }) => {
    const rank = flag.deprecated ? 2 : flag.common ? 0 : 1;
    return {
      name: flag.name,
      detail: flagDetail(flag),
      description: flag.description,
      area: flag.area,
      common: flag.common,
      deprecated: flag.deprecated !== null,
      runtimes,
      sortText: `${rank}:${flag.name}`,
    };
  });
  return items.sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
}

const DETAIL_CHOICES = 6;

/** A flag's type, choices and default in one line. */
export function flagDetail(flag: IndexedFlag): string {
  const parts: string[] = [];
  if (flag.is_flag) parts.push('on/off');
  else if (flag.choices) {
    // A completion's detail is one short line: a long list is cut, the hover has it all.
    const shown = flag.choices.slice(0, DETAIL_CHOICES).map(formatChoice).join(', ');
    const more = flag.choices.length - DETAIL_CHOICES;
    parts.push(`one of ${shown}${more > 0 ? `, … (${flag.choices.length})` : ''}`);
  } else {
    const type = shortType(flag);
    parts.push(takesSeveralValues(flag) ? `${type} (several, space-separated)` : type);
  }
  parts.push(defaultText(flag));
  return parts.join(' · ');
}

function shortSuffixes(flag: IndexedFlag): string {
  return [...intSuffixNames(flag), ...Object.keys(flag.int_words ?? {})].join(', ');
}

function formatChoice(choice: Scalar): string {
  return typeof choice === 'string' ? choice : formatScalar(choice);
}

function defaultText(flag: IndexedFlag): string {
  if (flag.is_flag)
    return flag.default === true ? 'default on' : flag.default === false ? 'default off' : 'default unset';
  if (flag.default === null || flag.default === undefined) return 'no default (set at start-up)';
  return `default ${JSON.stringify(flag.default)}`;
}

export interface ValueCompletion {
  readonly value: Scalar;
  /** The value as JSON text, to insert. */
  readonly label: string;
  readonly detail: string;
}

/** The values to offer inside a flag's list: its choices, true/false for an on/off flag, and its default. */
export function valueCompletions(flag: IndexedFlag): ValueCompletion[] {
  const items: ValueCompletion[] = [];
  const add = (value: Scalar, detail: string): void => {
    if (!items.some((item) => item.value === value)) items.push({ value, label: formatScalar(value), detail });
  };
  if (flag.is_flag) {
    add(true, flag.negation ? `launches --${flag.name}` : 'turns it on');
    add(false, 'launches nothing: the default');
    return items;
  }
  const isDefault = (value: Scalar): boolean => value === flag.default && value !== null;
  for (const choice of flag.choices ?? []) {
    // The choice vLLM lists but refuses (see refusesConvertedNone) is not offered.
    if (choice === 'None' && refusesConvertedNone(flag)) continue;
    add(choice, isDefault(choice) ? 'choice, the default' : 'choice');
  }
  if (isPlainValue(flag.default)) add(flag.default, 'the default');
  return items;
}

/** A default a preset can list as it is: not None, not a list. */
function isPlainValue(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

/** The facts of a flag for a hover. */
export interface FlagFacts {
  readonly name: string;
  readonly runtime: Runtime;
  readonly version: string;
  readonly type: string;
  readonly takesValue: boolean;
  readonly default: unknown;
  readonly choices: readonly Scalar[] | null;
  readonly choicesEnforced: boolean;
  readonly range: { readonly range: FlagRange; readonly text: string; readonly source: string } | null;
  readonly aliases: readonly string[];
  readonly negation: string | null;
  readonly deprecated: { readonly replacement: string | null } | null;
  /** Shipped versions of this runtime that have the flag, and those that do not, oldest first. */
  readonly inVersions: readonly string[];
  readonly notInVersions: readonly string[];
  readonly description: string | null;
  readonly docsUrl: string | null;
  readonly markdown: string;
}

/**
 * A flag's facts. `versions` are the indexes of every shipped version of the flag's runtime (the one
 * the flag came from included or not), to say which have it.
 */
export function describeFlag(
  flag: IndexedFlag,
  options: { versions: readonly FlagIndex[]; docsUrl?: string | null },
): FlagFacts {
  const versions = [
    ...new Set([flag.version, ...options.versions.filter((v) => v.runtime === flag.runtime).map((v) => v.version)]),
  ].sort(compareVersions);
  const has = (version: string): boolean =>
    version === flag.version ||
    options.versions.some((v) => v.version === version && v.runtime === flag.runtime && v.find(flag.name));
  const inVersions = versions.filter(has);
  const notInVersions = versions.filter((v) => !has(v));
  const docsUrl = options.docsUrl ?? options.versions.find((v) => v.docsUrl)?.docsUrl ?? null;
  const range = flag.effectiveRange && {
    range: flag.effectiveRange,
    text: formatRange(flag.effectiveRange),
    source: flag.rangeSource === 'declared' ? `declared by ${RUNTIME_LABELS[flag.runtime]}` : (flag.rangeSource ?? ''),
  };
  const facts = {
    name: flag.name,
    runtime: flag.runtime,
    version: flag.version,
    type: flag.type,
    takesValue: !flag.is_flag,
    default: flag.default,
    choices: flag.choices,
    choicesEnforced: flag.choices_enforced,
    range,
    aliases: flag.aliases,
    negation: flag.negation,
    deprecated: flag.deprecated,
    inVersions,
    notInVersions,
    description: flag.description,
    docsUrl,
  };
  return { ...facts, markdown: hoverMarkdown(facts, flag) };
}

/**
 * What a flag's converter does beyond its type, one note each: the suffixes and words a human-readable int
 * takes, the `str` methods applied before the choices are compared, and what the argument None does. `mark`
 * sets off a literal (Markdown code in a hover, nothing in a terminal).
 */
export function converterNotes(flag: IndexedFlag, mark: (text: string) => string = (text) => text): string[] {
  const notes: string[] = [];
  if (flag.int_suffixes) {
    const { decimal, binary } = flag.int_suffixes;
    const list = (suffixes: Readonly<Record<string, number>>) =>
      Object.entries(suffixes).map(([suffix, times]) => `${mark(suffix)} ×${times}`);
    const kinds = [
      ...(Object.keys(decimal).length ? [`${list(decimal).join(', ')} (after a whole or fractional number)`] : []),
      ...(Object.keys(binary).length ? [`${list(binary).join(', ')} (after a whole number)`] : []),
      ...Object.keys(flag.int_words ?? {}).map((word) => `${mark(word)} in any case`),
    ];
    notes.push(`also takes: ${kinds.join('; ')}`);
  }
  if (flag.transform) {
    const steps = flag.transform.map(([method, ...args]) =>
      mark(`${method}(${args.map((a) => JSON.stringify(a)).join(', ')})`),
    );
    notes.push(`converted with ${steps.join(', ')} before the choices are compared`);
  }
  if (refusesConvertedNone(flag))
    notes.push(
      `${mark('None')} is refused: it is read as Python's None, which no choice equals (the listed one is text)`,
    );
  else if (flag.accepts_none) notes.push(`${mark('None')} leaves it unset`);
  return notes;
}

/** Whether a flag takes several space-separated values after it (`nargs` of `+`, `*` or a count). */
export function takesSeveralValues(flag: IndexedFlag): boolean {
  return flag.nargs !== null && flag.nargs !== '?';
}

/** A flag's type in a few words: a human-readable int is an int with its suffixes, `int (k, m, …)`. */
export function shortType(flag: IndexedFlag): string {
  return flag.int_suffixes ? `int (${shortSuffixes(flag)})` : flag.type;
}

function code(text: string): string {
  return '`' + text.replaceAll('`', "'") + '`';
}

function hoverMarkdown(facts: Omit<FlagFacts, 'markdown'>, flag: IndexedFlag): string {
  const label = RUNTIME_LABELS[facts.runtime];
  const lines = [`**${code('--' + facts.name)}** (${label} ${facts.version})`, ''];
  if (facts.description) lines.push(facts.description, '');
  if (facts.deprecated) {
    lines.push(
      `**Deprecated**${facts.deprecated.replacement ? `: use ${code(facts.deprecated.replacement)}` : ''}.`,
      '',
    );
  }
  lines.push(`- type: ${flag.is_flag ? 'on/off (takes no value)' : code(facts.type)}`);
  lines.push(...converterNotes(flag, code).map((note) => `- ${note}`));
  lines.push(`- ${defaultText(flag)}`);
  if (facts.choices) {
    lines.push(
      `- choices${facts.choicesEnforced ? '' : ' (not enforced)'}: ${facts.choices.map((c) => code(formatChoice(c))).join(', ')}`,
    );
  }
  if (facts.range) lines.push(`- range: ${code(facts.range.text)} (${facts.range.source})`);
  if (facts.aliases.length > 0) lines.push(`- aliases: ${facts.aliases.map(code).join(', ')}`);
  if (facts.negation) lines.push(`- turned off with ${code('--' + facts.negation)}`);
  lines.push(
    `- in ${label} ${facts.inVersions.join(', ')}` +
      (facts.notInVersions.length ? `; not in ${facts.notInVersions.join(', ')}` : ''),
  );
  if (facts.docsUrl) lines.push('', `[${label} server arguments](${facts.docsUrl})`);
  return lines.join('\n');
}
