#!/usr/bin/env node
// `npm test`: the whole suite, in order, stopping at the first failure: lint, formatting, types, unit tests, the .vsix,
// then a real VS Code (code-server) for the in-host integration suites and the browser end-to-end tests.
// Installs what is missing first (npm dependencies; the VS Code host, cached in .vscode-test/), so it works
// on a fresh clone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = (...args) => ['npx', '--no-install', ...args];
const suiteStarted = Date.now();

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
run('formatting (Prettier)', npx('prettier', '--check', '.'));
run('type check', npx('tsc', '--noEmit', '-p', '.'));
run('build', ['node', 'scripts/build.mjs', '--tests']);
run('unit tests (plain Node)', npx('mocha', '--config', '.mocharc.json'));
// The flag catalogs' generator: its fixtures, the catalogs' known facts, and (when the sources are beside the
// repository) that the checked-in catalogs are exactly a regeneration. The top level makes tests/ a package.
run('catalog generator (Python)', [
  'python3',
  '-B',
  '-m',
  'unittest',
  'discover',
  '-s',
  'scripts/runtimes/tests',
  '-t',
  'scripts/runtimes',
]);
// What users install: the .vsix, checked against the .vscodeignore allow-list, then installed for end-to-end tests.
run('package the .vsix', ['node', 'scripts/package.mjs']);
run(
  '.vsix contents match the .vscodeignore allow-list',
  npx('mocha', '--no-config', '--ui', 'bdd', 'out/test/package/**/*.test.js'),
);
// A real VS Code: code-server under its own Node 24, installed from the npm registry once, then cached.
run('real VS Code host (code-server, cached in .vscode-test/)', ['node', 'scripts/host/install.mjs']);
run('integration tests inside the extension host', ['node', 'scripts/host/integration.mjs']);
run('negative control: a failing in-host test must fail', [
  'node',
  'scripts/host/integration.mjs',
  '--negative-control',
]);
run('end-to-end tests in headless Chromium (the installed .vsix)', ['node', 'scripts/host/e2e.mjs']);
console.log(`\n✓ all stages passed in ${((Date.now() - suiteStarted) / 1000).toFixed(1)}s`);
