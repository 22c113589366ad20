#!/usr/bin/env node
// Writes schemas/preset.schema.json from the preset rules in src/core (see src/core/jsonSchema.ts).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = await esbuild.build({
  entryPoints: [path.join(root, 'src/core/jsonSchema.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'warning',
});
const module = { exports: {} };
new Function('module', 'exports', 'require', bundle.outputFiles[0].text)(
  module,
  module.exports,
  createRequire(import.meta.url),
);
const target = path.join(root, 'schemas', 'preset.schema.json');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, module.exports.presetJsonSchemaText());
console.log(`wrote ${path.relative(root, target)}`);
