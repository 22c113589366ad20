import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePresetBytes } from '../../../src/core/analyze';
import { buildPresetJsonSchema, presetJsonSchemaText } from '../../../src/core/jsonSchema';
import { ENVELOPE, PRESET } from '../../../src/core/presetRules';
import type { ObjectShape, Shape } from '../../../src/core/shapes';
import { readFixture, repoRoot } from '../helpers/presets';

const presetsFolder = path.join(repoRoot, 'presets');
const bundledFiles = fs
  .readdirSync(presetsFolder)
  .filter((file) => file.endsWith('.json'))
  .sort();

type Schema = Record<string, unknown>;

/**
 * The keywords with which a JSON schema checks a value. VS Code's JSON language service reports each one
 * it finds failing, in its own words, beside the extension's precise diagnostic of the same problem.
 */
const CHECKING_KEYWORDS = [
  'type',
  'enum',
  'const',
  'required',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'propertyNames',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'format',
  'not',
  'oneOf',
  'allOf',
  'contains',
  'dependencies',
  'errorMessage',
  'deprecationMessage',
];

/** Every subschema, with where it is; `if` is left out: its condition picks a branch and is never reported. */
function subschemas(schema: unknown, where = '#'): [string, Schema][] {
  if (schema === null || typeof schema !== 'object') return [];
  if (Array.isArray(schema)) return schema.flatMap((item, i) => subschemas(item, `${where}/${i}`));
  const found: [string, Schema][] = [[where, schema as Schema]];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'if' || key === 'examples' || key === 'defaultSnippets') continue;
    if (key === 'properties' || key === 'definitions') {
      for (const [name, inner] of Object.entries(value as Schema))
        found.push(...subschemas(inner, `${where}/${key}/${name}`));
    } else if (typeof value === 'object') found.push(...subschemas(value, `${where}/${key}`));
  }
  return found;
}

/** Every field of the rule definition, by its path: what the schema must describe. */
function fieldsOf(shape: Shape<unknown>, prefix: string[] = []): string[][] {
  if (shape.kind !== 'object') return [];
  return [...(shape as ObjectShape<unknown>).fields].flatMap(([key, field]) => [
    [...prefix, key],
    ...fieldsOf(field.shape, [...prefix, key]),
  ]);
}

function resolve(schema: Schema, node: Schema): Schema {
  const ref = node.$ref as string | undefined;
  return ref ? (schema.definitions as Record<string, Schema>)[ref.replace('#/definitions/', '')] : node;
}

describe('schemas/preset.schema.json', () => {
  const schema = buildPresetJsonSchema();

  it('is up to date with the preset rules (run "npm run schema" when this fails)', () => {
    const committed = fs.readFileSync(path.join(repoRoot, 'schemas', 'preset.schema.json'), 'utf8');
    assert.equal(committed, presetJsonSchemaText());
  });

  it('tells VS Code that comments and trailing commas are allowed (no "Trailing comma" warnings)', () => {
    assert.equal(schema.allowTrailingCommas, true);
    assert.equal(schema.allowComments, true);
  });

  it("checks nothing, so each problem has one message: the extension's", () => {
    for (const [where, subschema] of subschemas(schema)) {
      const checks = CHECKING_KEYWORDS.filter((keyword) => keyword in subschema);
      assert.deepEqual(checks, [], `${where} checks with ${checks.join(', ')}`);
      if ('additionalProperties' in subschema)
        assert.equal(typeof subschema.additionalProperties, 'object', `${where}: additionalProperties only describes`);
    }
  });

  it('describes every field of the rules, with a title and a description for hover', () => {
    const describe = (root: Schema, fieldPath: string[]): Schema => {
      let node = resolve(schema, root);
      for (const key of fieldPath) node = resolve(schema, (node.properties as Record<string, Schema>)[key]);
      return node;
    };
    const branches: [Schema, Shape<unknown>][] = [
      [schema.else as Schema, PRESET as Shape<unknown>],
      [schema.then as Schema, ENVELOPE as Shape<unknown>],
    ];
    for (const [branch, shape] of branches) {
      for (const fieldPath of fieldsOf(shape)) {
        const node = describe(branch, fieldPath);
        assert.ok(node, `${fieldPath.join('.')} is described`);
        assert.ok(node.title && node.description, `${fieldPath.join('.')} has a title and a description`);
      }
    }
    const parameters = describe(schema.else as Schema, ['parameters']);
    assert.match(String((parameters.additionalProperties as Schema).description), /values to try/);
  });

  it('offers completions: the runtimes, and snippets for a new file, a name and a parameter list', () => {
    const preset = resolve(schema, schema.else as Schema);
    const fields = preset.properties as Record<string, Schema>;
    assert.deepEqual(fields.runtime.examples, ['sglang', 'vllm', null]);
    assert.deepEqual(fields.name.defaultSnippets, [{ body: '$1' }]);
    assert.deepEqual((fields.parameters.additionalProperties as Schema).defaultSnippets, [{ body: ['^$1'] }]);
    assert.deepEqual(schema.defaultSnippets, [
      { label: 'New preset', body: { name: '$1', parameters: { '${2:tp-size}': ['^${3:1}'] } } },
    ]);
  });

  it('tells a bare preset from an export envelope as the analysis does', () => {
    assert.deepEqual(schema.if, {
      required: ['preset'],
      not: { anyOf: [{ required: ['name'] }, { required: ['parameters'] }] },
    });
    assert.deepEqual(Object.keys((schema.then as Schema).properties as Schema), ['version', 'preset']);
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
