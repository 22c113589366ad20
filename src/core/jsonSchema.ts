/**
 * The JSON schema of `*.preset.json`, generated from the zod schemas. `npm run schema` writes it to
 * schemas/preset.schema.json; a unit test fails when the committed file differs.
 * Not imported by the extension at run time: VS Code's JSON language service reads the file.
 */
import * as z from 'zod/mini';
import { presetSchemas } from './schema';

/** The schema document, as a plain object. */
export function buildPresetJsonSchema(): Record<string, unknown> {
  const {
    parameters: parametersSchema,
    presetFile: presetFileSchema,
    exportEnvelope: exportEnvelopeSchema,
  } = presetSchemas();
  const options = {
    target: 'draft-7' as const,
    unrepresentable: 'any' as const,
    override: (context: { zodSchema: unknown; jsonSchema: Record<string, unknown> }) => {
      // zod cannot express "at least one key" structurally; the refine carries it for validation.
      if (context.zodSchema === parametersSchema) context.jsonSchema.minProperties = 1;
    },
  };
  const preset = z.toJSONSchema(presetFileSchema, options) as Record<string, unknown>;
  const envelope = z.toJSONSchema(exportEnvelopeSchema, options) as Record<string, unknown>;
  delete preset.$schema;
  delete envelope.$schema;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://inference-autotuner.github.io/parameter-presets/preset.schema.json',
    title: 'Parameter preset',
    description:
      'A named, reusable piece of an autotuner parameter grid, or the autotuner\'s export envelope {"version": "1.0", "preset": {…}}.',
    anyOf: [
      { title: 'Preset', ...preset },
      { title: 'Export envelope', ...envelope },
    ],
  };
}

/** The schema file's text, as committed. */
export function presetJsonSchemaText(): string {
  return JSON.stringify(buildPresetJsonSchema(), null, 2) + '\n';
}
