import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  SlicedPresetReader,
  isSamePath,
  readPresetFile,
  readPipeSync,
  readPresetFileSync,
  type PresetFileContent,
} from '../../../src/node/readPresetFile';

describe('readPresetFile (one open per file, sync for the CLI, async for the index)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presets-read-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A reader that two first (synchronous) reads have switched to asynchronous reads, as on a slow disk. */
  const slowDiskReader = async (file: string): Promise<SlicedPresetReader> => {
    const reader = new SlicedPresetReader({ slowReadMs: 0 });
    await reader.read(file, 100).catch(() => undefined);
    await reader.read(file, 100).catch(() => undefined);
    assert.ok(reader.isAsynchronous);
    return reader;
  };
  /** What each way of reading gives: synchronously, asynchronously, through a SlicedPresetReader in both modes. */
  const both = async (file: string, maxBytes: number): Promise<PresetFileContent[]> => [
    readPresetFileSync(file, maxBytes),
    await readPresetFile(file, maxBytes),
    await new SlicedPresetReader().read(file, maxBytes),
    await (await slowDiskReader(file)).read(file, maxBytes),
  ];

  it('reads a file, with the modification time VS Code reports (stats.mtime.getTime())', async () => {
    const file = path.join(dir, 'a.preset.json');
    fs.writeFileSync(file, '{"name": "A"}');
    for (const content of await both(file, 100)) {
      assert.equal(content.kind, 'bytes');
      if (content.kind !== 'bytes') continue;
      assert.equal(Buffer.from(content.bytes).toString('utf8'), '{"name": "A"}');
      assert.equal(content.mtime, fs.statSync(file).mtime.getTime());
    }
    // Modification times between two milliseconds, either side of the half: read without making a Date, the same.
    for (const seconds of [
      1_700_000_000.0004, 1_700_000_000.0005, 1_700_000_000.0006, 1_700_000_000.9996, 1_234_567_890.123456,
    ]) {
      fs.utimesSync(file, seconds, seconds);
      for (const content of await both(file, 100))
        assert.equal(content.kind === 'bytes' && content.mtime, fs.statSync(file).mtime.getTime(), String(seconds));
    }
  });

  it('reads an empty file as no bytes', async () => {
    const file = path.join(dir, 'empty.preset.json');
    fs.writeFileSync(file, '');
    for (const content of await both(file, 100)) assert.deepEqual(content.kind === 'bytes' && content.bytes.length, 0);
  });

  it('does not read a file over the limit', async () => {
    const file = path.join(dir, 'big.preset.json');
    fs.writeFileSync(file, 'x'.repeat(101));
    for (const content of await both(file, 100)) assert.deepEqual(content.kind === 'oversize' && content.size, 101);
  });

  it('says a folder is a folder', async () => {
    const folder = path.join(dir, 'folder.preset.json');
    fs.mkdirSync(folder);
    for (const content of await both(folder, 100)) assert.equal(content.kind, 'directory');
  });

  it('does not wait on a FIFO', async function () {
    const fifo = path.join(dir, 'pipe.preset.json');
    if (process.platform === 'win32' || spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    for (const content of await both(fifo, 100)) assert.equal(content.kind, 'special');
  });

  it("readPipeSync waits for a pipe's writer and reads to the end, but never past the limit", function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'pipe');
    spawnSync('mkfifo', [fifo]);
    // The writer is another process: the read below blocks this one until the pipe ends.
    const write = (script: string) => spawn('sh', ['-c', script, 'sh', fifo], { stdio: 'ignore' });
    write('printf \'{"name": "P"}\' > "$1"');
    const small = readPipeSync(fifo, 100);
    assert.equal(small.kind, 'bytes');
    assert.equal(Buffer.from((small as { bytes: Uint8Array }).bytes).toString(), '{"name": "P"}');
    write('head -c 1000 /dev/zero > "$1"');
    const large = readPipeSync(fifo, 100);
    assert.deepEqual([large.kind, (large as { size: number }).size], ['oversize', 101]);
    const regular = path.join(dir, 'regular.json');
    fs.writeFileSync(regular, '{}');
    assert.equal(readPipeSync(regular, 100).kind, 'special', 'a regular file is no pipe');
  });

  it('throws what open throws for a missing file', async () => {
    const missing = path.join(dir, 'nowhere.preset.json');
    assert.throws(() => readPresetFileSync(missing, 100), { code: 'ENOENT' });
    await assert.rejects(readPresetFile(missing, 100), { code: 'ENOENT' });
    await assert.rejects(new SlicedPresetReader().read(missing, 100), { code: 'ENOENT' });
  });

  describe('isSamePath', () => {
    it('ignores letter case where the file system does by default: a Windows drive letter as VS Code writes it', () => {
      assert.equal(isSamePath('C:\\work\\a.preset.json', 'c:\\work\\a.preset.json', 'win32'), true);
      assert.equal(isSamePath('/Users/me/A.preset.json', '/users/me/a.preset.json', 'darwin'), true);
      assert.equal(isSamePath('C:\\work\\a.preset.json', 'c:\\other\\a.preset.json', 'win32'), false);
    });

    it('compares exactly elsewhere, where A.preset.json and a.preset.json are two files', () => {
      assert.equal(isSamePath('/work/A.preset.json', '/work/a.preset.json', 'linux'), false);
      assert.equal(isSamePath('/work/a.preset.json', '/work/a.preset.json', 'linux'), true);
    });
  });

  describe('SlicedPresetReader', () => {
    it('lets the event loop run between slices of synchronous reads', async () => {
      const file = path.join(dir, 'sliced.preset.json');
      fs.writeFileSync(file, '{}');
      const reader = new SlicedPresetReader({ sliceMs: 0 });
      // Other work waiting in the event loop: a callback that keeps scheduling itself.
      let ticks = 0;
      let running = true;
      const tick = (): void => {
        ticks++;
        if (running) setImmediate(tick);
      };
      setImmediate(tick);
      for (let i = 0; i < 20; i++) await reader.read(file, 100);
      running = false;
      assert.ok(ticks >= 10, `other work ran ${ticks} times while 20 slices were read`);
      assert.equal(reader.isAsynchronous, false);
    });

    it('holds the thread for a whole slice, without yielding, when reads and link resolutions are quick', async () => {
      const file = path.join(dir, 'quick.preset.json');
      fs.writeFileSync(file, '{}');
      const reader = new SlicedPresetReader({ sliceMs: 60_000 });
      let ticks = 0;
      const ticker = setImmediate(() => ticks++);
      // Neither waits for the thread pool: a round trip there would let the waiting callback run.
      for (let i = 0; i < 20; i++) {
        await reader.realPath(file);
        await reader.read(file, 100);
      }
      clearImmediate(ticker);
      assert.equal(ticks, 0);
    });

    it('resolves a link, or a file under a linked folder, to its real file, also on a slow disk', async () => {
      const target = path.join(dir, 'real.preset.json');
      fs.writeFileSync(target, '{}');
      const link = path.join(dir, 'link.preset.json');
      fs.symlinkSync(target, link);
      const linkedFolder = path.join(dir, 'linked-folder');
      fs.symlinkSync(dir, linkedFolder);
      const real = fs.realpathSync.native(target);
      for (const reader of [new SlicedPresetReader(), await slowDiskReader(target)]) {
        assert.equal(await reader.realPath(link), real);
        assert.equal(await reader.realPath(path.join(linkedFolder, 'real.preset.json')), real);
        assert.equal(await reader.realPath(target), real);
        await assert.rejects(reader.realPath(path.join(dir, 'gone.preset.json')), { code: 'ENOENT' });
      }
    });

    it('sees a folder that has become a link since the last slice', async () => {
      const folder = path.join(dir, 'moved');
      const elsewhere = path.join(dir, 'elsewhere');
      fs.mkdirSync(folder);
      fs.mkdirSync(elsewhere);
      fs.writeFileSync(path.join(folder, 'x.preset.json'), '{}');
      fs.writeFileSync(path.join(elsewhere, 'x.preset.json'), '{}');
      const reader = new SlicedPresetReader({ sliceMs: 0 });
      const file = path.join(folder, 'x.preset.json');
      assert.equal(await reader.realPath(file), fs.realpathSync.native(file));
      fs.rmSync(folder, { recursive: true });
      fs.symlinkSync(elsewhere, folder);
      assert.equal(await reader.realPath(file), fs.realpathSync.native(path.join(elsewhere, 'x.preset.json')));
    });

    it('counts a slow link resolution as a slow read', async () => {
      const file = path.join(dir, 'slow-link.preset.json');
      fs.writeFileSync(file, '{}');
      const reader = new SlicedPresetReader({ slowReadMs: 0 });
      await reader.realPath(file);
      assert.equal(reader.isAsynchronous, false);
      await reader.realPath(file);
      assert.equal(reader.isAsynchronous, true);
    });

    it('switches to asynchronous reads for good after two slow reads in a row', async () => {
      const file = path.join(dir, 'slow.preset.json');
      fs.writeFileSync(file, '{"name": "S"}');
      const reader = new SlicedPresetReader({ slowReadMs: 0 });
      const first = await reader.read(file, 100);
      assert.equal(reader.isAsynchronous, false);
      assert.deepEqual(await reader.read(file, 100), first);
      assert.equal(reader.isAsynchronous, true);
      assert.deepEqual(await reader.read(file, 100), first);
    });

    it('stays synchronous when single slow reads (a preempted thread, a collection) come between quick ones', async () => {
      const file = path.join(dir, 'hiccup.preset.json');
      fs.writeFileSync(file, '{"name": "H"}');
      const reader = new SlicedPresetReader();
      // A clock that moves 100 ms at every look during a slow read, and not at all during a quick one.
      let clock = 0;
      let step = 0;
      performance.now = () => (clock += step);
      try {
        for (const slow of [true, false, true, false, true]) {
          step = slow ? 100 : 0;
          assert.equal((await reader.read(file, 100)).kind, 'bytes');
        }
      } finally {
        delete (performance as { now?: unknown }).now;
      }
      assert.equal(reader.isAsynchronous, false);
    });
  });
});
