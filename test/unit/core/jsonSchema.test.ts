import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePresetBytes } from '../../../src/core/analyze';
import { buildPresetJsonSchema, presetJsonSchemaText } from '../../../src/core/jsonSchema';
import { readFixture, repoRoot } from '../helpers/presets';

const presetsFolder = path.join(repoRoot, 'presets');
const bundledFiles = fs
  .readdirSync(presetsFolder)
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('schemas/preset.schema.json', () => {
  it('is up to date with the zod schemas (run "npm run schema" when this fails)', () => {
    const committed = fs.readFileSync(path.join(repoRoot, 'schemas', 'preset.schema.json'), 'utf8');
    assert.equal(committed, presetJsonSchemaText());
  });

  it('describes a preset (name and parameters required) and the export envelope', () => {
    const schema = buildPresetJsonSchema() as {
      anyOf: { title: string; required?: string[]; properties: Record<string, { minProperties?: number }> }[];
    };
    const [bare, envelope] = schema.anyOf;
    assert.equal(bare.title, 'Preset');
    assert.deepEqual([...(bare.required ?? [])].sort(), ['name', 'parameters']);
    assert.equal(bare.properties.parameters.minProperties, 1);
    assert.equal(envelope.title, 'Export envelope');
    assert.deepEqual([...(envelope.required ?? [])].sort(), ['preset', 'version']);
  });
});

describe('bundled system presets (presets/*.json)', () => {
  const autotuner = JSON.parse(readFixture('autotuner-system-presets.json')) as { name: string }[];

  it('are the six presets of the autotuner, one file each', () => {
    assert.equal(bundledFiles.length, 6);
    const names = bundledFiles.map(
      (file) => (JSON.parse(fs.readFileSync(path.join(presetsFolder, file), 'utf8')) as { name: string }).name,
    );
    assert.deepEqual([...names].sort(), autotuner.map((p) => p.name).sort());
  });

  for (const file of bundledFiles) {
    it(`${file} validates with no diagnostics, as a system or a workspace file`, () => {
      const bytes = fs.readFileSync(path.join(presetsFolder, file));
      for (const origin of ['system', 'workspace'] as const) {
        const analysis = analyzePresetBytes(bytes, { origin });
        assert.deepEqual(analysis.diagnostics, [], origin);
        assert.ok(analysis.preset);
      }
    });

    it(`${file} holds exactly the autotuner's values`, () => {
      const bundled = JSON.parse(fs.readFileSync(path.join(presetsFolder, file), 'utf8')) as { name: string };
      const original = autotuner.find((p) => p.name === bundled.name);
      assert.ok(original, `${bundled.name} is one of the autotuner's presets`);
      assert.deepEqual(bundled, original);
      // Key order too: what people read in the file is what the autotuner wrote.
      assert.equal(JSON.stringify(bundled), JSON.stringify(original));
    });
  }
});
