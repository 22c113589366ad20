/**
 * A small vocabulary for what a JSON value must be. Each shape does two things from one definition: it
 * checks a parsed value, reporting problems by path, and it describes the value for editors (titles,
 * descriptions, examples and snippets in a JSON schema, see {@link describeShape}). The descriptions carry
 * no checks: the checks are reported by whoever runs them, with their own messages, and an editor that also
 * ran them from the schema would say everything twice.
 */
import type { DiagnosticCode, Severity } from './model';
import type { JsonPath, PathSegment } from './jsonText';
import { describeJsonValue, isPlainObject, isScalar } from './values';

/** A problem found in a value. */
export interface Problem {
  /** Where, from the value the check was given. */
  readonly path: JsonPath;
  /** The key of the property at `path` rather than its value (an unknown key, a bad parameter name). */
  readonly target?: 'key' | 'value';
  readonly severity: Severity;
  readonly code: DiagnosticCode | (string & {});
  /** What is wrong, without the path: the reader of the message gets it as a prefix. */
  readonly message: string;
  /** For a quick fix: plain JSON data. */
  readonly data?: unknown;
}

/** What a check reports, its path relative to the value checked. */
export type ReportedProblem = Omit<Problem, 'path'> & { readonly path?: JsonPath };
export type Report = (problem: ReportedProblem) => void;

/** A rule beyond the shape's type: it looks at the value (of the right type) and reports what is wrong. */
export type Check<T, C> = (value: T, report: Report, context: C) => void;

/** What an editor shows and offers for a value: hover text and completions. */
export interface Description {
  /** Names the description where several places share it (`definitions` in the JSON schema). */
  readonly id?: string;
  readonly title?: string;
  readonly description?: string;
  /** Values offered as completions. */
  readonly examples?: readonly unknown[];
  /** What completion inserts, as a VS Code snippet body (strings may hold `$1`; a leading `^` inserts them unquoted). */
  readonly snippet?: unknown;
}

interface ShapeBase<T, C> {
  readonly about?: Description;
  /** Ends the message for a value of the wrong type: "expected {expected}, got a number". */
  readonly expected: string;
  /** The code of that message. */
  readonly typeCode: DiagnosticCode;
  /** Null is allowed too. */
  readonly nullable: boolean;
  readonly checks: readonly Check<T, C>[];
}

export interface StringShape<C> extends ShapeBase<string, C> {
  readonly kind: 'string';
}
/** One of a few strings (or null). A wrong string is quoted in the message: `got "tgi"` says more than `got a string`. */
export interface OneOfShape<C> extends ShapeBase<string | null, C> {
  readonly kind: 'oneOf';
  readonly values: readonly (string | null)[];
}
export interface BooleanShape<C> extends ShapeBase<boolean, C> {
  readonly kind: 'boolean';
}
export interface NumberShape<C> extends ShapeBase<number, C> {
  readonly kind: 'number';
}
/** A string, a finite number, a boolean or null. */
export interface ScalarShape<C> extends ShapeBase<string | number | boolean | null, C> {
  readonly kind: 'scalar';
}
export interface ListShape<C> extends ShapeBase<readonly unknown[], C> {
  readonly kind: 'list';
  readonly items: Shape<C>;
}
/** An object whose keys are the user's (a grid's parameters), each value of one shape. */
export interface MapShape<C> extends ShapeBase<Record<string, unknown>, C> {
  readonly kind: 'map';
  readonly values: Shape<C>;
  /** Checks of each key, reported at the key. */
  readonly keyChecks: readonly Check<string, C>[];
}
export interface Field<C> {
  readonly shape: Shape<C>;
  /** When the field is required: the problem its absence is (reported at the object lacking it). */
  readonly missing?: Omit<ReportedProblem, 'path' | 'target'>;
}
/** An object with known fields. */
export interface ObjectShape<C> extends ShapeBase<Record<string, unknown>, C> {
  readonly kind: 'object';
  readonly fields: ReadonlyMap<string, Field<C>>;
  /** The fields as a list, to walk them without making an entry for each. */
  readonly fieldList: readonly (readonly [string, Field<C>])[];
  /** What a key that is not a field is: reported (at the key) or accepted. */
  readonly otherKey?: (key: string, report: Report, context: C) => void;
  /** Checked first; when it reports an error, nothing else in the object is checked (a file too large to check). */
  readonly gate?: Check<Record<string, unknown>, C>;
}
/** The first of several shapes that the value fits. */
export interface EitherShape<C> extends ShapeBase<unknown, C> {
  readonly kind: 'either';
  readonly options: readonly Shape<C>[];
}
/** Anything: only its checks decide. */
export interface AnyShape<C> extends ShapeBase<unknown, C> {
  readonly kind: 'any';
}

export type Shape<C> =
  | StringShape<C>
  | OneOfShape<C>
  | BooleanShape<C>
  | NumberShape<C>
  | ScalarShape<C>
  | ListShape<C>
  | MapShape<C>
  | ObjectShape<C>
  | EitherShape<C>
  | AnyShape<C>;

interface Options<T, C> {
  readonly about?: Description;
  readonly expected?: string;
  readonly typeCode?: DiagnosticCode;
  readonly nullable?: boolean;
  readonly checks?: readonly Check<T, C>[];
}

/**
 * Every shape is made here, with all the properties any kind has, in one order: the checker reads them from
 * shapes of every kind, and objects of one layout keep those reads fast.
 */
function make<C>(
  kind: Shape<C>['kind'],
  options: Options<never, C>,
  expected: string,
  p: Readonly<Record<string, unknown>> = {},
): unknown {
  return {
    kind,
    about: options.about,
    expected: options.expected ?? expected,
    typeCode: options.typeCode ?? 'invalid-type',
    nullable: options.nullable ?? false,
    checks: options.checks ?? [],
    values: p.values,
    items: p.items,
    keyChecks: p.keyChecks ?? [],
    fields: p.fields,
    fieldList: p.fields ? [...(p.fields as Map<string, Field<C>>)] : [],
    otherKey: p.otherKey,
    gate: p.gate,
    options: p.options,
  };
}

export function string<C>(options: Options<string, C> = {}): StringShape<C> {
  return typed('string', options);
}

export function boolean<C>(options: Options<boolean, C> = {}): BooleanShape<C> {
  return typed('boolean', options);
}

export function number<C>(options: Options<number, C> = {}): NumberShape<C> {
  return typed('number', options);
}

/** A shape of one `typeof`, named after it in messages: "a string", "a number or null". */
function typed<K extends 'string' | 'boolean' | 'number', S, C>(kind: K, options: Options<never, C>): S {
  return make(kind, options, options.nullable ? `a ${kind} or null` : `a ${kind}`) as S;
}

export function oneOf<C>(values: readonly (string | null)[], options: Options<string | null, C> = {}): OneOfShape<C> {
  const quoted = values.map((value) => JSON.stringify(value));
  const phrase = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}` : quoted[0];
  return make('oneOf', { typeCode: 'invalid-value', ...options } as Options<never, C>, phrase, {
    values,
  }) as OneOfShape<C>;
}

export function scalar<C>(options: Options<string | number | boolean | null, C> = {}): ScalarShape<C> {
  return make('scalar', options as Options<never, C>, 'a string, number, boolean or null') as ScalarShape<C>;
}

export function list<C>(items: Shape<C>, options: Options<readonly unknown[], C> = {}): ListShape<C> {
  return make('list', options as Options<never, C>, 'a list', { items }) as ListShape<C>;
}

export function map<C>(
  values: Shape<C>,
  options: Options<Record<string, unknown>, C> & { readonly keyChecks?: readonly Check<string, C>[] } = {},
): MapShape<C> {
  return make('map', options as Options<never, C>, 'an object', {
    values,
    keyChecks: options.keyChecks,
  }) as MapShape<C>;
}

export function object<C>(
  fields: Readonly<Record<string, Field<C>>>,
  options: Options<Record<string, unknown>, C> & Pick<ObjectShape<C>, 'otherKey' | 'gate'> = {},
): ObjectShape<C> {
  return make('object', options as Options<never, C>, 'an object', {
    fields: new Map(Object.entries(fields)),
    otherKey: options.otherKey,
    gate: options.gate,
  }) as ObjectShape<C>;
}

export function either<C>(options: readonly Shape<C>[], settings: Options<unknown, C> = {}): EitherShape<C> {
  const expected = options.map((option) => option.expected).join(' or ');
  return make('either', settings as Options<never, C>, expected, { options }) as EitherShape<C>;
}

export function anything<C>(options: Options<unknown, C> = {}): AnyShape<C> {
  return make('any', options as Options<never, C>, 'a value') as AnyShape<C>;
}

/** The same shape with another message for a value of the wrong type (its layout kept, see {@link make}). */
export function withExpected<S extends Shape<C>, C>(shape: S, expected: string): S {
  return { ...shape, expected };
}

/** A field that may be absent. */
export function optional<C>(shape: Shape<C>): Field<C> {
  return { shape };
}

/** A field that must be there; its absence is an error with this message. */
export function required<C>(shape: Shape<C>, missing: string | Field<C>['missing'] = 'missing'): Field<C> {
  return {
    shape,
    missing: typeof missing === 'string' ? { severity: 'error', code: 'missing-field', message: missing } : missing,
  };
}

/**
 * Checks `value` against `shape`, adding what is wrong to `problems` (paths prefixed with `path`).
 * Walks only what the shape describes: a value nested where the shape expects none is reported, not entered.
 */
export function checkShape<C>(shape: Shape<C>, value: unknown, context: C, path: JsonPath = []): Problem[] {
  const problems: Problem[] = [];
  const walkPath: PathSegment[] = [...path];
  const report: Report = (problem) => {
    problems.push({ ...problem, path: problem.path?.length ? [...walkPath, ...problem.path] : walkPath.slice() });
  };
  const reportAtKey: Report = (problem) => report({ target: 'key', ...problem });
  check({ context, problems, path: walkPath, report, reportAtKey }, shape, value);
  return problems;
}

/**
 * A walk's state, made in one object literal with all its fields: a class instance whose fields were added
 * one by one took a shape V8 may drop at a full garbage collection, and every function of the walk, which had
 * that shape built in, was then thrown away and compiled again.
 */
interface Walk<C> {
  readonly context: C;
  readonly problems: Problem[];
  /** The path of the value being checked: pushed and popped as the walk goes, copied into each problem. */
  readonly path: PathSegment[];
  readonly report: Report;
  readonly reportAtKey: Report;
}

function check<C>(walk: Walk<C>, shape: Shape<C>, value: unknown): void {
  if (value === null && shape.nullable) return;
  switch (shape.kind) {
    case 'string':
    case 'boolean':
    case 'number':
      if (typeof value !== shape.kind) return wrongType(walk, shape, value);
      return run<unknown, C>(walk, shape.checks as readonly Check<unknown, C>[], value);
    case 'oneOf':
      if (!shape.values.includes(value as string | null)) {
        const got = typeof value === 'string' ? JSON.stringify(value) : describeJsonValue(value);
        return walk.report({
          severity: 'error',
          code: shape.typeCode,
          message: `expected ${shape.expected}, got ${got}`,
        });
      }
      return run(walk, shape.checks, value as string | null);
    case 'scalar':
      if (!isScalar(value)) return wrongType(walk, shape, value);
      return run(walk, shape.checks, value);
    case 'list':
      if (!Array.isArray(value)) return wrongType(walk, shape, value);
      for (let index = 0; index < value.length; index++)
        if (!fitsWithoutChecks(shape.items, value[index])) at(walk, index, shape.items, value[index]);
      return run(walk, shape.checks, value);
    case 'map':
      if (!isPlainObject(value)) return wrongType(walk, shape, value);
      for (let i = 0, keys = Object.keys(value); i < keys.length; i++) {
        const key = keys[i];
        walk.path.push(key);
        for (let k = 0; k < shape.keyChecks.length; k++) shape.keyChecks[k](key, walk.reportAtKey, walk.context);
        check(walk, shape.values, value[key]);
        walk.path.pop();
      }
      return run(walk, shape.checks, value);
    case 'object':
      return checkObject(walk, shape, value);
    case 'either':
      return checkEither(walk, shape, value);
    case 'any':
      return run(walk, shape.checks, value);
  }
}

/**
 * True when the value fits a string or scalar shape that has no checks: nothing to report, so the walk need
 * not step into it. Most values of a file are a grid's scalars, and this is all their check comes to.
 */
function fitsWithoutChecks<C>(shape: Shape<C>, value: unknown): boolean {
  if (shape.checks.length > 0) return false;
  if (shape.kind === 'scalar') return isScalar(value);
  return shape.kind === 'string' && typeof value === 'string';
}

function checkObject<C>(walk: Walk<C>, shape: ObjectShape<C>, value: unknown): void {
  if (!isPlainObject(value)) return wrongType(walk, shape, value);
  if (shape.gate) {
    const before = walk.problems.length;
    shape.gate(value, walk.report, walk.context);
    for (let i = before; i < walk.problems.length; i++) if (walk.problems[i].severity === 'error') return;
  }
  for (let i = 0; i < shape.fieldList.length; i++) {
    const [key, field] = shape.fieldList[i];
    const item = Object.hasOwn(value, key) ? value[key] : undefined;
    if (item !== undefined) at(walk, key, field.shape, item);
    else if (field.missing) walk.report({ ...field.missing, path: [key] });
  }
  if (shape.otherKey) {
    for (let i = 0, keys = Object.keys(value); i < keys.length; i++) {
      const key = keys[i];
      if (shape.fields.has(key)) continue;
      walk.path.push(key);
      shape.otherKey(key, walk.reportAtKey, walk.context);
      walk.path.pop();
    }
  }
  run(walk, shape.checks, value);
}

function checkEither<C>(walk: Walk<C>, shape: EitherShape<C>, value: unknown): void {
  for (const option of shape.options) {
    const problems = checkShape(option, value, walk.context, walk.path);
    if (!problems.some((problem) => problem.severity === 'error')) {
      walk.problems.push(...problems);
      return run(walk, shape.checks, value);
    }
  }
  wrongType(walk, shape, value);
}

function at<C>(walk: Walk<C>, segment: PathSegment, shape: Shape<C>, value: unknown): void {
  walk.path.push(segment);
  check(walk, shape, value);
  walk.path.pop();
}

function run<T, C>(walk: Walk<C>, checks: readonly Check<T, C>[], value: T): void {
  for (let i = 0; i < checks.length; i++) checks[i](value, walk.report, walk.context);
}

function wrongType<C>(walk: Walk<C>, shape: Shape<C>, value: unknown): void {
  walk.report({
    severity: 'error',
    code: shape.typeCode,
    message: `expected ${shape.expected}, got ${describeJsonValue(value)}`,
  });
}

/**
 * The shape as a JSON schema that describes and checks nothing: titles and descriptions for hover,
 * examples and snippets for completion, and the structure (properties, items) they hang on. A shape whose
 * description has an `id` is described once, in `definitions`, and referred to wherever it is used.
 */
export function describeShape<C>(shape: Shape<C>, definitions: Record<string, unknown> = {}): Record<string, unknown> {
  const about = shape.about;
  if (about?.id !== undefined) {
    if (!(about.id in definitions)) {
      definitions[about.id] = {};
      definitions[about.id] = describeShape({ ...shape, about: { ...about, id: undefined } }, definitions);
    }
    return { $ref: `#/definitions/${about.id}` };
  }
  const schema: Record<string, unknown> = {};
  if (about?.title) schema.title = about.title;
  if (about?.description) schema.description = about.description;
  const examples = about?.examples ?? (shape.kind === 'oneOf' ? shape.values : undefined);
  if (examples) schema.examples = examples;
  if (about?.snippet !== undefined) schema.defaultSnippets = [{ body: about.snippet }];
  const describe = (inner: Shape<C>) => describeShape(inner, definitions);
  switch (shape.kind) {
    case 'list': {
      const items = describe(shape.items);
      if (Object.keys(items).length > 0) schema.items = items;
      break;
    }
    case 'map':
      schema.additionalProperties = describe(shape.values);
      break;
    case 'object':
      schema.properties = Object.fromEntries([...shape.fields].map(([key, field]) => [key, describe(field.shape)]));
      break;
    case 'either':
      schema.anyOf = shape.options.map(describe);
      break;
  }
  return schema;
}
