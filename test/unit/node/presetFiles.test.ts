import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../../src/node/atomicWrite';
import { execFileSync } from 'node:child_process';
import { findPresetFiles, type SkippedPath } from '../../../src/node/findPresetFiles';
import { analyzePresetFile, loadCatalog } from '../../../src/node/loadPresets';
import { TempFolder } from '../helpers/cli';
import { presetText } from '../helpers/presets';

const text = (name: string) => presetText({ name, parameters: { a: [1] } });

describe('preset files on disk', () => {
  let dir: TempFolder;
  beforeEach(() => {
    dir = new TempFolder({
      'a.preset.json': text('A'),
      'nested/deeper/b.preset.json': text('B'),
      'nested/not-a-preset.json': text('X'),
      'node_modules/pkg/c.preset.json': text('C'),
      '.git/d.preset.json': text('D'),
      'preset.json': text('E'),
    });
  });
  afterEach(() => dir.dispose());

  describe('findPresetFiles', () => {
    it('finds *.preset.json below a folder, sorted, skipping node_modules and .git', () => {
      assert.deepEqual(findPresetFiles(dir.root), [dir.path('a.preset.json'), dir.path('nested/deeper/b.preset.json')]);
    });

    it('takes a file as itself, and a missing path as nothing', () => {
      assert.deepEqual(findPresetFiles(dir.path('nested/deeper/b.preset.json')), [
        dir.path('nested/deeper/b.preset.json'),
      ]);
      assert.deepEqual(findPresetFiles(dir.path('nowhere')), []);
    });

    it('ends on a symbolic link loop, visiting each folder once', function () {
      try {
        fs.symlinkSync(dir.root, dir.path('nested/loop'), 'dir');
      } catch {
        this.skip(); // no permission to create links here (Windows without developer mode)
      }
      assert.deepEqual(findPresetFiles(dir.root), [dir.path('a.preset.json'), dir.path('nested/deeper/b.preset.json')]);
    });
  });

  describe('what the settings exclude', () => {
    const excludedNested = (file: string): boolean => path.relative(dir.root, file).startsWith('nested');

    it('is passed over, a folder with all below it, without a word', () => {
      fs.symlinkSync('missing-folder', dir.path('nested/gone'));
      const skipped: SkippedPath[] = [];
      const found = findPresetFiles(dir.root, { excluded: excludedNested, onSkipped: (entry) => skipped.push(entry) });
      assert.deepEqual(found, [dir.path('a.preset.json')]);
      assert.deepEqual(skipped, [], 'the dangling link in the excluded folder is not reported');
      assert.deepEqual(findPresetFiles(dir.root, { excluded: () => false }), [
        dir.path('a.preset.json'),
        dir.path('nested/deeper/b.preset.json'),
      ]);
    });

    it('never takes a root given by name, and reaches the catalog', () => {
      assert.deepEqual(findPresetFiles(dir.path('nested/deeper/b.preset.json'), { excluded: () => true }), [
        dir.path('nested/deeper/b.preset.json'),
      ]);
      const catalog = loadCatalog([dir.root], { includeSystem: false, excluded: excludedNested });
      assert.deepEqual(
        [...catalog.all()].map((entry) => entry.analysis.name),
        ['A'],
      );
    });
  });

  describe('what the walk passes over is reported', () => {
    const skippedUnder = (root: string): string[] => {
      const skipped: SkippedPath[] = [];
      findPresetFiles(root, { onSkipped: (entry) => skipped.push(entry) });
      return skipped.map((entry) => `${path.relative(dir.root, entry.path)}: ${entry.reason}`);
    };

    it('a FIFO, a link to a device and a link to nothing, each with why', function () {
      if (process.platform === 'win32') this.skip();
      execFileSync('mkfifo', [dir.path('nested/pipe.preset.json')]);
      fs.symlinkSync('/dev/null', dir.path('nested/dev.preset.json'));
      fs.symlinkSync('missing-folder', dir.path('nested/gone'));
      // A FIFO that is no preset by name is none of our business.
      execFileSync('mkfifo', [dir.path('nested/other.fifo')]);
      assert.deepEqual(skippedUnder(dir.root), [
        'nested/dev.preset.json: is a device, not a regular file; skipped',
        'nested/gone: is a link that leads nowhere (ENOENT); skipped',
        'nested/pipe.preset.json: is a FIFO (named pipe), not a regular file; skipped',
      ]);
      assert.deepEqual(findPresetFiles(dir.root), [dir.path('a.preset.json'), dir.path('nested/deeper/b.preset.json')]);
    });

    it('a FIFO given as the root is said to be one', function () {
      if (process.platform === 'win32') this.skip();
      execFileSync('mkfifo', [dir.path('lone')]);
      assert.deepEqual(skippedUnder(dir.path('lone')), [
        'lone: is a FIFO (named pipe), not a preset file or folder; skipped',
      ]);
    });

    it('a folder that cannot be read', function () {
      fs.chmodSync(dir.path('nested/deeper'), 0);
      try {
        // Root reads every folder: then there is nothing to report, and nothing to test.
        if (fs.readdirSync(dir.path('nested/deeper')).length > 0) this.skip();
      } catch {
        assert.deepEqual(skippedUnder(dir.root), [
          'nested/deeper: cannot read this folder (EACCES); the presets in it are skipped',
        ]);
      } finally {
        fs.chmodSync(dir.path('nested/deeper'), 0o755);
      }
    });
  });

  describe('a link to a preset file is the same preset', () => {
    it("is listed once, under the file's own path, and its name clashes with nothing", function () {
      try {
        fs.symlinkSync('a.preset.json', dir.path('latest.preset.json'));
        fs.symlinkSync('nested', dir.path('again'), 'dir');
      } catch {
        this.skip();
      }
      const catalog = loadCatalog([dir.root], { includeSystem: false });
      assert.deepEqual(
        [...catalog.all()].map((entry) => entry.id),
        [dir.path('a.preset.json'), dir.path('again/deeper/b.preset.json')],
      );
      for (const entry of catalog.all()) assert.deepEqual(catalog.diagnosticsOf(entry.id), []);
      // Named on its own, the link is the preset.
      const alone = loadCatalog([dir.path('latest.preset.json'), dir.path('a.preset.json')], { includeSystem: false });
      assert.equal(alone.size, 1);
      assert.ok(alone.usablePreset(dir.path('a.preset.json')));
    });
  });

  describe('analyzePresetFile', () => {
    it('reports a file over the size limit without reading it', () => {
      const analysis = analyzePresetFile(dir.path('a.preset.json'), 'workspace', 10);
      assert.equal(analysis.preset, undefined);
      assert.deepEqual(
        analysis.diagnostics.map((d) => [d.severity, d.code]),
        [['error', 'too-large']],
      );
      assert.match(
        analysis.diagnostics[0].message,
        /^the file is \d+ bytes, over the 10 bytes limit for preset files; it was not read$/,
      );
    });

    it('reports an unreadable file instead of throwing', () => {
      const analysis = analyzePresetFile(dir.path('nowhere.preset.json'), 'workspace');
      assert.deepEqual(
        analysis.diagnostics.map((d) => [d.severity, d.code, d.message]),
        [['error', 'unreadable', 'the file cannot be read (ENOENT)']],
      );
    });

    it('reads a file saved with a byte order mark', () => {
      dir.write('bom.preset.json', '\uFEFF' + text('Bom'));
      assert.equal(analyzePresetFile(dir.path('bom.preset.json'), 'workspace').preset?.name, 'Bom');
    });
  });

  describe('loadCatalog', () => {
    it('holds every preset file under the roots once, labelled relative to cwd', () => {
      const catalog = loadCatalog([dir.root, dir.path('nested')], { cwd: dir.root, includeSystem: false });
      assert.deepEqual(
        [...catalog.all()].map((entry) => [entry.label, entry.origin, entry.analysis.name]),
        [
          ['a.preset.json', 'workspace', 'A'],
          [path.join('nested', 'deeper', 'b.preset.json'), 'workspace', 'B'],
        ],
      );
    });
  });

  describe('writeFileAtomic', () => {
    it('writes a file, creating its folder, and leaves no temporary file behind', () => {
      writeFileAtomic(dir.path('out/new.preset.json'), 'content');
      assert.equal(dir.read('out/new.preset.json'), 'content');
      assert.deepEqual(fs.readdirSync(dir.path('out')), ['new.preset.json']);
    });

    it('replaces a file unless told to be exclusive', () => {
      writeFileAtomic(dir.path('a.preset.json'), 'replaced');
      assert.equal(dir.read('a.preset.json'), 'replaced');
      assert.throws(() => writeFileAtomic(dir.path('a.preset.json'), 'again', { exclusive: true }), { code: 'EEXIST' });
      assert.equal(dir.read('a.preset.json'), 'replaced');
      assert.deepEqual(
        fs.readdirSync(dir.root).filter((name) => name.endsWith('.tmp')),
        [],
      );
    });
  });
});
