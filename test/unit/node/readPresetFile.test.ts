import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readPresetFile, readPresetFileSync, type PresetFileContent } from '../../../src/node/readPresetFile';

describe('readPresetFile (one open per file, sync for the CLI, async for the index)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presets-read-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const both = async (file: string, maxBytes: number): Promise<PresetFileContent[]> => [readPresetFileSync(file, maxBytes), await readPresetFile(file, maxBytes)];

  it('reads a file, with the modification time VS Code reports (stats.mtime.getTime())', async () => {
    const file = path.join(dir, 'a.preset.json');
    fs.writeFileSync(file, '{"name": "A"}');
    for (const content of await both(file, 100)) {
      assert.equal(content.kind, 'bytes');
      if (content.kind !== 'bytes') continue;
      assert.equal(Buffer.from(content.bytes).toString('utf8'), '{"name": "A"}');
      assert.equal(content.mtime, fs.statSync(file).mtime.getTime());
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

  it('throws what open throws for a missing file', async () => {
    const missing = path.join(dir, 'nowhere.preset.json');
    assert.throws(() => readPresetFileSync(missing, 100), { code: 'ENOENT' });
    await assert.rejects(readPresetFile(missing, 100), { code: 'ENOENT' });
  });
});
