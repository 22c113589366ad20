/**
 * Reading a preset file with one open: the type and the size limit are checked on the open file, so a
 * file costs open, fstat, read and close (as `fs.readFile` alone does), not a stat before all that.
 * The CLI reads synchronously; the extension's index reads file: URIs through a SlicedPresetReader
 * (synchronously in short slices, asynchronously once the disk has been slow). However a file was read,
 * {@link analyzeFileContent} makes its analysis.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { analyzePresetContent, unreadableAnalysis, type AnalyzeOptions, type PresetAnalysis } from '../core/analyze';
import { fileSystemPath } from './fileNames';
import { Limits } from '../core/limits';

export type PresetFileContent =
  /** `mtime` as VS Code's file system reports it: `stats.mtime.getTime()` (see {@link modificationTime}). */
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly mtime: number }
  | { readonly kind: 'oversize'; readonly size: number; readonly mtime: number }
  | { readonly kind: 'directory' }
  /** A FIFO, device or socket: never read, it could block or never end. */
  | { readonly kind: 'special' };

export interface ReadPresetOptions extends AnalyzeOptions {
  /** Larger files are reported, not read (the extension's `parameterPresets.maxFileSizeMB`). */
  readonly maxBytes?: number;
}

/** A preset file read and analyzed, with the modification time of what was read. */
export interface AnalyzedPresetFile {
  readonly analysis: PresetAnalysis;
  readonly mtime?: number;
}

/**
 * The analysis of what reading a preset file gave, the one way from a file to its analysis (the CLI, the
 * extension's index and its import). Undefined for a folder: a folder named like a preset is no preset.
 */
export function analyzeFileContent(
  content: PresetFileContent,
  options: ReadPresetOptions,
): AnalyzedPresetFile | undefined {
  switch (content.kind) {
    case 'directory':
      return undefined;
    case 'special':
      return { analysis: unreadableAnalysis('not a regular file') };
    case 'oversize':
      return {
        analysis: analyzePresetContent({ kind: 'oversize', size: content.size }, options),
        mtime: content.mtime,
      };
    case 'bytes':
      return { analysis: analyzePresetContent({ kind: 'bytes', bytes: content.bytes }, options), mtime: content.mtime };
  }
}

/** Reads and analyzes one file, synchronously (the CLI); a folder, a missing or an unreadable file is reported. */
export function analyzePresetFile(
  file: string,
  origin: AnalyzeOptions['origin'],
  maxBytes: number = Limits.defaultMaxFileBytes,
  rules?: AnalyzeOptions['rules'],
): PresetAnalysis {
  try {
    return (
      analyzeFileContent(readPresetFileSync(fileSystemPath(file), maxBytes), { origin, maxBytes, rules })?.analysis ??
      unreadableAnalysis('EISDIR')
    );
  } catch (error) {
    return unreadableAnalysis((error as NodeJS.ErrnoException).code ?? String(error));
  }
}

// O_NONBLOCK: opening a FIFO must not wait for a writer. (Windows has neither the flag nor such files.)
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** The bytes of `file`, unless it is larger than `maxBytes` or not a regular file. Throws what open throws. */
export function readPresetFileSync(file: string | Buffer, maxBytes: number): PresetFileContent {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    // Some systems refuse to open a folder at all.
    if (isDirectory(file)) return { kind: 'directory' };
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return { kind: 'directory' };
    if (!stat.isFile()) return { kind: 'special' };
    if (stat.size > maxBytes) return { kind: 'oversize', size: stat.size, mtime: modificationTime(stat) };
    const buffer = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < buffer.length) {
      const read = fs.readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return {
      kind: 'bytes',
      bytes: filled === buffer.length ? buffer : buffer.subarray(0, filled),
      mtime: modificationTime(stat),
    };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The bytes of a pipe the user named on purpose (`presets import <(curl …)`, `… | presets import /dev/stdin`):
 * unlike {@link readPresetFileSync}, it waits for the writer and reads to the end, but never past
 * `maxBytes`, so a writer that never stops is reported as `oversize` (`size`: what was read, over the
 * limit), not read forever. The open blocks until a writer opens the pipe, as `cat` does.
 */
export function readPipeSync(file: string | Buffer, maxBytes: number): PresetFileContent {
  const fd = fs.openSync(file, fs.constants.O_RDONLY);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFIFO()) return { kind: 'special' };
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
    const mtime = modificationTime(stat);
    if (total > maxBytes) return { kind: 'oversize', size: total, mtime };
    return { kind: 'bytes', bytes: Buffer.concat(chunks, total), mtime };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * {@link readPresetFileSync}, asynchronously. Node's callback API, one promise per file: with thousands of
 * files, fs.promises (a promise and a FileHandle per step) made reading several times slower.
 */
export function readPresetFile(file: string, maxBytes: number): Promise<PresetFileContent> {
  return new Promise((resolve, reject) => {
    fs.open(file, OPEN_FLAGS, (openError, fd) => {
      if (openError) {
        isDirectoryAsync(file).then(
          (isFolder) => (isFolder ? resolve({ kind: 'directory' }) : reject(openError)),
          reject,
        );
        return;
      }
      const finish = (error: Error | null, content?: PresetFileContent): void => {
        fs.close(fd, (closeError) => {
          if (error ?? closeError) reject(error ?? closeError);
          else resolve(content!);
        });
      };
      fs.fstat(fd, (statError, stat) => {
        if (statError) return finish(statError);
        if (stat.isDirectory()) return finish(null, { kind: 'directory' });
        if (!stat.isFile()) return finish(null, { kind: 'special' });
        const mtime = modificationTime(stat);
        if (stat.size > maxBytes) return finish(null, { kind: 'oversize', size: stat.size, mtime });
        const buffer = Buffer.allocUnsafe(stat.size);
        const readFrom = (filled: number): void => {
          if (filled >= buffer.length) return finish(null, { kind: 'bytes', bytes: buffer, mtime });
          fs.read(fd, buffer, filled, buffer.length - filled, filled, (readError, bytesRead) => {
            if (readError) return finish(readError);
            if (bytesRead === 0) return finish(null, { kind: 'bytes', bytes: buffer.subarray(0, filled), mtime });
            readFrom(filled + bytesRead);
          });
        };
        readFrom(0);
      });
    });
  });
}

/** `stats.mtime.getTime()` without making a Date: Node makes that Date of `mtimeMs` rounded. */
function modificationTime(stat: fs.Stats): number {
  return Math.round(stat.mtimeMs);
}

async function isDirectoryAsync(file: string): Promise<boolean> {
  try {
    return (await fsp.stat(file)).isDirectory();
  } catch {
    return false;
  }
}

function isDirectory(file: string | Buffer): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether two paths of one file system name the same place as written: letter case aside on Windows and
 * macOS, whose file systems ignore it by default. VS Code writes a Windows drive letter in lowercase
 * (`c:\…` in `Uri.fsPath`) and a real path comes back with it in uppercase, so a plain comparison would take
 * every file there for a link.
 */
export function isSamePath(a: string, b: string, platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'win32' || platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** How long a run of synchronous reads may hold the thread before it lets other work run. */
const SLICE_MS = 8;
/** A read slower than this is a slow read; {@link SLOW_READS_IN_A_ROW} of them mean a slow (network) file system. */
const SLOW_READ_MS = 30;
/**
 * How many slow reads in a row switch a reader to asynchronous reads. One alone says little: the thread may
 * have been preempted or a garbage collection may have run during it (on a busy machine, most full scans saw
 * one), and after a switch every later file of the scan paid the thread pool's round trips.
 */
const SLOW_READS_IN_A_ROW = 2;

/**
 * Reads preset files for an index, thousands in a scan or one that changed. Files on a local disk are read
 * synchronously, in slices of at most 8 ms after which the event loop runs before the next slice: with
 * thousands of small files, the asynchronous reads (four thread-pool round trips each) took two to three
 * times as long here as synchronous ones, and a single changed file waited for the thread pool too (see
 * docs/PERFORMANCE.md). A slice also counts the caller's work between reads (the analysis), so the thread is
 * never held much longer than a slice. When reads take longer than 30 ms twice in a row (a network file
 * system, a cold disk), the reader switches to {@link readPresetFile} for good, so a slow disk does not hold
 * the thread again. The index's other look at each file, where a link leads ({@link realPath}), follows the
 * same policy: asked of the thread pool for every file, it cost the real host's scan more than the reads.
 */
export class SlicedPresetReader {
  private sliceStart = performance.now();
  private asynchronous = false;
  private slowReads = 0;
  /** The real paths of the folders seen in the current slice. */
  private readonly realFolders = new Map<string, string>();
  private readonly sliceMs: number;
  private readonly slowReadMs: number;

  /** The thresholds are options for tests only. */
  constructor(options: { sliceMs?: number; slowReadMs?: number } = {}) {
    this.sliceMs = options.sliceMs ?? SLICE_MS;
    this.slowReadMs = options.slowReadMs ?? SLOW_READ_MS;
  }

  /** True once a slow read has switched this reader to asynchronous reads. */
  get isAsynchronous(): boolean {
    return this.asynchronous;
  }

  read(file: string, maxBytes: number): Promise<PresetFileContent> {
    return this.inSlice(
      () => readPresetFileSync(file, maxBytes),
      () => readPresetFile(file, maxBytes),
    );
  }

  /** The file's real path, links resolved, as `fs.promises.realpath` gives it (the native resolution). */
  realPath(file: string): Promise<string> {
    return this.inSlice(
      () => this.realPathNow(file),
      () => fsp.realpath(file),
    );
  }

  /**
   * A file that is no link is its folder's real path and its own name: one lstat, and the folder resolved once
   * for all its files. Resolving every path in full looks at each of its folders again, about as costly as
   * reading the file.
   */
  private realPathNow(file: string): string {
    if (fs.lstatSync(file).isSymbolicLink()) return fs.realpathSync.native(file);
    const folder = path.dirname(file);
    let realFolder = this.realFolders.get(folder);
    if (realFolder === undefined) this.realFolders.set(folder, (realFolder = fs.realpathSync.native(folder)));
    return path.join(realFolder, path.basename(file));
  }

  /** Runs the synchronous way in the current slice, or the asynchronous one once the disk has been slow. */
  private async inSlice<T>(synchronously: () => T, asynchronously: () => Promise<T>): Promise<T> {
    if (this.asynchronous) return asynchronously();
    if (performance.now() - this.sliceStart >= this.sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.sliceStart = performance.now();
      // Folders are known for one slice: while it runs, nothing in this process can change them, and the
      // files of a folder come together. Between slices a folder may have become a link.
      this.realFolders.clear();
    }
    const start = performance.now();
    try {
      return synchronously();
    } finally {
      if (performance.now() - start < this.slowReadMs) this.slowReads = 0;
      else if (++this.slowReads >= SLOW_READS_IN_A_ROW) this.asynchronous = true;
    }
  }
}
