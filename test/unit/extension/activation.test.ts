/**
 * Activation loads neither lazy bundle (dist/flagEngine.js, dist/mergePreview.js) and reads no runtime
 * catalog: both come on first need. dist/extension.js is loaded and activated here with `vscode` stubbed as
 * an empty window (the activation benchmark's stub), every file read recorded.
 */
import * as assert from 'node:assert/strict';
// The module object itself (a namespace import's properties are read-only getters), to wrap its functions.
import fs from 'node:fs';
import * as path from 'node:path';
import { loadWithStubbedVscode } from '../../../bench/vscodeStub';
import { repoRoot } from '../helpers/presets';

type Spied = 'readFileSync' | 'openSync' | 'readFile' | 'open';

/** Runs `body`, returning the paths it read or opened through `fs`. */
function filesRead(body: () => void): string[] {
  const read: string[] = [];
  const methods: Spied[] = ['readFileSync', 'openSync', 'readFile', 'open'];
  const target = fs as unknown as Record<Spied, (...args: unknown[]) => unknown>;
  const originals = methods.map((method) => target[method]);
  methods.forEach((method, i) => {
    target[method] = function (this: unknown, file: unknown, ...rest: unknown[]) {
      if (typeof file === 'string') read.push(path.resolve(file));
      return originals[i]!.call(this, file, ...rest);
    };
  });
  try {
    body();
  } finally {
    methods.forEach((method, i) => (target[method] = originals[i]!));
  }
  return read;
}

describe('activation', () => {
  it('loads no lazy bundle and reads no runtime catalog', () => {
    const bundle = path.join(repoRoot, 'dist', 'extension.js');
    assert.ok(fs.existsSync(bundle), 'dist/extension.js is missing: run "node scripts/build.mjs" first');
    const read = filesRead(() => loadWithStubbedVscode(bundle, repoRoot));
    const loaded = Object.keys(require.cache).map((file) => path.relative(repoRoot, file).split(path.sep).join('/'));
    assert.ok(loaded.includes('dist/extension.js'), 'the bundle was loaded');
    assert.deepEqual(
      loaded.filter((file) => /^dist\/(flagEngine|mergePreview)\.js$/.test(file)),
      [],
      'a lazy bundle was loaded at activation',
    );
    const runtimes = path.join(repoRoot, 'runtimes') + path.sep;
    assert.deepEqual(
      read.filter((file) => file.startsWith(runtimes)),
      [],
      'a runtime catalog was read at activation',
    );
  });
});
