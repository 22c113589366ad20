import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../../src/node/atomicWrite';
import { findPresetFiles } from '../../../src/node/findPresetFiles';
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
