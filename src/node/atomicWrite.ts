/**
 * Writes that never leave a half-written file: a temporary file in the same folder, flushed to disk, then
 * renamed over the target (or linked, when the target must not exist yet).
 *
 * What it never does: replace a symbolic link (the file it points to is written), replace a device, FIFO
 * or socket (those are written through, as `> /dev/stdout` would), or leave a temporary file a reader could
 * take for a preset: temporary names start with `.presets-tmp-` and end in `.tmp`, and a later write to the
 * same folder removes those a crashed or killed process left behind.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const TEMPORARY_PREFIX = '.presets-tmp-';
const TEMPORARY_SUFFIX = '.tmp';
/** Past this age a temporary file is abandoned even when its process id is in use again. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

export interface WriteOptions {
  /** Fail with EEXIST instead of replacing a file: the file name is the lock between concurrent writers. */
  readonly exclusive?: boolean;
  /**
   * The bytes the file held when the caller read it: right before the rename they are compared with what
   * it holds now, and a file changed (or removed) by someone else in between is left alone (FileChangedError).
   */
  readonly expected?: Uint8Array;
}

/** The target changed after it was read: someone else wrote it, and replacing it would lose their edit. */
export class FileChangedError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed after it was read`);
    this.name = 'FileChangedError';
  }
}

/**
 * Writes `content` to `file` and returns the path of the file actually written: the target of a symbolic
 * link, or `file` itself. Errors carry the path the caller named, never the temporary file's.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array, options: WriteOptions = {}): string {
  const target = resolveTarget(file);
  if (target.kind === 'descriptor') {
    if (options.exclusive) throw errnoError('EEXIST', 'file already exists', file);
    withPath(file, () => writeAllToDescriptor(target.fd, Buffer.from(content)));
    return file;
  }
  if (target.kind === 'special') {
    if (options.exclusive) throw errnoError('EEXIST', 'file already exists', file);
    // A device or a FIFO: writing through it is what the user asked for; renaming over it would replace it.
    withPath(file, () => fs.writeFileSync(file, content));
    return file;
  }
  const folder = path.dirname(target.path);
  withPath(file, () => fs.mkdirSync(folder, { recursive: true }));
  removeAbandonedTemporaryFiles(folder);
  const temporary = path.join(
    folder,
    `${TEMPORARY_PREFIX}${process.pid}-${crypto.randomBytes(6).toString('hex')}${TEMPORARY_SUFFIX}`,
  );
  try {
    withPath(file, () => writeAndFlush(temporary, content, target.mode));
    if (options.exclusive) withPath(file, () => linkExclusive(temporary, target.path));
    else {
      if (options.expected !== undefined && !sameContent(target.path, options.expected))
        throw new FileChangedError(file);
      withPath(file, () => fs.renameSync(temporary, target.path));
    }
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  flushFolder(folder);
  return target.path;
}

type Target = { kind: 'file'; path: string; mode?: number } | { kind: 'special' } | { kind: 'descriptor'; fd: number };

/**
 * `/dev/stdout` and its kin name this process's own descriptors. They are written as descriptors: opening
 * them again fails for a socket (ENXIO), and their "real path" (`pipe:[1234]`) is no path at all.
 */
const DESCRIPTOR_PATH = /^\/(?:dev\/(stdout|stderr)|dev\/fd\/(\d+)|proc\/self\/fd\/(\d+))$/;

/** Where the bytes go: symbolic links followed, and what is there now (nothing, a file, or something else). */
function resolveTarget(file: string): Target {
  const descriptor = process.platform === 'win32' ? null : DESCRIPTOR_PATH.exec(path.resolve(file));
  if (descriptor) {
    const [, name, devFd, procFd] = descriptor;
    return { kind: 'descriptor', fd: name === 'stdout' ? 1 : name === 'stderr' ? 2 : Number(devFd ?? procFd) };
  }
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw withPathOf(error, file);
    // A dangling link: write the file it names (relative to the link's folder), as `cp` would.
    const link = lstatOrUndefined(file);
    if (link?.isSymbolicLink()) real = path.resolve(path.dirname(file), fs.readlinkSync(file));
    else return { kind: 'file', path: path.join(realFolder(path.dirname(file)), path.basename(file)) };
  }
  const stat = lstatOrUndefined(real);
  if (!stat) return { kind: 'file', path: real };
  if (stat.isDirectory()) throw errnoError('EISDIR', 'is a folder', file);
  if (!stat.isFile()) return { kind: 'special' };
  return { kind: 'file', path: real, mode: stat.mode & 0o7777 };
}

/** The folder's real path when it exists (a linked `presets/` folder), so messages name the file written. */
function realFolder(folder: string): string {
  try {
    return fs.realpathSync(folder);
  } catch {
    return path.resolve(folder);
  }
}

/** Writes all of `bytes` to a descriptor; a non-blocking pipe that is full is waited for, not failed. */
function writeAllToDescriptor(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

function writeAndFlush(file: string, content: string | Uint8Array, mode: number | undefined): void {
  // 'wx': a temporary name that exists is someone else's, never to be written into.
  const fd = fs.openSync(file, 'wx', mode ?? 0o666);
  try {
    fs.writeFileSync(fd, content);
    // Without it a crash soon after the rename can leave an empty file under the final name.
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // openSync's mode is filtered by the umask; an existing file keeps its own mode exactly.
  if (mode !== undefined) fs.chmodSync(file, mode);
}

/** link() fails when the target exists, so a concurrent writer cannot be overwritten. */
function linkExclusive(temporary: string, target: string): void {
  try {
    fs.linkSync(temporary, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Some file systems (FAT, some network and FUSE mounts) have no hard links: an exclusive copy still
    // never replaces a file, though a reader may see it before it is complete.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    fs.copyFileSync(temporary, target, fs.constants.COPYFILE_EXCL);
  }
}

function sameContent(file: string, expected: Uint8Array): boolean {
  try {
    return Buffer.from(expected).equals(fs.readFileSync(file));
  } catch {
    return false;
  }
}

/** Makes the rename itself durable; not every platform can open a folder, and a failure here loses nothing. */
function flushFolder(folder: string): void {
  try {
    const fd = fs.openSync(folder, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder this way.
  }
}

/** Removes temporary files of processes that no longer run (killed, or out of disk), best effort. */
export function removeAbandonedTemporaryFiles(folder: string, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(TEMPORARY_PREFIX) || !name.endsWith(TEMPORARY_SUFFIX)) continue;
    const pid = Number(name.slice(TEMPORARY_PREFIX.length).split('-')[0]);
    const file = path.join(folder, name);
    try {
      const old = now - fs.lstatSync(file).mtimeMs > ABANDONED_AFTER_MS;
      if (old || !isRunning(pid)) fs.rmSync(file, { force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `action`; an error it throws names `file` (the path the caller knows) instead of a temporary path. */
function withPath<T>(file: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw withPathOf(error, file);
  }
}

function withPathOf(error: unknown, file: string): unknown {
  const errno = error as NodeJS.ErrnoException;
  if (errno && typeof errno.code === 'string') {
    errno.path = file;
    delete (errno as { dest?: string }).dest;
  }
  return error;
}

function errnoError(code: string, message: string, file: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: ${message}, ${file}`);
  error.code = code;
  error.path = file;
  return error;
}
