/**
 * A workspace of 10,000 preset files: the core catalog and the CLI's `validate` and `list` handle all of
 * them and count right, with some broken files, name clashes and a symbolic link loop among them.
 * Correctness only: how fast they are is the benchmarks' business (bench/).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../../../src/node/loadPresets';
import { TempFolder, cliPath } from '../helpers/cli';

const FILES = 10_000;
/** Every 100th file has an error; every 500th shares its name with the next file. */
const isBroken = (i: number): boolean => i % 100 === 99;
const isTwin = (i: number): boolean => i % 500 === 0;

function presetFile(i: number): string {
  const name = isTwin(i - 1) ? `Preset ${i - 1}` : `Preset ${i}`;
  const parameters = isBroken(i)
    ? { 'tp-size': 2 }
    : { 'tp-size': [1, 2], 'mem-fraction-static': [0.8 + (i % 10) / 100] };
  return JSON.stringify({ name, category: `group-${i % 20}`, parameters }, null, 2);
}

const broken = Array.from({ length: FILES }, (_, i) => i).filter(isBroken).length;
const twins = Array.from({ length: FILES }, (_, i) => i).filter(isTwin).length;

function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  // Output for 10,000 files is megabytes: past spawnSync's default 1 MB buffer.
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe(`a workspace of ${FILES.toLocaleString('en-US')} preset files`, function () {
  this.timeout(120_000);
  let workspace: TempFolder;

  before(() => {
    workspace = new TempFolder();
    for (let i = 0; i < FILES; i++)
      workspace.write(`experiments/run-${Math.floor(i / 1000)}/p${i}.preset.json`, presetFile(i));
    // A link back up the tree: scanning must not go round it.
    fs.symlinkSync(workspace.path('experiments'), workspace.path('experiments/run-0/loop'), 'dir');
  });
  after(() => workspace.dispose());

  it('the catalog holds every file once, with the broken ones and the name clashes', () => {
    const catalog = loadCatalog([workspace.root], { cwd: workspace.root, includeSystem: false });
    assert.equal(catalog.size, FILES);
    const entries = [...catalog.all()];
    const withErrors = entries.filter((entry) => catalog.diagnosticsOf(entry.id).some((d) => d.severity === 'error'));
    const clashing = entries.filter((entry) =>
      catalog.diagnosticsOf(entry.id).some((d) => d.code === 'duplicate-name'),
    );
    assert.equal(clashing.length, 2 * twins);
    assert.equal(withErrors.length, broken + 2 * twins);
    assert.equal(entries.filter((entry) => catalog.usablePreset(entry.id)).length, FILES - broken - 2 * twins);
  });

  it('presets validate checks every file and counts every problem', () => {
    const run = cli(['validate'], workspace.root);
    assert.equal(run.code, 1, run.stderr.slice(0, 500));
    assert.equal(
      run.stdout,
      `Checked ${FILES.toLocaleString('en-US')} preset files: ${(broken + 2 * twins).toLocaleString('en-US')} errors.\n`,
    );
    assert.equal(run.stderr.trim().split('\n').length, broken + 2 * twins);
  });

  it('presets list shows every file and the system presets', () => {
    const run = cli(['list'], workspace.root);
    assert.equal(run.code, 0, run.stderr);
    const total = FILES + 6;
    assert.match(
      run.stdout,
      new RegExp(
        `\\n${total.toLocaleString('en-US')} presets, ${(broken + 2 * twins).toLocaleString('en-US')} invalid \\(run "presets validate" for details\\)\\n$`,
      ),
    );
    assert.equal(run.stdout.split('\n').filter((line) => /^Preset \d+ /.test(line)).length, FILES);
    const json = cli(['list', '--json', '--category', 'group-7'], workspace.root);
    assert.equal(json.code, 0, json.stderr);
    assert.equal((JSON.parse(json.stdout) as unknown[]).length, FILES / 20);
  });

  it('no file is read twice through the link loop', () => {
    const catalog = loadCatalog([workspace.root], { cwd: workspace.root, includeSystem: false });
    assert.ok([...catalog.all()].every((entry) => !entry.label.includes(`${path.sep}loop${path.sep}`)));
  });
});
