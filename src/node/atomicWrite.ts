/** Writes that never leave a half-written file: a temporary file in the same folder, then a rename. */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes `content` to `file` atomically. With `exclusive`, fails (EEXIST) instead of replacing a file. */
export function writeFileAtomic(file: string, content: string, options: { exclusive?: boolean } = {}): void {
  const folder = path.dirname(file);
  fs.mkdirSync(folder, { recursive: true });
  const temporary = path.join(folder, `.${path.basename(file)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  fs.writeFileSync(temporary, content, { flag: 'wx' });
  try {
    if (options.exclusive) {
      // link() fails when the target exists, so a concurrent writer cannot be overwritten.
      fs.linkSync(temporary, file);
      fs.unlinkSync(temporary);
    } else {
      fs.renameSync(temporary, file);
    }
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
