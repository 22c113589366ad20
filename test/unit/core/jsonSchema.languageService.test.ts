/**
 * The generated schema in VS Code's own JSON language service (the library its JSON extension runs), set up
 * as VS Code sets it up for a JSON-with-Comments file: what a user sees in the editor before and besides the
 * extension's diagnostics.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  getLanguageService,
  TextDocument,
  type Diagnostic,
  type DocumentLanguageSettings,
  type JSONSchema,
} from 'vscode-json-languageservice';
import { analyzePresetText } from '../../../src/core/analyze';
import { buildPresetJsonSchema } from '../../../src/core/jsonSchema';
import { repoRoot } from '../helpers/presets';

const schema = buildPresetJsonSchema() as JSONSchema;
const service = getLanguageService({});
service.configure({
  validate: true,
  allowComments: true,
  schemas: [{ uri: String(schema.$id), fileMatch: ['*.preset.json'], schema }],
});
// What VS Code's JSON server passes for a document in JSON-with-Comments mode.
const jsoncSettings: DocumentLanguageSettings = { comments: 'ignore', trailingCommas: 'warning' };

function document(text: string): TextDocument {
  return TextDocument.create('file:///workspace/presets/x.preset.json', 'jsonc', 1, text);
}

async function languageServiceDiagnostics(text: string): Promise<Diagnostic[]> {
  const doc = document(text);
  return service.doValidation(doc, service.parseJSONDocument(doc), jsoncSettings);
}

describe("the generated schema in VS Code's JSON language service", () => {
  it('shows no "Trailing comma" warning in the example that has trailing commas', async () => {
    const text = fs.readFileSync(path.join(repoRoot, 'examples/presets/sglang-long-context.preset.json'), 'utf8');
    assert.match(text, /,\s*\}/, 'the example has trailing commas');
    assert.deepEqual(await languageServiceDiagnostics(text), []);
    assert.deepEqual(analyzePresetText(text).diagnostics, []);
  });

  it('reports none of the problems the extension reports: each has one message, the precise one', async () => {
    const broken = [
      '{"name": "A", "parameters": {"tp-size": 2}}',
      '{"name": "A", "parameters": {"tp-size": []}}',
      '{"name": "A", "parameters": {}}',
      '{"name": "", "runtime": "tgi", "category": 3, "parameters": {"": [{}]}}',
      '{"parameters": {"tp-size": [1]}, "metadata": {"tags": "fast", "author": 1}}',
      '{"name": "A", "parameters": {"tp-size": [1]}, "notes": 1, "id": 2}',
      '{"version": 1, "preset": {"name": 3}}',
      '{"version": "1.0", "preset": "x"}',
      '[1, 2]',
    ];
    for (const text of broken) {
      assert.ok(analyzePresetText(text).diagnostics.length > 0, `the extension reports ${text}`);
      assert.deepEqual(await languageServiceDiagnostics(text), [], text);
    }
  });

  it('still completes the runtime values and hovers over fields', async () => {
    const text = '{"name": "A", "runtime": , "parameters": {"tp-size": [1]}}';
    const doc = document(text);
    const json = service.parseJSONDocument(doc);
    const completions = await service.doComplete(doc, doc.positionAt(text.indexOf(', "parameters"')), json);
    const labels = completions?.items.map((item) => item.label) ?? [];
    for (const runtime of ['"sglang"', '"vllm"', 'null'])
      assert.ok(labels.includes(runtime), `${runtime} in ${labels}`);

    const hover = await service.doHover(doc, doc.positionAt(text.indexOf('"name"') + 2), json);
    assert.match(JSON.stringify(hover?.contents), /Unique name of the preset/);

    const inEnvelope = '{"version": "1.0", "preset": {"name": "A", "parameters": {"tp-size": [1]}}}';
    const envelopeDoc = document(inEnvelope);
    const envelopeHover = await service.doHover(
      envelopeDoc,
      envelopeDoc.positionAt(inEnvelope.indexOf('"tp-size"') + 2),
      service.parseJSONDocument(envelopeDoc),
    );
    assert.match(JSON.stringify(envelopeHover?.contents), /Candidate values/);
  });

  it('offers the fields of a preset in a preset, and of the envelope only in an envelope', async () => {
    const keysOffered = async (text: string): Promise<string[]> => {
      const doc = document(text);
      const list = await service.doComplete(doc, doc.positionAt(text.lastIndexOf('}')), service.parseJSONDocument(doc));
      return list?.items.map((item) => item.label) ?? [];
    };
    const inPreset = await keysOffered('{"name": "A", }');
    assert.ok(inPreset.includes('parameters') && !inPreset.includes('version'), inPreset.join(', '));
    const inEnvelope = await keysOffered('{"preset": {}, }');
    assert.ok(inEnvelope.includes('version') && !inEnvelope.includes('parameters'), inEnvelope.join(', '));
  });
});
