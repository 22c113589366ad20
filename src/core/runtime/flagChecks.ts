/**
 * Flag checks (SPEC §6): a preset's parameters against the catalogs of the runtimes it is for. Every
 * problem is a warning, since a runtime plugin can add flags and choices the catalog cannot know, and
 * each carries the data of its quick fix. Lookups come from the prebuilt indexes; only an unknown flag
 * pays for a search (its "did you mean").
 */
import type { ParameterGrid, Runtime, Scalar } from '../model';
import { formatFieldPath, formatScalar } from '../values';
import {
  compareVersions,
  intSuffixNames,
  isIntFlag,
  refusesConvertedNone,
  RUNTIME_LABELS,
  type CounterpartIndex,
  type FlagIndex,
  type FlagMatch,
  type FlagRange,
  type IndexedFlag,
  type StrStep,
} from './catalog';
import { humanReadableInt, isOptionLike, pythonFloat, pythonInt } from './pythonNumber';
import { isPythonFloat, PYTHON_WHITESPACE, pythonSplit, pythonStr, type ValueTokens } from './pythonStr';

export const FlagProblemCodes = {
  unknown: 'flag-unknown',
  /** A prefix of one long option, which argparse accepts for it. */
  abbreviation: 'flag-abbreviation',
  otherRuntime: 'flag-other-runtime',
  type: 'flag-type',
  choice: 'flag-choice',
  range: 'flag-range',
  deprecated: 'flag-deprecated',
  removed: 'flag-removed',
  /** Only newer shipped versions have the flag. */
  notYet: 'flag-not-yet',
  null: 'flag-null',
  whitespace: 'flag-whitespace',
  false: 'flag-false',
} as const;
export type FlagProblemCode = (typeof FlagProblemCodes)[keyof typeof FlagProblemCodes];

/** What a quick fix does, as data: the extension and the CLI apply it to the text. */
export type FlagFix =
  | { readonly kind: 'rename-key'; readonly to: string }
  | { readonly kind: 'remove-key' }
  | { readonly kind: 'replace-value'; readonly with: Scalar }
  /** Remove the value from its list (the parameter too when its list becomes empty: the default applies). */
  | { readonly kind: 'remove-value' }
  /** Write `<flag>: [true]` instead of the `false` value (vLLM's `no-` form). */
  | { readonly kind: 'use-negation'; readonly flag: string };

export interface FlagProblem {
  /** The parameter key as the preset writes it. */
  readonly flag: string;
  readonly valueIndex?: number;
  /** Whether the problem's range is the key or the value at `valueIndex`. */
  readonly target: 'key' | 'value';
  readonly severity: 'warning';
  readonly code: FlagProblemCode;
  /** Starts with the field path (`parameters.<flag>` or `parameters.<flag>[i]`) and names the flag. */
  readonly message: string;
  readonly fix?: FlagFix;
}

/** A runtime a preset is checked against: the index of the version that applies, and the others shipped. */
export interface RuntimeToCheck {
  readonly runtime: Runtime;
  readonly index: FlagIndex;
  /** The other shipped versions of this runtime, to tell a removed flag from an unknown one. */
  readonly otherVersions?: readonly FlagIndex[];
}

export interface FlagCheckOptions {
  /** Runtimes the preset is not for, to name a flag that belongs to one of them. */
  readonly otherRuntimes?: readonly { readonly runtime: Runtime; readonly index: FlagIndex }[];
  readonly counterparts?: CounterpartIndex;
  /** The values' source text, so `2.0` for an int flag is seen as the float Python reads. */
  readonly tokens?: ValueTokens;
  /**
   * The problems of unknown keys already found with these runtimes and options, by key: its "did you mean"
   * searches every spelling, and a workspace repeats the same few unknown keys in many files.
   */
  readonly unknownKeys?: Map<string, FlagProblem>;
}

/**
 * The flag problems of a preset's parameters. With one runtime, the preset is checked against it; with
 * several (a preset for any runtime), only a flag none of them knows is a key problem, and each value is
 * checked by the runtimes that know its flag.
 */
export function checkFlags(
  parameters: ParameterGrid,
  runtimes: readonly RuntimeToCheck[],
  options: FlagCheckOptions = {},
): FlagProblem[] {
  const problems: FlagProblem[] = [];
  for (const key in parameters) {
    if (!Object.hasOwn(parameters, key)) continue;
    const values = parameters[key]!;
    // Plain loops: this runs for every preset of a large workspace, mostly finding nothing.
    let first: FlagMatch | undefined;
    let others: FlagMatch[] | undefined;
    for (const r of runtimes) {
      const match = r.index.find(key);
      if (!match) continue;
      if (!first) first = match;
      else (others ??= []).push(match);
    }
    if (!first) {
      let unknown = options.unknownKeys?.get(key);
      if (!unknown) {
        unknown = keyProblemOfUnknown(key, runtimes, options);
        options.unknownKeys?.set(key, unknown);
      }
      problems.push(unknown);
      continue;
    }
    const tokens = options.tokens?.[key];
    // With several runtimes knowing the flag, a problem both find is reported once; made at the first problem.
    let seen: Set<string> | undefined;
    // Indexed rather than over `[first, ...others]`: no list made per key of every preset.
    for (let m = 0; m <= (others?.length ?? 0); m++) {
      const match = m === 0 ? first : others![m - 1]!;
      const deprecated = deprecationProblem(key, match);
      if (deprecated && !seen?.has(deprecated.code)) {
        problems.push(deprecated);
        if (others) (seen ??= new Set()).add(deprecated.code);
      }
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        const token = tokens?.[i];
        // The common cases, a plain number within range or a plain string among the choices, allocate nothing
        // and need no call of the full check.
        if (plainlyAccepted(match.flag, value, token)) continue;
        const found = valueProblem(match, value, token);
        if (!found || seen?.has(`${found.code}:${i}`)) continue;
        if (others) (seen ??= new Set()).add(`${found.code}:${i}`);
        problems.push(valueProblemAt(key, i, found));
      }
    }
  }
  return problems;
}

// Apart from checkFlags, as keyProblem is: the few values with a problem then cost its optimized loop nothing.
function valueProblemAt(key: string, valueIndex: number, found: ValueFinding): FlagProblem {
  return {
    flag: key,
    valueIndex,
    target: 'value',
    severity: 'warning',
    ...found,
    message: `${formatFieldPath(['parameters', key, valueIndex])}: ${found.message}`,
  };
}

function where(index: FlagIndex): string {
  return `${RUNTIME_LABELS[index.runtime]} ${index.version}`;
}

function keyProblem(key: string, code: FlagProblemCode, message: string, fix?: FlagFix): FlagProblem {
  return {
    flag: key,
    target: 'key',
    severity: 'warning',
    code,
    message: `${formatFieldPath(['parameters', key])}: ${message}`,
    ...(fix ? { fix } : {}),
  };
}

function keyProblemOfUnknown(key: string, runtimes: readonly RuntimeToCheck[], options: FlagCheckOptions): FlagProblem {
  const checked = runtimes.map((r) => where(r.index)).join(' or ');
  // argparse takes an unambiguous prefix of a long option for it (neither runtime turns allow_abbrev off), so
  // the server launches; the full name says what it means and keeps working when a flag that shares it is added.
  const candidates = runtimes.map((r) => abbreviationCandidates(key, r.index));
  const single = candidates.find((found) => found.length === 1)?.[0];
  if (single) {
    return keyProblem(
      key,
      FlagProblemCodes.abbreviation,
      `"${key}" is an abbreviation argparse accepts for "${single}"; write the full name`,
      { kind: 'rename-key', to: single },
    );
  }
  for (const r of runtimes) {
    // Newest first: a flag removed since one version and added back later reads as present.
    const others = [...(r.otherVersions ?? [])].sort((a, b) => compareVersions(b.version, a.version));
    for (const other of others) {
      const match = other.find(key);
      if (!match) continue;
      if (compareVersions(other.version, r.index.version) > 0) {
        return keyProblem(
          key,
          FlagProblemCodes.notYet,
          `"${key}" is not in ${where(r.index)}; only the newer ${other.version} has it`,
          { kind: 'remove-key' },
        );
      }
      const replacement = match.flag.deprecated?.replacement;
      const then = replacement && r.index.find(replacement) ? `; use "${replacement}"` : '';
      return keyProblem(
        key,
        FlagProblemCodes.removed,
        `"${key}" was removed: ${where(r.index)} has no such flag (${other.version} has)${then}`,
        then ? { kind: 'rename-key', to: replacement! } : { kind: 'remove-key' },
      );
    }
  }
  if (runtimes.length === 1) {
    const mine = runtimes[0]!;
    for (const other of options.otherRuntimes ?? []) {
      const match = other.index.find(key);
      if (!match) continue;
      const entry = options.counterparts?.find(other.runtime, match.flag.name);
      const counterpart = entry?.[mine.runtime];
      const known = counterpart !== undefined && mine.index.find(counterpart) !== undefined;
      const exactness = entry?.exactness === 'approximate' ? ' (approximately)' : '';
      return keyProblem(
        key,
        FlagProblemCodes.otherRuntime,
        `"${key}" is ${other.runtime === 'sglang' ? 'an' : 'a'} ${RUNTIME_LABELS[other.runtime]} flag, not one of ${where(mine.index)}` +
          (known
            ? `; its ${RUNTIME_LABELS[mine.runtime]} counterpart${exactness} is "${counterpart}"`
            : `; ${RUNTIME_LABELS[mine.runtime]} has no counterpart`),
        known ? { kind: 'rename-key', to: counterpart } : { kind: 'remove-key' },
      );
    }
  }
  const ambiguous = [...new Set(candidates.flat())];
  if (ambiguous.length > 1) {
    const shown = ambiguous.slice(0, AMBIGUOUS_SHOWN).map((spelling) => `"${spelling}"`);
    const more = ambiguous.length > AMBIGUOUS_SHOWN ? ` and ${ambiguous.length - AMBIGUOUS_SHOWN} more` : '';
    return keyProblem(
      key,
      FlagProblemCodes.unknown,
      `unknown flag "${key}" in ${checked}: argparse refuses it as an abbreviation of several flags (${shown.join(', ')}${more}); write the full name`,
    );
  }
  const suggestion = suggestFlag(
    key,
    runtimes.map((r) => r.index),
  );
  return keyProblem(
    key,
    FlagProblemCodes.unknown,
    `unknown flag "${key}" in ${checked}` + (suggestion ? `; did you mean "${suggestion}"?` : ''),
    suggestion ? { kind: 'rename-key', to: suggestion } : undefined,
  );
}

/** How many of an ambiguous abbreviation's flags a message names. */
const AMBIGUOUS_SHOWN = 5;

/**
 * The long options of a catalog that `key` is a prefix of, as argparse matches it: the key as launched
 * (`--key`), after vLLM's parser has turned its underscores into dashes. A key written with one dash is no
 * long option, and an empty one abbreviates nothing.
 */
function abbreviationCandidates(key: string, index: FlagIndex): string[] {
  const bare = key.startsWith('--') ? key.slice(2) : key;
  if (bare === '' || bare.startsWith('-') || key.includes('=')) return [];
  const launched = index.runtime === 'vllm' ? bare.replaceAll('_', '-') : bare;
  return index.longOptionsStartingWith(launched).map(({ spelling }) => spelling);
}

function deprecationProblem(key: string, { flag }: FlagMatch): FlagProblem | undefined {
  if (!flag.deprecated) return undefined;
  const replacement = flag.deprecated.replacement;
  return keyProblem(
    key,
    FlagProblemCodes.deprecated,
    `"${key}" is deprecated in ${RUNTIME_LABELS[flag.runtime]} ${flag.version}` +
      (replacement ? `; use "${replacement}"` : ''),
    replacement ? { kind: 'rename-key', to: replacement } : undefined,
  );
}

export type ValueFinding = { code: FlagProblemCode; message: string; fix?: FlagFix };

/**
 * The first problem of one value, if any: one per value, the one that matters most at launch. The full
 * check, called for a value {@link plainlyAccepted} does not accept; exported for the test that keeps the two
 * in agreement.
 */
export function valueProblem(
  { flag, via }: FlagMatch,
  value: Scalar,
  token: string | undefined,
): ValueFinding | undefined {
  const name = via === 'negation' ? flag.negation! : flag.name;
  // A number as its file writes it: `2.0` is what the user wrote and what Python launches, not the 2 it parses to.
  const shown = typeof value === 'number' && token !== undefined ? token : formatScalar(value);
  if (flag.is_flag) {
    if (value === true) return undefined;
    if (value === false) {
      // The `no-` form only says something when the default is not already off.
      const negation = via !== 'negation' && flag.default !== false && flag.negation;
      return {
        code: FlagProblemCodes.false,
        message:
          `false launches nothing, which leaves "${flag.name}" at its default (${describeDefault(flag.default)})` +
          (negation ? `; to turn it off, write "${negation}": [true]` : ''),
        fix: negation ? { kind: 'use-negation', flag: negation } : { kind: 'remove-value' },
      };
    }
    return {
      code: FlagProblemCodes.type,
      message: `"${name}" is an on/off flag and takes no value; ${shown} would be launched after it (write true)`,
      fix: value === 'true' || value === 1 ? { kind: 'replace-value', with: true } : undefined,
    };
  }
  if (value === false) {
    // As for an on/off flag: the run launches, with the flag at its default, which the Runs view shows.
    return {
      code: FlagProblemCodes.false,
      message: `false launches nothing, which leaves "${flag.name}" at its default (${describeDefault(flag.default)})`,
      fix: { kind: 'remove-value' },
    };
  }
  const label = `${RUNTIME_LABELS[flag.runtime]} ${flag.version}`;
  if (value === null) {
    if (refusesConvertedNone(flag)) return convertedNoneProblem(name, label, 'null');
    // The converter reads None as "not set" (vLLM's optional types, nullable_str), or "None" is a choice of text.
    if (flag.accepts_none || flag.choiceTexts?.includes('None')) return undefined;
    return {
      code: FlagProblemCodes.null,
      message:
        `null is launched as "--${name} None", ` +
        (flag.choices && flag.choices_enforced
          ? `not one of the choices of "${name}" in ${label}`
          : `the text None, as "${name}"'s value`) +
        '; leave the value out to keep the default',
      fix: { kind: 'remove-value' },
    };
  }
  const text = pythonStr(value, token);
  // The arguments the flag is followed by at launch: `true` is the bare flag, and the command is split on whitespace.
  const parts = value === true ? [] : pythonSplit(text);
  const arity = argumentCount(flag.nargs);
  if (parts.length < arity.min || parts.length > arity.max) {
    if (typeof value === 'string' && PYTHON_WHITESPACE.test(value))
      return {
        code: FlagProblemCodes.whitespace,
        message: `${shown} holds whitespace, where the autotuner splits the command: "${name}" would get ${parts.length} arguments`,
      };
    return {
      code: FlagProblemCodes.type,
      message:
        (parts.length === 0
          ? `${shown} launches "--${name}" without a value, but "${name}" takes ${typeText(flag)}`
          : `${shown} is one argument, but "${name}" takes ${arity.min}`) + `: argparse stops with "${arity.missing}"`,
    };
  }
  for (const part of parts) {
    if (isOptionLike(part))
      return {
        code: FlagProblemCodes.type,
        message:
          (part === value ? `${shown} starts with "-"` : `${shown} is launched as "${part}"`) +
          `, which argparse takes for an option, not a value of "${name}"`,
      };
    const typeError = typeProblem(flag, value, part, token);
    if (typeError)
      return {
        code: FlagProblemCodes.type,
        message: `${shown} is ${typeError} for "${name}", which takes ${typeText(flag)}`,
        fix: typeFix(flag, value),
      };
  }
  if (parts.includes('None') && refusesConvertedNone(flag)) return convertedNoneProblem(name, label, shown);
  if (flag.choices && flag.choices_enforced && !parts.every((part) => isChoice(flag, part))) {
    const nearest = nearestChoice(text, flag.choices);
    return {
      code: FlagProblemCodes.choice,
      message:
        `${shown} is not a choice of "${name}" in ${label} (${flag.choiceTexts!.join(', ')})` +
        (nearest !== undefined ? `; did you mean ${formatScalar(nearest)}?` : ''),
      fix: nearest !== undefined ? { kind: 'replace-value', with: nearest } : undefined,
    };
  }
  const range = flag.effectiveRange;
  if (range && (isIntFlag(flag) || flag.type === 'float')) {
    for (const part of parts) {
      if (flag.accepts_none && part === 'None') continue;
      const number = isIntFlag(flag) ? Number(flagInt(flag, part)) : pythonFloat(part)!;
      if (Number.isFinite(number) && !inRange(number, range)) {
        const source = flag.rangeSource === 'declared' ? `declared by ${label}` : flag.rangeSource;
        return {
          code: FlagProblemCodes.range,
          message: `${shown} is outside ${formatRange(range)}, the range of "${name}" (${source})`,
        };
      }
    }
  }
  return undefined;
}

/** The argument None where the flag's converter makes it Python's None, which no choice of text equals. */
function convertedNoneProblem(name: string, label: string, shown: string): ValueFinding {
  return {
    code: FlagProblemCodes.null,
    message:
      `${shown} is launched as "--${name} None", which ${label} refuses: it reads None as Python's None before ` +
      `comparing it with the choices, and the "None" among them is text; leave the value out to keep the default`,
    fix: { kind: 'remove-value' },
  };
}

/**
 * How many arguments argparse takes after a flag of this `nargs`, and what it says when there are too few;
 * the extra ones it refuses as unrecognized. `*`, and any other `nargs`, is not counted.
 */
function argumentCount(nargs: string | number | null): { min: number; max: number; missing: string } {
  if (nargs === null) return { min: 1, max: 1, missing: 'expected one argument' };
  if (nargs === '?') return { min: 0, max: 1, missing: '' };
  if (nargs === '+') return { min: 1, max: Infinity, missing: 'expected at least one argument' };
  if (typeof nargs === 'number')
    return { min: nargs, max: nargs, missing: `expected ${nargs} argument${nargs === 1 ? '' : 's'}` };
  return { min: 0, max: Infinity, missing: '' };
}

/**
 * Whether one argument is among the flag's choices as argparse tests it: after the flag's type has converted
 * it, so "02" is the int 2, by Python's `==` (where True is 1).
 */
function isChoice(flag: IndexedFlag, part: string): boolean {
  if (!isIntFlag(flag) && flag.type !== 'float') {
    const converted = flag.transform ? transformed(part, flag.transform) : part;
    // A converter step the checks do not know: what argparse compares is not known either.
    return converted === undefined || flag.choiceTexts!.includes(converted);
  }
  const number = isIntFlag(flag) ? flagInt(flag, part) : pythonFloat(part);
  return flag.choices!.some((choice) => {
    const wanted = typeof choice === 'boolean' ? Number(choice) : choice;
    if (typeof wanted !== 'number') return false;
    if (typeof number === 'bigint') return Number.isInteger(wanted) && BigInt(wanted) === number;
    return wanted === number;
  });
}

/**
 * True for a value the checks of `valueProblem` would accept, told without writing its text: `true` for an
 * on/off flag (what most on/off flags in a workspace hold); a whole number (as written) for an int flag, a
 * finite number for a float flag, within the range if any and not negative; a string for a str flag that is one
 * argument argparse reads as a value (not empty, no whitespace, no leading dash), one of its choices when they
 * are enforced. False means: check it fully.
 */
export function plainlyAccepted(flag: IndexedFlag, value: Scalar, token: string | undefined): boolean {
  if (flag.is_flag) return value === true;
  if (flag.nargs !== null) return false;
  if (typeof value === 'number') {
    // A negative number may be launched in a form argparse takes for an option (`-1e-05`).
    if (flag.choices_enforced || value < 0) return false;
    const int = isIntFlag(flag);
    if (int ? !Number.isInteger(value) || token !== undefined : flag.type !== 'float')
      return flag.effectiveRange === null && !int;
    return Number.isFinite(value) && (flag.effectiveRange === null || inRange(value, flag.effectiveRange));
  }
  return (
    typeof value === 'string' &&
    flag.type === 'str' &&
    value !== '' &&
    !value.startsWith('-') &&
    !PYTHON_WHITESPACE.test(value) &&
    (!flag.choices_enforced || (flag.choiceTexts!.includes(value) && !(value === 'None' && flag.accepts_none)))
  );
}

/**
 * Why one argument is not of the flag's type, if it is not. argparse's `type=int` / `type=float` read the
 * text the autotuner passes (`str(value)`) as Python's int() and float() do, so a string like "2" or "1_0" is
 * a fine int, and a float such as `2.0` is no int.
 */
function typeProblem(flag: IndexedFlag, value: Scalar, part: string, token: string | undefined): string | undefined {
  if (flag.accepts_none && part === 'None') return undefined;
  if (isIntFlag(flag)) {
    if (typeof value === 'number' && isPythonFloat(value, token)) return 'a float';
    return flagInt(flag, part) === undefined ? 'not an integer' : undefined;
  }
  if (flag.type === 'float') return pythonFloat(part) === undefined ? 'not a number' : undefined;
  return undefined;
}

function typeFix(flag: IndexedFlag, value: Scalar): FlagFix | undefined {
  if (isIntFlag(flag) && typeof value === 'number' && Number.isInteger(value))
    return { kind: 'replace-value', with: value };
  return undefined;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The int an argument converts to, as the flag's converter reads it; undefined where it raises. */
function flagInt(flag: IndexedFlag, part: string): bigint | undefined {
  return flag.int_suffixes ? humanReadableInt(part, flag.int_suffixes, flag.int_words) : pythonInt(part);
}

/** What a flag takes, in a message: its type, and for a human-readable int its suffixes and words. */
export function typeText(flag: IndexedFlag): string {
  if (!flag.int_suffixes) return article(flag.type);
  const suffixes = intSuffixNames(flag);
  const words = Object.keys(flag.int_words ?? {}).map((word) => `"${word}"`);
  return `an int, or one with a suffix (${suffixes.join(', ')})` + (words.length ? ` or ${words.join(', ')}` : '');
}

/** The argument after the converter's `str` methods; undefined for a method the checks do not know. */
function transformed(part: string, steps: readonly StrStep[]): string | undefined {
  let text = part;
  for (const [method, ...args] of steps) {
    if (method === 'lower') text = text.toLowerCase();
    else if (method === 'upper') text = text.toUpperCase();
    else if (method === 'strip')
      continue; // an argument of the split command holds no whitespace
    else if (method === 'replace' && args.length === 2) text = text.replaceAll(args[0]!, args[1]!);
    else return undefined;
  }
  return text;
}

function describeDefault(value: unknown): string {
  if (value === null || value === undefined) return 'unset';
  if (value === false) return 'off';
  if (value === true) return 'on';
  return `default ${JSON.stringify(value)}`;
}

function inRange(n: number, r: FlagRange): boolean {
  return (
    (r.gt === undefined || n > r.gt) &&
    (r.ge === undefined || n >= r.ge) &&
    (r.lt === undefined || n < r.lt) &&
    (r.le === undefined || n <= r.le)
  );
}

/** A range in interval notation: `(0, 1]`, `[0, ∞)`. */
export function formatRange(r: FlagRange): string {
  const low = r.gt !== undefined ? `(${r.gt}` : r.ge !== undefined ? `[${r.ge}` : '(-∞';
  const high = r.lt !== undefined ? `${r.lt})` : r.le !== undefined ? `${r.le}]` : '∞)';
  return `${low}, ${high}`;
}

function nearestChoice(text: string, choices: readonly Scalar[]): Scalar | undefined {
  let best: Scalar | undefined;
  let bestDistance = Math.max(1, Math.floor(text.length / 3)) + 1;
  for (const choice of choices) {
    if (choice === null) continue;
    const candidate = pythonStr(choice);
    const d = candidate.toLowerCase() === text.toLowerCase() ? 0 : editDistance(text, candidate, bestDistance);
    if (d < bestDistance) {
      best = choice;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The flag a mistyped key most likely meant, as the preset should write it: the same name with dashes
 * for underscores, else the one flag it abbreviates, else the nearest spelling by edit distance (within
 * a quarter of its length). A long alias is suggested as itself, anything else as the primary name.
 */
export function suggestFlag(key: string, indexes: readonly FlagIndex[]): string | undefined {
  const bare = key.replace(/^-+/, '');
  const dashed = bare.replaceAll('_', '-');
  for (const index of indexes) {
    const match = index.find(dashed);
    if (match) return match.via === 'negation' ? match.flag.negation! : match.flag.name;
  }
  const prefixed = new Set<string>();
  for (const index of indexes)
    for (const { match } of index.longOptionsStartingWith(dashed))
      if (match.via === 'name') prefixed.add(match.flag.name);
  if (prefixed.size === 1) return [...prefixed][0];
  const wanted = dashed.toLowerCase();
  const allowed = Math.max(2, Math.floor(dashed.length / 4));
  // Most mistyped keys are one or two edits from a flag, and a search within two edits is quick (each distance
  // gives up after a few characters); it finds what the whole allowance would, since nearer always wins.
  return nearestSpelling(wanted, indexes, 2) ?? (allowed > 2 ? nearestSpelling(wanted, indexes, allowed) : undefined);
}

/**
 * The spelling nearest to `wanted` within `allowed` edits, a commonly tuned flag first among equals, as
 * {@link suggestFlag} names it; undefined when none is that near.
 */
function nearestSpelling(wanted: string, indexes: readonly FlagIndex[], allowed: number): string | undefined {
  let best: string | undefined;
  let bestDistance = allowed + 1;
  let bestCommon = false;
  for (const index of indexes) {
    for (const { spelling, lowercase, flag } of index.spellings) {
      // One past the best so far, so a tie is seen as a tie.
      const d = editDistance(wanted, lowercase, bestDistance + 1);
      if (d < bestDistance || (d === bestDistance && flag.common && !bestCommon && best !== undefined)) {
        const isLongAlias = flag.aliases.includes(`--${spelling}`) || spelling === flag.negation;
        best = isLongAlias ? spelling : flag.name;
        bestDistance = d;
        bestCommon = flag.common;
      }
    }
  }
  return best;
}

/** Levenshtein distance, or `limit` as soon as it cannot be less. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  // Row i holds the distances from a's first i characters to each start of b; two rows, swapped after each.
  // A cell `limit` or more off the diagonal is at least `limit` (each step off it costs one): only the band
  // closer to it is computed, and a cell next to the band counts as `limit`.
  const band = limit - 1;
  let previous: number[] = [];
  let current: number[] = [];
  for (let j = 0; j <= Math.min(b.length, band); j++) previous.push(j);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(b.length, i + band);
    current[from - 1] = from === 1 ? i : limit;
    if (i + band <= b.length) previous[to] = limit;
    const char = a.charCodeAt(i - 1);
    let rowMin = current[from - 1]!;
    for (let j = from; j <= to; j++) {
      const cost = char === b.charCodeAt(j - 1) ? 0 : 1;
      const d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin >= limit) return limit;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length]!, limit);
}
