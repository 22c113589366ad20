/** File-system errors as one line for people: what happened, to which path, and what to do about it. */
import { escapeTerminalText } from '../core/terminalText';

const MESSAGES: Record<string, string> = {
  EACCES: 'permission denied (EACCES); check the permissions of the file and of its folder',
  EPERM: 'operation not permitted (EPERM); check the permissions of the file and of its folder',
  EROFS: 'the file system is read-only (EROFS); write to another folder',
  ENOSPC: 'no space left on the device (ENOSPC); free some space and run the command again',
  EDQUOT: 'the disk quota is exhausted (EDQUOT); free some space and run the command again',
  EEXIST: 'already exists (EEXIST); choose another name, or remove it first',
  EISDIR: 'is a folder (EISDIR); name a file instead',
  ENOTDIR: 'a part of the path is not a folder (ENOTDIR); check the path',
  ENAMETOOLONG: 'the name is too long for the file system (ENAMETOOLONG); choose a shorter name or path',
  ENOENT: 'no such file or folder (ENOENT); check the path',
  ELOOP: 'too many levels of symbolic links (ELOOP); check where the links point',
  EIO: 'input/output error (EIO); check the disk or the network file system',
  EBUSY: 'the file is busy (EBUSY); close the program that holds it and run the command again',
  EMFILE: 'too many open files (EMFILE); raise the limit (ulimit -n) or close other programs',
  ETXTBSY: 'the file is busy (ETXTBSY); close the program that holds it and run the command again',
};

/**
 * The line for an error from the file system, or undefined for anything else (a bug, to be reported as one).
 * `showPath` turns the path into the form the user knows (relative to where they are).
 */
export function describeFileSystemError(
  error: unknown,
  showPath: (file: string) => string = (file) => file,
): string | undefined {
  const errno = error as NodeJS.ErrnoException | undefined;
  if (!errno || typeof errno.code !== 'string' || !Object.hasOwn(MESSAGES, errno.code)) return undefined;
  const file = errno.path === undefined ? undefined : String(errno.path);
  const what = MESSAGES[errno.code];
  return file === undefined
    ? what.charAt(0).toUpperCase() + what.slice(1)
    : `${escapeTerminalText(showPath(file))}: ${what}`;
}
