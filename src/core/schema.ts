/**
 * The zod schemas of a preset file and of the autotuner's export envelope. They are the single source
 * of truth for the structure: validation runs them, and `schemas/preset.schema.json` is generated
 * from them (see jsonSchema.ts), so editor hovers and our diagnostics say the same thing.
 *
 * Uses `zod/mini`, whose functions tree-shake: the extension bundle stays small.
 */
import * as z from 'zod/mini';
import { describeJsonValue } from './values';

export const NAME_MAX_LENGTH = 255;
export const CATEGORY_MAX_LENGTH = 100;

/** An error message "expected X, got Y" built from the offending input; "missing" when there is none. */
function expected(phrase: string) {
  return (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'missing' : `expected ${phrase}, got ${describeJsonValue(issue.input)}`;
}

/**
 * Like {@link expected}, for a field with a few allowed strings: a wrong string is quoted, since
 * `got "tgi"` says more than `got a string`.
 */
function expectedOneOf(phrase: string) {
  return (issue: { input?: unknown }): string =>
    typeof issue.input === 'string'
      ? `expected ${phrase}, got ${JSON.stringify(issue.input)}`
      : expected(phrase)(issue);
}

/** Length in characters (code points), as JSON schema's maxLength, zod's maxLength and the autotuner count. */
function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Attaches a title and description: they become hover text in the editor through the JSON schema. */
function described<T extends z.ZodMiniType>(schema: T, title: string, description: string): T {
  z.globalRegistry.add(schema as z.ZodMiniType, { title, description });
  return schema;
}

/**
 * The zod schemas, built on first use (then kept): building them costs milliseconds that loading the
 * extension should not pay, and validating a plainly valid preset never needs them
 * (passesPresetSchemaQuickly). The JSON schema generator and invalid presets do.
 */
export function presetSchemas(): PresetSchemas {
  schemas ??= buildSchemas();
  return schemas;
}

type PresetSchemas = ReturnType<typeof buildSchemas>;
let schemas: PresetSchemas | undefined;

function buildSchemas() {
  const scalarSchema = described(
    z.union([z.string(), z.number(), z.boolean(), z.null()], { error: expected('a string, number, boolean or null') }),
    'Candidate value',
    'One value to try for this flag: a string, number, boolean or null.',
  );

  const parameterValuesSchema = described(
    z
      .array(scalarSchema, { error: expected('a non-empty list of values') })
      .check(z.minLength(1, { error: 'expected a non-empty list of values, got an empty list' })),
    'Candidate values',
    'The values to try for this flag, at least one. Each value appears once; a repeated value is ignored with a warning.',
  );

  const parametersSchema = described(
    z
      .record(z.string().check(z.minLength(1, { error: 'parameter names must not be empty' })), parameterValuesSchema, {
        error: expected('an object of parameter lists such as {"tp-size": [1, 2]}'),
      })
      .check(
        z.refine((grid) => Object.keys(grid).length > 0, {
          error: 'expected at least one parameter, got an empty object',
        }),
      ),
    'Parameters',
    'The grid: each key is a server flag (for example "tp-size"), each value the list of candidate values. ' +
      'The autotuner runs every combination.',
  );

  const nameSchema = described(
    z.string({ error: expected('a string') }).check(
      z.regex(/\S/, { error: 'must not be empty' }),
      z.refine((name) => characterCount(name.trim()) <= NAME_MAX_LENGTH, {
        error: (issue) =>
          `must be at most ${NAME_MAX_LENGTH} characters, got ${characterCount(String(issue.input).trim())}`,
      }),
    ),
    'Name',
    `Unique name of the preset, 1–${NAME_MAX_LENGTH} characters. Two presets may not share a name; ` +
      'names that differ only in case get a warning.',
  );

  const runtimeSchema = z.nullable(z.enum(['sglang', 'vllm'], { error: expectedOneOf('"sglang", "vllm" or null') }));

  const metadataSchema = described(
    z.nullable(
      z.looseObject(
        {
          author: z.optional(described(z.string({ error: expected('a string') }), 'Author', 'Who wrote the preset.')),
          tags: z.optional(
            described(
              z.array(z.string({ error: expected('a string') }), { error: expected('a list of strings') }),
              'Tags',
              'Words to find the preset by; the sidebar filter searches them.',
            ),
          ),
          recommended_for: z.optional(
            described(
              z.union([z.string(), z.array(z.string())], { error: expected('a string or a list of strings') }),
              'Recommended for',
              'Workloads or models the preset suits.',
            ),
          ),
        },
        { error: expected('an object') },
      ),
    ),
    'Metadata',
    'Free-form information: author, tags and recommended_for are understood; other keys are kept as they are.',
  );

  /** A preset as written in a `*.preset.json` file (or inside an export envelope). */
  const presetFileSchema = z.looseObject(
    {
      $schema: z.optional(described(z.string(), 'Schema', 'Ignored by Parameter Presets.')),
      name: nameSchema,
      description: z.optional(
        described(
          z.nullable(z.string({ error: expected('a string or null') })),
          'Description',
          'What the preset is for.',
        ),
      ),
      category: z.optional(
        described(
          z.nullable(
            z.string({ error: expected('a string or null') }).check(
              z.maxLength(CATEGORY_MAX_LENGTH, {
                error: (issue) =>
                  `must be at most ${CATEGORY_MAX_LENGTH} characters, got ${characterCount(String(issue.input))}`,
              }),
            ),
          ),
          'Category',
          `Group shown in the sidebar, at most ${CATEGORY_MAX_LENGTH} characters; missing or null is "Uncategorized".`,
        ),
      ),
      runtime: z.optional(
        described(
          runtimeSchema,
          'Runtime',
          'The inference server the preset is written for: "sglang", "vllm", or null for any. ' +
            'metadata.runtime is read too; this field wins.',
        ),
      ),
      parameters: parametersSchema,
      metadata: z.optional(metadataSchema),
    },
    { error: expected('a preset object such as {"name": "…", "parameters": {…}}') },
  );
  /** The autotuner's export format: `{"version": "1.0", "preset": {…}}`. */
  const exportEnvelopeSchema = z.looseObject({
    version: described(
      z.string(),
      'Format version',
      `Version of the autotuner's export format, "${EXPORT_FORMAT_VERSION}".`,
    ),
    preset: described(presetFileSchema, 'Preset', 'The exported preset.'),
  });

  return {
    scalar: scalarSchema,
    parameterValues: parameterValuesSchema,
    parameters: parametersSchema,
    runtime: runtimeSchema,
    metadata: metadataSchema,
    presetFile: presetFileSchema,
    exportEnvelope: exportEnvelopeSchema,
  };
}

export type PresetFile = z.infer<PresetSchemas['presetFile']>;

/**
 * A quick check that `value` passes {@link presetFileSchema}, so that validating the common case (a valid
 * preset) skips zod, which costs more than parsing the file. It is conservative: when it says yes, zod says
 * yes (a property test holds it to that); it may say no to a valid preset (a name over 255 UTF-16 code
 * units, a parameter named "__proto__"), and then zod runs and decides.
 */
export function passesPresetSchemaQuickly(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  const { $schema, name, description, category, runtime, parameters, metadata } = value;
  if ($schema !== undefined && typeof $schema !== 'string') return false;
  // Code points never outnumber UTF-16 code units: within 255 units is within 255 characters.
  if (typeof name !== 'string' || name.length > NAME_MAX_LENGTH || !/\S/.test(name)) return false;
  if (description !== undefined && description !== null && typeof description !== 'string') return false;
  if (
    category !== undefined &&
    category !== null &&
    (typeof category !== 'string' || category.length > CATEGORY_MAX_LENGTH)
  )
    return false;
  if (runtime !== undefined && runtime !== null && runtime !== 'sglang' && runtime !== 'vllm') return false;
  if (!isJsonObject(parameters)) return false;
  const keys = Object.keys(parameters);
  if (keys.length === 0) return false;
  for (const key of keys) {
    // zod's record skips "__proto__" entirely; leave such a preset to zod and the checks after it.
    if (key === '' || key === '__proto__') return false;
    const list = parameters[key];
    if (!Array.isArray(list) || list.length === 0) return false;
    for (const item of list) {
      const type = typeof item;
      if (!(type === 'string' || type === 'boolean' || item === null || (type === 'number' && Number.isFinite(item))))
        return false;
    }
  }
  if (metadata === undefined || metadata === null) return true;
  if (!isJsonObject(metadata)) return false;
  const { author, tags, recommended_for: recommendedFor } = metadata;
  if (author !== undefined && typeof author !== 'string') return false;
  if (tags !== undefined && !isStringList(tags)) return false;
  return recommendedFor === undefined || typeof recommendedFor === 'string' || isStringList(recommendedFor);
}

/** An object as `JSON.parse` makes it: not null, not an array, with the ordinary prototype. */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export const EXPORT_FORMAT_VERSION = '1.0';

export type ExportEnvelope = z.infer<PresetSchemas['exportEnvelope']>;

/** Known top-level keys of a preset file (those of the schema; a test holds them equal); anything else is kept with a warning. */
export const PRESET_KEYS: ReadonlySet<string> = new Set([
  '$schema',
  'name',
  'description',
  'category',
  'runtime',
  'parameters',
  'metadata',
]);

/** Keys the autotuner's server assigns. In a workspace file they are ignored with a warning. */
export const SERVER_ASSIGNED_KEYS: ReadonlySet<string> = new Set(['is_system', 'id', 'created_at', 'updated_at']);
