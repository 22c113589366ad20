#!/usr/bin/env node
// Builds the bundles with esbuild: the extension (node/cjs), the CLI (node/cjs) and, when it exists,
// the webview (browser/esm). `--production` minifies; `--tests` also transpiles the test suites to out/;
// `--outdir=DIR` writes the bundles to DIR instead of dist/ (the benchmarks build there, leaving dist/ alone).
// Prints each bundle's size so a regression is seen the day it happens.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const withTests = process.argv.includes('--tests');
const watch = process.argv.includes('--watch');
const outdir = process.argv.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length) || 'dist';

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
  // jsonc-parser's "main" is a UMD build with dynamic requires esbuild cannot follow; its ESM build bundles.
  mainFields: ['module', 'main'],
};

const builds = [
  // `vscode` stays external. The extension's modules import it as `import vscode = require('vscode')` (a lint
  // rule says so), which esbuild emits as a plain require: `import * as vscode` made it wrap the API in a
  // namespace object, one getter per export (a few hundred), in each importing module, at load: about 2 ms of
  // VS Code's activation time here.
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: path.join(outdir, 'extension.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  // The runtime flag code, loaded by the extension on first need (src/extension/flagEngine.ts), not at activation.
  {
    ...common,
    entryPoints: ['src/extension/flagEngine.ts'],
    outfile: path.join(outdir, 'flagEngine.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  // The Merge Preview panel, loaded by the extension on first show or restore (src/extension/mergePreview/bundle.ts).
  {
    ...common,
    entryPoints: ['src/extension/mergePreview/bundle.ts'],
    outfile: path.join(outdir, 'mergePreview.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: path.join(outdir, 'cli.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // esbuild keeps the entry's shebang line, so `presets` runs directly.
  },
];
if (fs.existsSync(path.join(root, 'webview', 'main.ts'))) {
  builds.push({
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: path.join(outdir, 'webview.js'),
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  });
}

/** Test files are transpiled one to one (not bundled): mocha loads them, in Node or in the extension host. */
function testBuild() {
  const entryPoints = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) entryPoints.push(path.relative(root, full));
    }
  };
  for (const dir of ['src', 'test', 'webview', 'bench'])
    if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return {
    entryPoints,
    outdir: 'out',
    outbase: '.',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    absWorkingDir: root,
  };
}

fs.rmSync(path.resolve(root, outdir), { recursive: true, force: true });
if (withTests) fs.rmSync(path.join(root, 'out'), { recursive: true, force: true });
const all = [...builds, ...(withTests ? [testBuild()] : [])];
if (watch) {
  for (const options of all) await (await esbuild.context(options)).watch();
  console.log('watching for changes…');
} else {
  await Promise.all(all.map((options) => esbuild.build(options)));
  fs.chmodSync(path.resolve(root, outdir, 'cli.js'), 0o755);
  for (const { outfile } of builds) {
    const size = fs.statSync(path.resolve(root, outfile)).size;
    console.log(`${outfile.padEnd(22)} ${(size / 1024).toFixed(1).padStart(7)} KB${production ? ' (minified)' : ''}`);
  }
}
