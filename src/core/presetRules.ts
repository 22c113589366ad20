/**
 * The rules of a preset file (SPEC §1), written once. The shapes below check a parsed file and describe it:
 * the validator runs them, `schemas/preset.schema.json` is generated from them (jsonSchema.ts), and every
 * diagnostic about a field comes from them. Rules across fields sit beside them (runtime against
 * `metadata.runtime`, the size limits); the rule across files, unique names, is the catalog's.
 *
 * More rules plug in as {@link PresetRule}s: they get the validated preset and report problems by path, and
 * the analysis locates them in the text like the built-in ones (`analyzePresetText(text, { rules })`).
 */
import type { JsonPath } from './jsonText';
import { Limits } from './limits';
import { distinctWithPositions } from './listPositions';
import { DiagnosticCodes, RUNTIMES, type Preset, type Runtime, type Scalar } from './model';
import {
  anything,
  checkShape,
  either,
  list,
  map,
  object,
  oneOf,
  optional,
  required,
  scalar,
  string,
  withExpected,
  type Problem,
  type Report,
} from './shapes';
import { describeJsonValue, formatScalar, hasRepeatedScalar, isPlainObject, scalarKey } from './values';

export const NAME_MAX_LENGTH = 255;
export const CATEGORY_MAX_LENGTH = 100;
export const EXPORT_FORMAT_VERSION = '1.0';

/** Where a preset comes from; it decides which keys deserve a warning. */
export type PresetOrigin = 'system' | 'workspace' | 'import';

/** What the rules know beyond the value. */
export interface RuleContext {
  readonly origin: PresetOrigin;
}

/** A problem a rule found: where it is (a path in the preset; its key or its value), how bad, and what. */
export type RuleProblem = Problem;

/** What a {@link PresetRule} is given besides the preset. */
export interface PresetRuleContext extends RuleContext {
  /**
   * The file's text: `locatePaths(text, paths)` (jsonText.ts) tells how a value is written, e.g. `1.0` or `1`;
   * a value's path in the text is `toTextPath(preset, path)` (listPositions.ts), as a list may repeat a value.
   */
  readonly text: string;
  /**
   * True when the text writes every number as its parsed value reads back (no `2.0`, `1e3` or sixteen digits:
   * `mayWriteNumbersOtherwise`), so a rule need not look at the text to know how a number is written.
   */
  readonly numbersAsParsed: boolean;
}

/**
 * One more source of rules, e.g. a runtime's flag checks. It runs on a preset that passed the built-in rules,
 * and reports problems by path from the preset (`["parameters", "tp-size"]` with target "key" for a flag,
 * `["parameters", "tp-size", 1]` for one of its values, its position in the preset's list); the analysis
 * locates each at its place in the text, and inside an export envelope adds the `preset` step. A problem that
 * is an error makes the preset unusable, as a built-in error does.
 */
export interface PresetRule {
  /** Names the rule when it fails. */
  readonly id: string;
  check(preset: Preset, context: PresetRuleContext): readonly RuleProblem[];
}

/** Length in characters (code points), as JSON schema's maxLength and the autotuner count it. */
function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

const RUNTIME_VALUES: readonly (Runtime | null)[] = [...RUNTIMES, null];

const runtime = oneOf<RuleContext>(RUNTIME_VALUES, {
  about: {
    title: 'Runtime',
    description:
      `The inference server the preset is written for: ${RUNTIMES.map((r) => `"${r}"`).join(', ')}, or null for any. ` +
      'metadata.runtime is read too; this field wins.',
  },
});

const name = string<RuleContext>({
  about: {
    title: 'Name',
    description:
      `Unique name of the preset, 1–${NAME_MAX_LENGTH} characters. Two presets may not share a name; ` +
      'names that differ only in case get a warning.',
    snippet: '$1',
  },
  checks: [
    (value, report) => {
      if (!/\S/.test(value))
        report({ severity: 'error', code: DiagnosticCodes.invalidValue, message: 'must not be empty' });
      // UTF-16 units never number fewer than characters: most names need no count.
      const count = value.length > NAME_MAX_LENGTH ? characterCount(value.trim()) : 0;
      if (count > NAME_MAX_LENGTH)
        report({
          severity: 'error',
          code: DiagnosticCodes.invalidValue,
          message: `must be at most ${NAME_MAX_LENGTH} characters, got ${count}`,
        });
    },
  ],
});

// A number the file writes that a double cannot keep is reported from the text (jsonText.ts
// findInexactNumbers): the parsed value cannot tell the integer 6.02e+23 from 602000000000000000000000.
const candidateValue = scalar<RuleContext>({
  about: {
    title: 'Candidate value',
    description: 'One value to try for this flag: a string, number, boolean or null.',
  },
});

const candidateValues = list<RuleContext>(candidateValue, {
  expected: 'a non-empty list of values',
  typeCode: DiagnosticCodes.notAList,
  about: {
    title: 'Candidate values',
    description:
      'The values to try for this flag, at least one. Each value appears once; a repeated value is ignored with a warning.',
    snippet: ['^$1'],
  },
  checks: [
    (values, report) => {
      if (values.length === 0)
        report({
          severity: 'error',
          code: DiagnosticCodes.emptyList,
          message: 'expected a non-empty list of values, got an empty list',
        });
    },
    reportRepeatedValues,
  ],
});

/** A value repeated in one list: a warning at each repeat (objects and lists, errors of their own, repeat nothing). */
function reportRepeatedValues(values: readonly unknown[], report: Report): void {
  if (!hasRepeatedScalar(values as Scalar[])) return;
  const firstAt = new Map<string, number>();
  values.forEach((value, index) => {
    if (value !== null && typeof value === 'object') return;
    const key = scalarKey(value as Scalar);
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, index);
    else
      report({
        severity: 'warning',
        code: DiagnosticCodes.duplicateValue,
        path: [index],
        message: `${formatScalar(value as Scalar)} is already in this list (position ${first + 1}); the repeat is ignored`,
      });
  });
}

const parameters = map<RuleContext>(candidateValues, {
  expected: 'an object of parameter lists such as {"tp-size": [1, 2]}',
  about: {
    title: 'Parameters',
    description:
      'The grid: each key is a server flag (for example "tp-size"), each value the list of candidate values. ' +
      'The autotuner runs every combination.',
    snippet: { '${1:tp-size}': ['^${2:1}'] },
  },
  keyChecks: [
    (key, report) => {
      if (key === '')
        report({ severity: 'error', code: DiagnosticCodes.invalidValue, message: 'parameter names must not be empty' });
    },
  ],
  checks: [
    (grid, report) => {
      if (Object.keys(grid).length === 0)
        report({
          severity: 'error',
          code: DiagnosticCodes.invalidValue,
          message: 'expected at least one parameter, got an empty object',
        });
    },
  ],
});

const plainString = string<RuleContext>();

const metadata = object<RuleContext>(
  {
    author: optional(string({ about: { title: 'Author', description: 'Who wrote the preset.', snippet: '$1' } })),
    tags: optional(
      list(plainString, {
        expected: 'a list of strings',
        about: {
          title: 'Tags',
          description: 'Words to find the preset by; the sidebar filter searches them.',
          snippet: ['$1'],
        },
      }),
    ),
    recommended_for: optional(
      either([plainString, list(plainString)], {
        expected: 'a string or a list of strings',
        about: { title: 'Recommended for', description: 'Workloads or models the preset suits.' },
      }),
    ),
    // Checked against the top-level runtime (runtimeAgreement), where it is read.
    runtime: optional(
      anything({
        about: {
          title: 'Runtime (also read here)',
          description: `Read when there is no top-level runtime: ${RUNTIMES.map((r) => `"${r}"`).join(', ')} or null.`,
          examples: RUNTIME_VALUES,
        },
      }),
    ),
  },
  {
    nullable: true,
    about: {
      title: 'Metadata',
      description:
        'Free-form information: author, tags and recommended_for are understood; other keys are kept as they are.',
    },
  },
);

/** Keys the autotuner's server assigns, and why each is ignored in a workspace file. */
const SERVER_ASSIGNED: ReadonlyMap<string, string> = new Map([
  ['is_system', 'ignored; only presets bundled with the extension are system presets'],
  ['id', 'ignored; the autotuner assigns ids'],
  ['created_at', 'ignored; the autotuner sets timestamps'],
  ['updated_at', 'ignored; the autotuner sets timestamps'],
]);

/** Keys the autotuner's server assigns. In a workspace file they are ignored with a warning. */
export const SERVER_ASSIGNED_KEYS: ReadonlySet<string> = new Set(SERVER_ASSIGNED.keys());

/** A preset as written in a `*.preset.json` file (or inside an export envelope). */
export const PRESET = object<RuleContext>(
  {
    $schema: optional(string({ about: { title: 'Schema', description: 'Ignored by Parameter Presets.' } })),
    name: required(name, 'missing; every preset needs a name'),
    description: optional(
      string({
        nullable: true,
        about: { title: 'Description', description: 'What the preset is for.', snippet: '$1' },
      }),
    ),
    category: optional(
      string({
        nullable: true,
        about: {
          title: 'Category',
          description: `Group shown in the sidebar, at most ${CATEGORY_MAX_LENGTH} characters; missing or null is "Uncategorized".`,
          snippet: '$1',
        },
        checks: [
          (value, report) => {
            const count = value.length > CATEGORY_MAX_LENGTH ? characterCount(value) : 0;
            if (count > CATEGORY_MAX_LENGTH)
              report({
                severity: 'error',
                code: DiagnosticCodes.invalidValue,
                message: `must be at most ${CATEGORY_MAX_LENGTH} characters, got ${count}`,
              });
          },
        ],
      }),
    ),
    runtime: optional(runtime),
    parameters: required(
      parameters,
      'missing; a preset needs at least one parameter, e.g. "parameters": {"tp-size": [1, 2]}',
    ),
    metadata: optional(metadata),
  },
  {
    expected: 'a preset object such as {"name": "…", "parameters": {…}}',
    typeCode: DiagnosticCodes.notAnObject,
    about: {
      id: 'preset',
      title: 'Preset',
      description: 'A named, reusable piece of a parameter grid.',
      snippet: { name: '$1', parameters: { '${2:tp-size}': ['^${3:1}'] } },
    },
    gate: sizeLimits,
    otherKey: (key, report, context) => {
      const ignored = SERVER_ASSIGNED.get(key);
      if (ignored === undefined)
        report({ severity: 'warning', code: DiagnosticCodes.unknownKey, message: 'not a preset field; kept as it is' });
      else if (context.origin === 'workspace')
        report({ severity: 'warning', code: DiagnosticCodes.ignoredKey, message: ignored });
    },
    checks: [runtimeAgreement],
  },
);

/** The fields of a preset file; anything else is kept with a warning. */
export const PRESET_KEYS: ReadonlySet<string> = new Set(PRESET.fields.keys());

/**
 * Too many parameters or values. Such a file is reported for its size alone and not checked value by
 * value: that would take long and flood the Problems panel.
 */
function sizeLimits(preset: Record<string, unknown>, report: Report): void {
  const metadata = preset.metadata;
  if (isPlainObject(metadata))
    for (const key of LISTS_OF_METADATA) {
      const values = metadata[key];
      if (isTooLong(values)) reportTooLong(report, ['metadata', key], values);
    }
  const grid = preset.parameters;
  if (!isPlainObject(grid)) return;
  const keys = Object.keys(grid);
  if (keys.length > Limits.maxParameters)
    return reportTooMany(
      report,
      ['parameters'],
      `${keys.length} parameters is more than the ${Limits.maxParameters} a preset may hold`,
    );
  let total = 0;
  let longLists = 0;
  for (let i = 0; i < keys.length; i++) {
    const values = grid[keys[i]];
    if (!Array.isArray(values)) continue;
    total += values.length;
    if (!isTooLong(values)) continue;
    reportTooLong(report, ['parameters', keys[i]], values);
    longLists++;
  }
  if (longLists === 0 && total > Limits.maxValues)
    reportTooMany(
      report,
      ['parameters'],
      `${total} values in all is more than the ${Limits.maxValues} a preset may hold`,
    );
}

// The size checks' helpers are functions of the module, not closures made per file: a closure's optimized
// code lasts only as long as some closure of it does, so per-file closures were compiled again after every
// full garbage collection. A path and a message are made only for a list that is too long: most files have none.
const LISTS_OF_METADATA = ['tags', 'recommended_for'] as const;

function isTooLong(values: unknown): values is unknown[] {
  return Array.isArray(values) && values.length > Limits.maxValuesPerList;
}

function reportTooLong(report: Report, path: JsonPath, values: readonly unknown[]): void {
  reportTooMany(report, path, `${values.length} values is more than the ${Limits.maxValuesPerList} a list may hold`);
}

function reportTooMany(report: Report, path: JsonPath, message: string): void {
  report({ severity: 'error', code: DiagnosticCodes.tooMany, path, message });
}

/** `metadata.runtime` is read where there is no top-level runtime; where there is one, it must agree. */
function runtimeAgreement(preset: Record<string, unknown>, report: Report, context: RuleContext): void {
  const nested = isPlainObject(preset.metadata) ? preset.metadata.runtime : undefined;
  if (nested === undefined) return;
  const path = ['metadata', 'runtime'];
  const topLevel = preset.runtime;
  if (!isRuntime(nested)) {
    if (topLevel === undefined) for (const problem of checkShape(runtime, nested, context, path)) report(problem);
    else {
      const got = typeof nested === 'string' ? JSON.stringify(nested) : describeJsonValue(nested);
      report({
        severity: 'warning',
        code: DiagnosticCodes.runtimeMismatch,
        path,
        message: `${got} is not a runtime; ignored, the top-level runtime applies`,
      });
    }
  } else if (topLevel !== undefined && isRuntime(topLevel) && topLevel !== nested) {
    report({
      severity: 'warning',
      code: DiagnosticCodes.runtimeMismatch,
      path,
      message: `${JSON.stringify(nested)} differs from runtime ${JSON.stringify(topLevel)}; the top-level runtime wins`,
    });
  }
}

function isRuntime(value: unknown): value is Runtime | null {
  return (RUNTIME_VALUES as readonly unknown[]).includes(value);
}

/** An export envelope is told apart by these keys: it has `preset`, and neither of a bare preset's required fields. */
export const ENVELOPE_SIGNATURE = { present: ['preset'], absent: ['name', 'parameters'] } as const;

/** The autotuner's export format: `{"version": "1.0", "preset": {…}}`. */
export const ENVELOPE = object<RuleContext>(
  {
    version: required(
      anything({
        about: {
          title: 'Format version',
          description: `Version of the autotuner's export format, "${EXPORT_FORMAT_VERSION}".`,
          examples: [EXPORT_FORMAT_VERSION],
        },
        checks: [
          (value, report) => {
            if (value === EXPORT_FORMAT_VERSION) return;
            const got = typeof value === 'string' ? JSON.stringify(value) : describeJsonValue(value);
            report({ severity: 'warning', code: DiagnosticCodes.envelopeVersion, message: versionMessage(got) });
          },
        ],
      }),
      { severity: 'warning', code: DiagnosticCodes.envelopeVersion, message: versionMessage('nothing') },
    ),
    preset: required(withExpected<typeof PRESET, RuleContext>(PRESET, 'a preset object')),
  },
  {
    about: { title: 'Export envelope' },
    otherKey: (_key, report) =>
      report({
        severity: 'warning',
        code: DiagnosticCodes.unknownKey,
        message: 'not part of the export format; ignored',
      }),
  },
);

function versionMessage(got: string): string {
  return `expected "${EXPORT_FORMAT_VERSION}", got ${got}; reading it as ${EXPORT_FORMAT_VERSION}`;
}

function isEnvelope(value: Record<string, unknown>): boolean {
  return (
    ENVELOPE_SIGNATURE.present.every((key) => Object.hasOwn(value, key)) &&
    !ENVELOPE_SIGNATURE.absent.some((key) => Object.hasOwn(value, key))
  );
}

/** A preset file checked by the built-in rules of its shape (strings that cannot be saved: {@link unsavableStrings}). */
export interface CheckedPresetFile {
  readonly problems: readonly Problem[];
  /** The normalized preset, when no problem is an error. */
  readonly preset?: Preset;
  /** The trimmed name, whenever one can be read (also from files with errors). */
  readonly name?: string;
  /** The category, whenever one can be read (also from files with errors). */
  readonly category?: string;
  readonly isEnvelope: boolean;
  /** Where the preset is in the file: `["preset"]` in an envelope, else the root. */
  readonly presetPath: JsonPath;
}

/**
 * Checks a parsed preset file (a bare preset, an export envelope or an autotuner API object) against the
 * rules. The preset shares the value's lists and objects: pass a value of your own, as parsing makes.
 */
export function checkPresetFile(value: unknown, context: RuleContext): CheckedPresetFile {
  const envelope = isPlainObject(value) && isEnvelope(value);
  const problems = checkShape(envelope ? ENVELOPE : PRESET, value, context);
  const body = envelope ? (value as Record<string, unknown>).preset : value;
  const presetPath = envelope ? ['preset'] : [];
  if (!isPlainObject(body)) return { problems, isEnvelope: envelope, presetPath };
  const name = typeof body.name === 'string' && body.name.trim() !== '' ? body.name.trim() : undefined;
  const category = typeof body.category === 'string' ? body.category : undefined;
  const valid = !problems.some((problem) => problem.severity === 'error');
  const repeats = problems.some((problem) => problem.code === DiagnosticCodes.duplicateValue);
  const preset = valid ? toPreset(body, repeats) : undefined;
  return { problems, preset, name, category, isEnvelope: envelope, presetPath };
}

/**
 * A preset that passed the rules, normalized: absent fields null, the name trimmed, each list without repeats
 * (`repeats`: the rules reported some), and then where the text writes each value kept.
 */
function toPreset(body: Record<string, unknown>, repeats: boolean): Preset {
  const lists = body.parameters as Record<string, Scalar[]>;
  // Most grids repeat nothing (no repeat was reported): the parsed grid is the preset's own, as it is, and
  // its positions are the text's.
  let grid = lists;
  let textPositions: Record<string, number[]> | undefined;
  if (repeats) {
    grid = {};
    textPositions = {};
    for (const key of Object.keys(lists)) {
      // A list without repeats is the parsed one, as the whole grid is when nothing repeats.
      if (!hasRepeatedScalar(lists[key])) {
        setKey(grid, key, lists[key]);
        continue;
      }
      const distinct = distinctWithPositions(lists[key]);
      setKey(grid, key, distinct.values);
      setKey(textPositions, key, distinct.positions);
    }
  }
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(body))
    if (!PRESET_KEYS.has(key) && !SERVER_ASSIGNED.has(key)) setKey(extra, key, body[key]);
  const metadata = (body.metadata as Record<string, unknown> | null | undefined) ?? null;
  const nested = metadata?.runtime;
  return {
    name: (body.name as string).trim(),
    description: (body.description as string | null | undefined) ?? null,
    category: (body.category as string | null | undefined) ?? null,
    runtime: body.runtime !== undefined ? (body.runtime as Runtime | null) : isRuntime(nested) ? nested : null,
    parameters: grid,
    metadata,
    extra,
    ...(textPositions && { textPositions }),
  };
}

function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment of "__proto__" would change the prototype instead of adding the key.
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Half of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Strings (keys included) that hold a lone surrogate: no character, so no UTF-8 file and no autotuner
 * database can hold them. A rule on the whole value, since any string of the file may; the analysis runs it
 * only when the text can hold one (an escaped surrogate, or an editor's text with half a pair).
 */
export function unsavableStrings(value: unknown): Problem[] {
  const problems: Problem[] = [];
  const describe = (text: string): string => {
    const unit = LONE_SURROGATE.exec(text)![0].charCodeAt(0).toString(16);
    return `holds a lone surrogate (\\u${unit}), half of a character that cannot be saved as UTF-8; write the whole character or remove the escape`;
  };
  const walk = (item: unknown, path: (string | number)[]): void => {
    if (typeof item === 'string') {
      if (LONE_SURROGATE.test(item))
        problems.push({ path, severity: 'error', code: DiagnosticCodes.encoding, message: describe(item) });
    } else if (Array.isArray(item)) {
      item.forEach((element, index) => walk(element, [...path, index]));
    } else if (isPlainObject(item)) {
      for (const key of Object.keys(item)) {
        if (LONE_SURROGATE.test(key))
          problems.push({
            path: [...path, key],
            target: 'key',
            severity: 'error',
            code: DiagnosticCodes.encoding,
            message: `the key ${describe(key)}`,
          });
        walk(item[key], [...path, key]);
      }
    }
  };
  walk(value, []);
  return problems;
}
