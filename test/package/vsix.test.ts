// The packaged .vsix holds exactly what .vscodeignore allows, and nothing else: .vscodeignore is an
// allow-list (exclude everything, then name what ships), so a file lands in users' hands only by being named.
// Runs after `npm run package` (scripts/test.mjs does both).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { zipEntries, zipRead } from './zip';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsixFile = process.env.VSIX_PATH ?? path.join(root, `${manifest.name}-${manifest.version}.vsix`);

/** vsce stores these root files under other names inside the package. */
const VSCE_RENAMES: Record<string, string> = {
  'LICENSE.txt': 'LICENSE',
  'readme.md': 'README.md',
  'changelog.md': 'CHANGELOG.md',
};
/** Folders that can never ship, whatever a pattern says (vsce itself skips them too). */
const NEVER_WALKED = new Set(['.git', 'node_modules', '.vscode-test', 'out', 'test-results']);

/** A .vscodeignore glob as a regular expression over repository-relative paths (minimatch with dot: true). */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The `!pattern` lines of .vscodeignore, checked to be an allow-list: the first rule excludes everything. */
function allowPatterns(): string[] {
  const rules = fs
    .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  assert.equal(rules[0], '**', '.vscodeignore must start by excluding everything (**)');
  const rest = rules.slice(1);
  assert.deepEqual(
    rest.filter((rule) => !rule.startsWith('!')),
    [],
    '.vscodeignore: after **, every rule must be an allow rule (!pattern)',
  );
  return rest.map((rule) => rule.slice(1));
}

function repositoryFiles(dir = root): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (NEVER_WALKED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...repositoryFiles(full));
    else if (entry.isFile() && !entry.name.endsWith('.vsix'))
      files.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return files;
}

describe('the .vsix', () => {
  let zip: Buffer;
  let shipped: string[];

  before(function () {
    assert.ok(fs.existsSync(vsixFile), `${path.relative(root, vsixFile)} is missing: run \`npm run package\` first`);
    zip = fs.readFileSync(vsixFile);
    const names = zipEntries(zip).map((entry) => entry.name);
    assert.deepEqual(names.filter((name) => !name.startsWith('extension/')).sort(), [
      '[Content_Types].xml',
      'extension.vsixmanifest',
    ]);
    shipped = names
      .filter((name) => name.startsWith('extension/'))
      .map((name) => name.slice('extension/'.length))
      .map((name) => VSCE_RENAMES[name] ?? name)
      .sort();
  });

  it('holds exactly the files .vscodeignore allows', () => {
    const allowed = allowPatterns().map(globToRegExp);
    const expected = repositoryFiles()
      .filter((file) => allowed.some((pattern) => pattern.test(file)))
      .sort();
    assert.deepEqual(shipped, expected);
  });

  it('ships the bundles, the schema, all six system presets and the package documents', () => {
    for (const file of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'dist/extension.js',
      'dist/flagEngine.js',
      'dist/mergePreview.js',
      'dist/cli.js',
      'schemas/preset.schema.json',
    ]) {
      assert.ok(shipped.includes(file), `${file} is not in the .vsix`);
    }
    assert.equal(shipped.filter((file) => /^presets\/[^/]+\.json$/.test(file)).length, 6);
  });

  it('ships the four runtime flag catalogs, both overlays and the counterparts table', () => {
    for (const file of [
      'runtimes/sglang/0.5.2.json',
      'runtimes/sglang/main-2026-06-09.json',
      'runtimes/vllm/0.10.0.json',
      'runtimes/vllm/main-2026-05-29.json',
      'runtimes/sglang/overlay.json',
      'runtimes/vllm/overlay.json',
      'runtimes/counterparts.json',
    ]) {
      assert.ok(shipped.includes(file), `${file} is not in the .vsix`);
    }
  });

  it('ships no sources, tests, source maps or dependencies', () => {
    assert.deepEqual(
      shipped.filter((file) => /(^|\/)(src|test|out|node_modules|scripts|examples)\/|\.ts$|\.map$/.test(file)),
      [],
    );
  });

  it('has a manifest whose entry point and schema are inside the package', () => {
    const packaged = JSON.parse(
      zipRead(
        zip,
        zipEntries(zip).find((entry) => entry.name === 'extension/package.json')!,
      ).toString('utf8'),
    );
    assert.equal(`${packaged.publisher}.${packaged.name}`, 'inference-autotuner.parameter-presets');
    assert.ok(shipped.includes(path.posix.normalize(packaged.main)), `main ${packaged.main} is not shipped`);
    for (const validation of packaged.contributes?.jsonValidation ?? []) {
      assert.ok(
        shipped.includes(path.posix.normalize(validation.url)),
        `jsonValidation url ${validation.url} is not shipped`,
      );
    }
  });
});
