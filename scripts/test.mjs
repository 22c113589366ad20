#!/usr/bin/env node
// `npm test`: the whole suite, in order, stopping at the first failure.
// Installs the project's npm dependencies first when they are missing, so it works on a fresh clone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = (...args) => ['npx', '--no-install', ...args];

function run(title, command) {
  const started = Date.now();
  console.log(`\n=== ${title}`);
  const result = spawnSync(command[0], command.slice(1), { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${result.status ?? result.signal}) after ${seconds}s`);
    process.exit(result.status || 1);
  }
  console.log(`✓ ${title} (${seconds}s)`);
}

if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) run('npm ci', ['npm', 'ci']);
run('lint', npx('eslint', '.'));
run('type check', npx('tsc', '--noEmit', '-p', '.'));
run('build', ['node', 'scripts/build.mjs', '--tests']);
run('unit tests (plain Node)', npx('mocha', '--config', '.mocharc.json'));
