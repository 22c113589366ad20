/**
 * The JSON schema of `*.preset.json`, generated from the preset rules (presetRules.ts). `npm run schema`
 * writes it to schemas/preset.schema.json; a unit test fails when the committed file differs.
 * Not imported by the extension at run time: VS Code's JSON language service reads the file.
 *
 * It describes and checks nothing. VS Code validates a file against its schema on its own, so every check
 * written here would be reported twice: once by the language service in its own words ("Incorrect type.
 * Expected "array""), once by the extension, precisely. It gives hover text and completions, and tells the
 * language service that comments and trailing commas are allowed (SPEC §1).
 */
import { ENVELOPE, ENVELOPE_SIGNATURE, PRESET } from './presetRules';
import { describeShape } from './shapes';

/** The schema document, as a plain object. */
export function buildPresetJsonSchema(): Record<string, unknown> {
  const definitions: Record<string, unknown> = {};
  const envelope = describeShape(ENVELOPE, definitions);
  const preset = describeShape(PRESET, definitions);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://inference-autotuner.github.io/parameter-presets/preset.schema.json',
    title: 'Parameter preset',
    description:
      'A named, reusable piece of an autotuner parameter grid, or the autotuner\'s export envelope {"version": "1.0", "preset": {…}}.',
    // VS Code's keywords: without them a JSONC file's trailing commas get a warning each.
    allowComments: true,
    allowTrailingCommas: true,
    // What an empty file is offered.
    defaultSnippets: [{ label: 'New preset', body: PRESET.about?.snippet }],
    // Picks which description applies, as the analysis does; a condition is never reported.
    if: {
      required: ENVELOPE_SIGNATURE.present,
      not: { anyOf: ENVELOPE_SIGNATURE.absent.map((key) => ({ required: [key] })) },
    },
    then: envelope,
    else: preset,
    definitions,
  };
}

/** The schema file's text, as committed. */
export function presetJsonSchemaText(): string {
  return JSON.stringify(buildPresetJsonSchema(), null, 2) + '\n';
}
