#!/usr/bin/env node
// `npm run package`: a production build, then the .vsix with @vscode/vsce. Everything the extension needs
// is bundled into dist/, so the package carries no node_modules (--no-dependencies); .vscodeignore is an
// allow-list of what ships, and test/package/vsix.test.ts checks the result against it.
//
//   node scripts/package.mjs             # writes <name>-<version>.vsix in the repository root
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where `npm run package` puts the .vsix; the end-to-end tests install this very file. */
export function vsixPath() {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, `${name}-${version}.vsix`);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✗ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = vsixPath();
  run('node', ['scripts/build.mjs', '--production']);
  fs.rmSync(out, { force: true });
  run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--out', out]);
  console.log(`${path.basename(out)}: ${(fs.statSync(out).size / 1024).toFixed(1)} KB`);
}
