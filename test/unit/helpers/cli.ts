/** Runs the built CLI (dist/cli.js) in throwaway folders, as a user or a CI script would. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './presets';

export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js …args` (or another copy of the CLI, `script`) in `cwd` and waits for it. */
export function runCli(args: readonly string[], cwd: string, script = cliPath): CliRun {
  const env = { ...process.env };
  delete env.PRESETS_DEBUG;
  const result = spawnSync(process.execPath, [script, ...args], { cwd, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder with files in it; `dispose()` removes it. */
export class TempFolder {
  readonly root: string;

  constructor(files: Record<string, string | Uint8Array> = {}) {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'presets-test-')));
    for (const [file, content] of Object.entries(files)) this.write(file, content);
  }

  /** The absolute path of a file given relative to the folder. */
  path(file: string): string {
    return path.join(this.root, file);
  }

  write(file: string, content: string | Uint8Array): void {
    fs.mkdirSync(path.dirname(this.path(file)), { recursive: true });
    fs.writeFileSync(this.path(file), content);
  }

  read(file: string): string {
    return fs.readFileSync(this.path(file), 'utf8');
  }

  exists(file: string): boolean {
    return fs.existsSync(this.path(file));
  }

  /** Every file below the folder, relative, with forward slashes, sorted. */
  files(): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else found.push(path.relative(this.root, full).split(path.sep).join('/'));
      }
    };
    walk(this.root);
    return found.sort();
  }

  /** Runs the CLI with this folder as the current directory. */
  cli(...args: string[]): CliRun {
    return runCli(args, this.root);
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
