import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangedError, removeAbandonedTemporaryFiles, writeFileAtomic } from '../../../src/node/atomicWrite';
import { NameTakenError, createPresetFile } from '../../../src/node/createPresetFile';
import { describeFileSystemError } from '../../../src/node/fileSystemErrors';
import type { Preset } from '../../../src/core/model';
import { TempFolder } from '../helpers/cli';
import { analyze, presetText } from '../helpers/presets';

const preset = (name: string): Preset => analyze(presetText({ name, parameters: { a: [1] } })).preset!;

describe('writeFileAtomic on real file systems', () => {
  let dir: TempFolder;
  beforeEach(() => (dir = new TempFolder()));
  afterEach(() => dir.dispose());

  it('refuses to replace a file that changed since it was read, and leaves it as it is', () => {
    dir.write('a.json', 'read');
    const expected = fs.readFileSync(dir.path('a.json'));
    dir.write('a.json', 'edited by someone else');
    assert.throws(() => writeFileAtomic(dir.path('a.json'), 'mine', { expected }), FileChangedError);
    assert.equal(dir.read('a.json'), 'edited by someone else');
    assert.deepEqual(dir.files(), ['a.json']);
    writeFileAtomic(dir.path('a.json'), 'mine', { expected: fs.readFileSync(dir.path('a.json')) });
    assert.equal(dir.read('a.json'), 'mine');
  });

  it('writes through a symbolic link, even a dangling one, and returns the file written', () => {
    dir.write('real/a.json', 'old');
    fs.symlinkSync(path.join('real', 'a.json'), dir.path('link.json'));
    fs.symlinkSync(path.join('real', 'new.json'), dir.path('dangling.json'));
    assert.equal(writeFileAtomic(dir.path('link.json'), 'new'), dir.path('real/a.json'));
    assert.equal(writeFileAtomic(dir.path('dangling.json'), 'made'), dir.path('real/new.json'));
    assert.ok(fs.lstatSync(dir.path('link.json')).isSymbolicLink());
    assert.equal(dir.read('real/a.json'), 'new');
    assert.equal(dir.read('real/new.json'), 'made');
  });

  it('writes through a device node and never replaces it', function () {
    if (!fs.existsSync('/dev/null')) this.skip();
    assert.equal(writeFileAtomic('/dev/null', 'discarded'), '/dev/null');
    assert.ok(fs.statSync('/dev/null').isCharacterDevice());
  });

  it('keeps the mode of the file it replaces', function () {
    if (process.platform === 'win32') this.skip();
    dir.write('a.json', 'old');
    fs.chmodSync(dir.path('a.json'), 0o640);
    writeFileAtomic(dir.path('a.json'), 'new');
    assert.equal(fs.statSync(dir.path('a.json')).mode & 0o777, 0o640);
  });

  it('removes temporary files of processes that no longer run, and only those', () => {
    dir.write('.presets-tmp-99999999-aaaaaaaaaaaa.tmp', 'abandoned');
    dir.write(`.presets-tmp-${process.pid}-bbbbbbbbbbbb.tmp`, 'in progress');
    dir.write('.other.tmp', 'not ours');
    removeAbandonedTemporaryFiles(dir.root);
    assert.deepEqual(dir.files(), ['.other.tmp', `.presets-tmp-${process.pid}-bbbbbbbbbbbb.tmp`]);
    removeAbandonedTemporaryFiles(dir.root, Date.now() + 2 * 60 * 60 * 1000);
    assert.deepEqual(dir.files(), ['.other.tmp']);
  });

  it('errors name the path asked for, not the temporary file', () => {
    dir.write('file.txt', '');
    assert.throws(
      () => writeFileAtomic(dir.path('file.txt/a.json'), 'x'),
      (error: NodeJS.ErrnoException) => error.code === 'ENOTDIR' && error.path === dir.path('file.txt/a.json'),
    );
  });
});

describe('createPresetFile', () => {
  let dir: TempFolder;
  beforeEach(() => (dir = new TempFolder()));
  afterEach(() => dir.dispose());

  it('takes the slug file name, then -2 when the file holds another name', () => {
    dir.write('presets/a-b.preset.json', presetText({ name: 'A B', parameters: { a: [1] } }));
    const created = createPresetFile(dir.path('presets'), preset('a-b'), { isTaken: () => false, onClash: 'fail' });
    assert.equal(path.basename(created.file), 'a-b-2.preset.json');
  });

  it('fails when a file created meanwhile holds the name, however its case', () => {
    dir.write('presets/fast.preset.json', presetText({ name: 'FAST', parameters: { a: [1] } }));
    assert.throws(
      () => createPresetFile(dir.path('presets'), preset('Fast'), { isTaken: () => false, onClash: 'fail' }),
      NameTakenError,
    );
  });

  it('with rename, skips a name a file created meanwhile holds', () => {
    dir.write('presets/fast-2.preset.json', presetText({ name: 'Fast (2)', parameters: { a: [1] } }));
    const created = createPresetFile(dir.path('presets'), preset('Fast'), {
      isTaken: (name) => name === 'Fast',
      onClash: 'rename',
    });
    assert.equal(created.preset.name, 'Fast (3)');
  });
});

describe('describeFileSystemError', () => {
  it('gives one line with the path and what to do; nothing for other errors', () => {
    const error = Object.assign(new Error('x'), { code: 'EROFS', path: '/mnt/ro/a\x1b.json' });
    assert.equal(
      describeFileSystemError(error),
      '/mnt/ro/a\\u001b.json: the file system is read-only (EROFS); write to another folder',
    );
    assert.equal(describeFileSystemError(new TypeError('bug')), undefined);
  });
});
