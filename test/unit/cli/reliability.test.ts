/**
 * The CLI against real file systems, real terminals and concurrent writers (issue 13, classes 1, 2, 3, 6):
 * each test runs `dist/cli.js` as a process, as a CI script would.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TempFolder, cliPath, type CliRun } from '../helpers/cli';

const FAST = { name: 'Fast', parameters: { 'tp-size': [1, 2] } };
/** Escape sequences a hostile preset could carry: clear screen, OSC 52 clipboard, set title, bidi. */
const HOSTILE = '\x1b[2J\x1b]52;c;aGk=\x07\x1b]0;pwned\x07\u202e\x9b';
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

function assertExit(run: CliRun, code: number): void {
  assert.equal(run.code, code, `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
}

/** No stack trace, no "internal error": what a user sees for a problem of the environment. */
function assertOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(stderr, /internal error|\n\s+at /);
}

/** Runs the CLI `count` times at once, as separate processes, and waits for all of them. */
function runParallel(count: number, args: readonly string[], cwd: string): Promise<CliRun[]> {
  const runs = Array.from(
    { length: count },
    () =>
      new Promise<CliRun>((resolve, reject) => {
        const child = spawn(process.execPath, [cliPath, ...args], { cwd });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      }),
  );
  return Promise.all(runs);
}

function presetFiles(dir: TempFolder): string[] {
  return dir.files().filter((file) => file.startsWith('presets/'));
}

describe('CLI reliability', function () {
  this.timeout(60000);
  let dir: TempFolder;
  beforeEach(() => (dir = new TempFolder()));
  afterEach(() => dir.dispose());

  describe('concurrent writers', () => {
    it('20 simultaneous imports of one name with --on-conflict fail: exactly one wins', async () => {
      dir.write('fast.json', JSON.stringify(FAST));
      const runs = await runParallel(20, ['import', 'fast.json', '--on-conflict', 'fail'], dir.root);
      const won = runs.filter((run) => run.code === 0);
      const lost = runs.filter((run) => run.code === 1);
      assert.equal(won.length, 1, runs.map((run) => run.stderr).join(''));
      assert.equal(lost.length, 19);
      for (const run of lost) assertOneLine(run.stderr, /a preset named "Fast" already exists/);
      assert.deepEqual(presetFiles(dir), ['presets/fast.preset.json']);
      assertExit(dir.cli('validate'), 0);
    });

    it('20 simultaneous imports with --on-conflict rename: 20 different names, no file overwritten', async () => {
      dir.write('presets/fast.preset.json', JSON.stringify(FAST));
      dir.write('fast.json', JSON.stringify(FAST));
      const runs = await runParallel(20, ['import', 'fast.json', '--on-conflict', 'rename'], dir.root);
      for (const run of runs) assertExit(run, 0);
      const names = runs.map((run) => /Imported "([^"]+)"/.exec(run.stdout)![1]);
      assert.equal(new Set(names).size, 20, names.join(', '));
      assert.ok(!names.includes('Fast'));
      assert.equal(presetFiles(dir).length, 21);
      const validate = dir.cli('validate');
      assertExit(validate, 0);
      assert.equal(validate.stderr, '', 'no duplicate-name problems');
    });

    it('20 simultaneous replaces: each wins or refuses a file changed after it read it, none is lost halfway', async () => {
      dir.write('presets/fast.preset.json', JSON.stringify(FAST));
      for (let i = 0; i < 20; i++)
        dir.write(`in${i}.json`, JSON.stringify({ ...FAST, parameters: { 'tp-size': [i] } }));
      const runs = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          runParallel(1, ['import', `in${i}.json`, '--on-conflict', 'replace'], dir.root).then(([run]) => run),
        ),
      );
      for (const run of runs) {
        if (run.code === 0) assert.match(run.stdout, /\(replaced\)/);
        else assertOneLine(run.stderr, /fast\.preset\.json changed while it was being replaced; nothing was written/);
      }
      assert.ok(runs.some((run) => run.code === 0));
      const final = JSON.parse(dir.read('presets/fast.preset.json')) as { parameters: { 'tp-size': number[] } };
      assert.ok(final.parameters['tp-size'][0] >= 0 && final.parameters['tp-size'][0] < 20);
      assert.deepEqual(presetFiles(dir), ['presets/fast.preset.json']);
    });
  });

  describe('writing files', () => {
    it('export -o through a symbolic link writes the file it points to and keeps the link', () => {
      dir.write('presets/fast.preset.json', JSON.stringify(FAST));
      dir.write('real/out.json', 'old');
      fs.symlinkSync(path.join('real', 'out.json'), dir.path('link.json'));
      const run = dir.cli('export', 'Fast', '-o', 'link.json');
      assertExit(run, 0);
      assert.ok(fs.lstatSync(dir.path('link.json')).isSymbolicLink());
      assert.match(dir.read('real/out.json'), /"name": "Fast"/);
      assert.match(run.stdout, /real[/\\]out\.json/, 'the message names the file written');
    });

    it('export -o /dev/stdout writes through the device and never replaces it', function () {
      if (process.platform === 'win32' || !fs.existsSync('/dev/stdout')) this.skip();
      const before = fs.lstatSync('/dev/stdout');
      dir.write('presets/fast.preset.json', JSON.stringify(FAST));
      const run = dir.cli('export', 'Fast', '-o', '/dev/stdout');
      assertExit(run, 0);
      assert.equal(JSON.parse(run.stdout).preset.name, 'Fast', 'stdout holds only the export');
      const after = fs.lstatSync('/dev/stdout');
      assert.equal(after.isSymbolicLink(), before.isSymbolicLink());
      assert.equal(after.ino, before.ino);
    });

    it('import into a linked presets/ folder names the path written', () => {
      fs.mkdirSync(dir.path('elsewhere'));
      fs.symlinkSync(dir.path('elsewhere'), dir.path('presets'));
      dir.write('fast.json', JSON.stringify(FAST));
      const run = dir.cli('import', 'fast.json');
      assertExit(run, 0);
      assert.match(run.stdout, /to elsewhere[/\\]fast\.preset\.json/);
      assert.ok(dir.exists('elsewhere/fast.preset.json'));
    });

    it('every valid name imports: 255 emoji, 255 CJK characters, 60 emoji', () => {
      for (const name of ['🚀'.repeat(60), '漢'.repeat(80), '🚀'.repeat(255), '漢'.repeat(255)]) {
        dir.write('in.json', JSON.stringify({ ...FAST, name }));
        assertExit(dir.cli('import', 'in.json'), 0);
      }
      assertExit(dir.cli('validate'), 0);
    });

    it('a temporary file a killed process left behind is removed by the next write to that folder', () => {
      // A process id far above any pid_max: no such process runs.
      dir.write('presets/.presets-tmp-99999999-0123456789ab.tmp', '{"name": "half');
      dir.write('fast.json', JSON.stringify(FAST));
      assertExit(dir.cli('import', 'fast.json'), 0);
      assert.deepEqual(presetFiles(dir), ['presets/fast.preset.json']);
    });

    it('refuses an import whose file would be too large to read back, before writing', () => {
      // Compact source, long output: every small list of metadata gets its own indented line.
      const items = Array.from({ length: 700000 }, () => [0]);
      dir.write('big.json', JSON.stringify({ ...FAST, metadata: { items } }));
      assert.ok(fs.statSync(dir.path('big.json')).size < 5 * 1024 * 1024);
      const run = dir.cli('import', 'big.json');
      assertExit(run, 1);
      assertOneLine(run.stderr, /would be \d+\.\d MB, over the 5\.0 MB limit.*nothing was written/);
      assert.deepEqual(presetFiles(dir), []);
    });

    it('a presets/ that is a file: one line naming it', () => {
      dir.write('presets', 'not a folder');
      dir.write('fast.json', JSON.stringify(FAST));
      const run = dir.cli('import', 'fast.json');
      assertExit(run, 1);
      assertOneLine(run.stderr, /^presets import: presets.*\((EEXIST|ENOTDIR)\)/);
    });

    it('environment errors are one line naming the path: EISDIR, ENOTDIR, ENAMETOOLONG', () => {
      dir.write('presets/fast.preset.json', JSON.stringify(FAST));
      fs.mkdirSync(dir.path('folder'));
      dir.write('file.txt', '');
      const cases: [string, RegExp][] = [
        ['folder', /^presets export: folder: is a folder \(EISDIR\); name a file instead$/],
        [path.join('file.txt', 'out.json'), /file\.txt.*\(ENOTDIR\)/],
        ['x'.repeat(300) + '.json', /\(ENAMETOOLONG\); choose a shorter name/],
      ];
      for (const [output, pattern] of cases) {
        const run = dir.cli('export', 'Fast', '-o', output);
        assertExit(run, 1);
        assertOneLine(run.stderr, pattern);
      }
    });
  });

  describe('what reaches the terminal', () => {
    it('names, categories, descriptions and file names are printed escaped', () => {
      dir.write(
        `presets/evil\n${HOSTILE}.preset.json`,
        JSON.stringify({ name: `Evil${HOSTILE}`, category: `cat${HOSTILE}`, parameters: { 'tp-size': 1 } }),
      );
      dir.write('presets/ok.preset.json', JSON.stringify({ ...FAST, name: `Ok${HOSTILE}`, category: `c${HOSTILE}` }));
      for (const args of [['list'], ['list', '--json'], ['validate'], ['export', 'presets/ok.preset.json']]) {
        const run = dir.cli(...args);
        const all = run.stdout + run.stderr;
        assert.ok(!UNSAFE.test(all.replace(/\n/g, '')), `${args.join(' ')}: ${JSON.stringify(all)}`);
      }
      // JSON keeps the exact value.
      const json = JSON.parse(dir.cli('list', '--json').stdout) as { name: string | null }[];
      assert.ok(json.some((entry) => entry.name === `Ok${HOSTILE}`));
    });

    it('a quoted name is escaped once: in a missing name, a clash, an import refusal and a merged value', () => {
      const missing = dir.cli('merge', 'No\x1b[2Jpe');
      assertExit(missing, 1);
      assert.equal(missing.stderr, 'presets: no preset named "No\\u001b[2Jpe" in . or the system presets\n');
      const named = { name: 'A\x1bX', parameters: { 'schedule-policy': ['lpm\x1b[2J'] } };
      dir.write('presets/a.preset.json', JSON.stringify(named));
      dir.write('presets/b.preset.json', JSON.stringify(named));
      dir.write('import.json', JSON.stringify({ ...named, name: 'C\x1b' }));
      dir.write('presets/c.preset.json', JSON.stringify({ ...named, name: 'C\x1b' }));
      const validate = dir.cli('validate', '--no-flag-checks');
      assert.ok(
        validate.stderr.includes(
          'presets/a.preset.json:1:9: error: name: "A\\u001bX" is already the name of presets/b.preset.json; preset names must be unique\n',
        ),
        validate.stderr,
      );
      const refused = dir.cli('import', 'import.json');
      assertExit(refused, 1);
      assert.match(refused.stderr, /^presets import: a preset named "C\\u001b" already exists /);
      const merge = dir.cli('merge', 'presets/c.preset.json');
      assert.match(merge.stdout, /^schedule-policy {2}"lpm\\u001b\[2J" {2}C\\u001b$/m);
      assert.match(merge.stdout, /^ {2}parameters\.schedule-policy\[0\]: "lpm\\u001b\[2J" is not a choice /m);
      assert.doesNotMatch(missing.stderr + validate.stderr + refused.stderr + merge.stdout, /u005c/);
    });

    it('a newline in a file name cannot split a problem or forge a path:line:col line', () => {
      const forged = 'x.preset.json:1:1: error: forged\nevil.preset.json';
      dir.write(forged, '{"name": "X", "parameters": {"a": 1}}');
      const run = dir.cli('validate');
      assertExit(run, 1);
      const lines = run.stderr.split('\n').filter((line) => line !== '');
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0], /^x\.preset\.json:1:1: error: forged\\u000aevil\.preset\.json:\d+:\d+: error: /);
    });

    it('a file name that is not valid UTF-8 is read and reported as the real file, escaped', function () {
      if (process.platform !== 'linux') this.skip();
      fs.mkdirSync(dir.path('presets'));
      const name = Buffer.concat([
        Buffer.from(dir.path('presets/caf')),
        Buffer.from([0xe9]),
        Buffer.from('.preset.json'),
      ]);
      fs.writeFileSync(name, '{"name": "Latin", "parameters": {"a": 1}}');
      const run = dir.cli('validate');
      assertExit(run, 1);
      assertOneLine(run.stderr, /^presets[/\\]caf\\udce9\.preset\.json:1:\d+: error: parameters\.a: /);
      assert.doesNotMatch(run.stderr, /ENOENT|cannot be read/);
    });

    it('table columns are aligned by display width', () => {
      dir.write('presets/a.preset.json', JSON.stringify({ ...FAST, name: '高吞吐量' }));
      dir.write('presets/b.preset.json', JSON.stringify({ ...FAST, name: 'Rocket 🚀' }));
      dir.write('presets/c.preset.json', JSON.stringify({ ...FAST, name: 'plain' }));
      const rows = dir
        .cli('list')
        .stdout.split('\n')
        .filter((line) => /^(NAME|高|Rocket|plain)/.test(line));
      const cellsBefore = (line: string) => {
        const at = line.indexOf('custom') >= 0 ? line.indexOf('custom') : line.search(/Uncategorized|CATEGORY/);
        return [...line.slice(0, at)].reduce((width, ch) => width + (/[\u4e00-\u9fff]|🚀/u.test(ch) ? 2 : 1), 0);
      };
      assert.equal(rows.length, 4, rows.join('\n'));
      assert.equal(new Set(rows.map(cellsBefore)).size, 1, rows.join('\n'));
    });

    it('a closed pipe (| head -c1) ends quietly with exit 0', function () {
      if (process.platform === 'win32') this.skip();
      // Enough output to fill the pipe, so the write after head exits fails with EPIPE.
      for (let i = 0; i < 300; i++) dir.write(`presets/p${i}.preset.json`, JSON.stringify({ ...FAST, name: `P${i}` }));
      const run = spawnSync(
        'bash',
        ['-c', `"${process.execPath}" "${cliPath}" list --json | head -c1; exit \${PIPESTATUS[0]}`],
        {
          cwd: dir.root,
          encoding: 'utf8',
        },
      );
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '[');
      assert.equal(run.stderr, '');
    });

    it('stdout on a full disk (/dev/full): one line, exit 1', function () {
      if (!fs.existsSync('/dev/full')) this.skip();
      const full = fs.openSync('/dev/full', 'w');
      try {
        const run = spawnSync(process.execPath, [cliPath, 'list'], {
          cwd: dir.root,
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
        });
        assert.equal(run.status, 1);
        assertOneLine(run.stderr, /^presets: cannot write to standard output: .*\(ENOSPC\)/);
      } finally {
        fs.closeSync(full);
      }
    });
  });

  describe('usage', () => {
    it('empty-string arguments are usage errors, not the current folder', () => {
      dir.write('presets/fast.preset.json', JSON.stringify(FAST));
      for (const args of [
        ['list', '--dir', ''],
        ['validate', ''],
        ['export', 'Fast', '-o', ''],
        ['merge', ''],
        ['import', '', '--dir', '.'],
      ]) {
        const run = dir.cli(...args);
        assertExit(run, 2);
        assert.match(run.stderr, /must not be empty/);
      }
    });

    it('help for an unknown command exits 2 with a message', () => {
      const run = dir.cli('help', 'frobnicate');
      assertExit(run, 2);
      assert.match(run.stderr, /no command "frobnicate"/);
      assert.equal(run.stdout, '');
    });
  });

  describe('nothing is skipped without a word', () => {
    it('a FIFO, a link to a device and a dangling link in the tree: a warning line each, naming it and why', function () {
      if (process.platform === 'win32') this.skip();
      dir.write('presets/fast.preset.json', JSON.stringify(FAST));
      spawnSync('mkfifo', [dir.path('presets/pipe.preset.json')]);
      fs.symlinkSync('/dev/zero', dir.path('presets/zero.preset.json'));
      fs.symlinkSync('no-such-folder', dir.path('presets/team'));
      for (const command of ['validate', 'list']) {
        const run = dir.cli(command);
        assertExit(run, 0);
        assert.deepEqual(
          run.stderr.split('\n').filter((line) => line !== ''),
          [
            'presets/pipe.preset.json: warning: is a FIFO (named pipe), not a regular file; skipped',
            'presets/team: warning: is a link that leads nowhere (ENOENT); skipped',
            'presets/zero.preset.json: warning: is a device, not a regular file; skipped',
          ],
          command,
        );
      }
    });

    it('a FIFO named on the command line is said to be one', function () {
      if (process.platform === 'win32') this.skip();
      spawnSync('mkfifo', [dir.path('pipe')]);
      const run = dir.cli('validate', 'pipe');
      assertExit(run, 1);
      assertOneLine(run.stderr, /^presets validate: pipe is a FIFO \(named pipe\), not a preset file or folder$/);
      assert.doesNotMatch(run.stdout, /No \*\.preset\.json files found/);
    });

    it('import and --task name a folder or a device as such, not as a missing file', function () {
      if (process.platform === 'win32') this.skip();
      dir.write('tasks/keep.txt', '');
      const cases: [string[], string][] = [
        [['import', 'tasks'], 'presets import: tasks is a folder, not a preset file'],
        [['import', '/dev/null'], 'presets import: /dev/null is a device, not a preset file'],
        [['apply', '--task', 'tasks', 'Balanced'], 'presets apply: --task tasks is a folder, not a task file'],
        [
          ['apply', '--task', '/dev/null', 'Balanced'],
          'presets apply: --task /dev/null is a device, not a regular file; apply writes the task file back, so it must be one',
        ],
        [['runs', '--task', 'tasks', 'Balanced'], 'presets runs: --task tasks is a folder, not a task file'],
      ];
      for (const [args, message] of cases) {
        const run = dir.cli(...args);
        assertExit(run, 1);
        assert.equal(run.stderr, message + '\n', args.join(' '));
      }
      assert.deepEqual(dir.files(), ['tasks/keep.txt']);
    });

    describe('pipes', () => {
      /** Runs `sh -c script` in the folder, with "$CLI" standing for `node dist/cli.js`. */
      const shell = (script: string): CliRun => {
        const result = spawnSync(
          'sh',
          ['-c', `NODE="$0"; SCRIPT="$1"; CLI() { "$NODE" "$SCRIPT" "$@"; }; ${script}`, process.execPath, cliPath],
          {
            cwd: dir.root,
            encoding: 'utf8',
          },
        );
        return { code: result.status, stdout: result.stdout, stderr: result.stderr };
      };
      const exported = () => JSON.stringify({ version: '1.0', preset: FAST });

      it('import reads an export piped to /dev/stdin, and a named pipe', function () {
        if (process.platform === 'win32') this.skip();
        dir.write('fast.json', exported());
        const piped = shell('cat fast.json | CLI import /dev/stdin');
        assertExit(piped, 0);
        assert.equal(piped.stdout, 'Imported "Fast" to presets/fast.preset.json\n');
        assert.deepEqual(JSON.parse(dir.read('presets/fast.preset.json')), FAST);
        spawnSync('mkfifo', [dir.path('pipe')]);
        const named = shell('cat fast.json > pipe & CLI import --on-conflict rename pipe');
        assertExit(named, 0);
        assert.equal(named.stdout, 'Imported "Fast (2)" to presets/fast-2.preset.json (renamed from "Fast")\n');
      });

      it('import stops reading a pipe at the size limit, and writes nothing', function () {
        if (process.platform === 'win32') this.skip();
        const run = shell('head -c 6000000 /dev/zero | CLI import /dev/stdin');
        assertExit(run, 1);
        assert.equal(
          run.stderr,
          'presets import: /dev/stdin: the pipe gave more than the 5.0 MB limit for preset files; nothing was written.\n',
        );
        assert.deepEqual(dir.files(), []);
      });

      it('runs --task reads a pipe; apply, which writes the task back, refuses one', function () {
        if (process.platform === 'win32') this.skip();
        const task = JSON.stringify({ task_name: 't', parameters: {}, optimization: { max_iterations: 3 } });
        dir.write('task.json', task);
        const runs = shell('cat task.json | CLI runs --task /dev/stdin --limit 0 Balanced');
        assertExit(runs, 0);
        assert.match(runs.stdout, /^4 runs; the task stops after 3 \(max_iterations\); 1–2 GPUs per run$/m);
        const apply = shell('cat task.json | CLI apply --task /dev/stdin Balanced');
        assertExit(apply, 1);
        assert.equal(
          apply.stderr,
          'presets apply: --task /dev/stdin is a FIFO (named pipe), not a regular file; apply writes the task file back, so it must be one\n',
        );
        assert.equal(dir.read('task.json'), task);
      });
    });

    it('latest.preset.json → v2.preset.json is one preset: no duplicate name, and it merges', () => {
      dir.write('presets/v2.preset.json', JSON.stringify({ name: 'V2', parameters: { 'tp-size': [1, 2] } }));
      fs.symlinkSync('v2.preset.json', dir.path('presets/latest.preset.json'));
      const validate = dir.cli('validate');
      assertExit(validate, 0);
      assert.equal(validate.stdout, 'Checked 1 preset file: no problems.\n');
      const merge = dir.cli('merge', 'V2', '--json');
      assertExit(merge, 0);
      assert.deepEqual((JSON.parse(merge.stdout) as { parameters: unknown }).parameters, { 'tp-size': [1, 2] });
      assertExit(dir.cli('validate', 'presets/latest.preset.json', 'presets/v2.preset.json'), 0);
    });
  });

  describe('numbers a double cannot keep', () => {
    const BIG =
      '{"name": "Big", "runtime": "vllm", "parameters": {"seed": [9007199254740993, 6.02e+23, 1e-400]}, "metadata": {"huge": 1e400}}';
    const SEED = /"seed": \[9007199254740993, 6\.02e\+23, 1e-400\]/;

    it('validate warns at each, saying what it becomes; 6.02e+23 is a float and gets none', () => {
      dir.write('presets/big.preset.json', BIG);
      const run = dir.cli('validate');
      assertExit(run, 0);
      const warnings = run.stderr.split('\n').filter((line) => line.includes('warning:'));
      // The flag checks add their own: Python reads 6.02e+23 and 1e-400 as floats, and seed takes an int.
      const isFlagCheck = (line: string) => / is a float for "seed", which takes an int$/.test(line);
      assert.deepEqual(
        warnings.filter((line) => !isFlagCheck(line)),
        [
          'presets/big.preset.json:1:60: warning: parameters.seed[0]: this integer is too large to keep exactly; it reads as 9007199254740992',
          'presets/big.preset.json:1:88: warning: parameters.seed[2]: 1e-400 is too small for a number; it reads as 0',
          'presets/big.preset.json:1:119: warning: metadata.huge: 1e400 is too large for a number; it reads as Infinity',
        ],
      );
      assert.deepEqual(
        warnings.filter(isFlagCheck).map((line) => line.split(': ')[0]),
        ['presets/big.preset.json:1:78', 'presets/big.preset.json:1:88'],
      );
    });

    it('export → import → export keeps them as written, and writes metadata.runtime', () => {
      dir.write('presets/big.preset.json', BIG);
      assertExit(dir.cli('export', 'Big', '-o', 'out.json'), 0);
      const exported = dir.read('out.json');
      assert.match(exported, SEED);
      assert.match(exported, /"huge": 1e400,\n\s+"runtime": "vllm"/);
      dir.write('other/.keep', '');
      assertExit(dir.cli('import', 'out.json', '--dir', 'other'), 0);
      const imported = dir.read('other/presets/big.preset.json');
      assert.match(imported, SEED);
      assert.match(imported, /"huge": 1e400/);
      assert.equal(dir.cli('export', 'Big', '--dir', 'other').stdout, exported);
    });

    it('merge holds what the numbers read as, and says so', () => {
      dir.write('presets/big.preset.json', BIG);
      const run = dir.cli('merge', 'Big', '--json');
      assertExit(run, 0);
      const result = JSON.parse(run.stdout) as { warnings: string[] };
      assert.deepEqual(result.warnings, [
        'Big: parameters.seed[0] is written 9007199254740993, which reads as 9007199254740992; the merge holds 9007199254740992.',
        'Big: parameters.seed[2] is written 1e-400, which reads as 0; the merge holds 0.',
      ]);
    });
  });

  describe('on a small full file system (tmpfs)', () => {
    let mount: string | undefined;
    before(function () {
      if (process.platform !== 'linux') this.skip();
      mount = fs.mkdtempSync(path.join(os.tmpdir(), 'presets-tmpfs-'));
      const result = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount], { encoding: 'utf8' });
      if (result.status !== 0) {
        console.log(
          `      (skipped: mounting a tmpfs is not permitted here: ${(result.stderr || String(result.error)).trim()})`,
        );
        fs.rmSync(mount, { recursive: true, force: true });
        mount = undefined;
        this.skip();
      }
    });
    after(() => {
      if (!mount) return;
      spawnSync('umount', [mount]);
      fs.rmSync(mount, { recursive: true, force: true });
    });

    it('a read-only file system (EROFS): one line naming the path', () => {
      const readOnly = path.join(mount!, 'ro');
      fs.mkdirSync(readOnly);
      if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=16k', 'tmpfs', readOnly]).status !== 0) return;
      try {
        dir.write('presets/fast.preset.json', JSON.stringify(FAST));
        const run = dir.cli('export', 'Fast', '-o', path.join(readOnly, 'out.json'));
        assertExit(run, 1);
        assertOneLine(run.stderr, /out\.json: the file system is read-only \(EROFS\); write to another folder$/);
      } finally {
        spawnSync('umount', [readOnly]);
      }
    });

    it('a write that runs out of space says so in one line, leaves no temporary file and keeps the old file', () => {
      const workspace = path.join(mount!, 'ws');
      fs.mkdirSync(path.join(workspace, 'presets'), { recursive: true });
      fs.writeFileSync(path.join(workspace, 'presets', 'fast.preset.json'), JSON.stringify(FAST));
      // Fill the file system, then ask for a replacement larger than what is left.
      try {
        fs.writeFileSync(path.join(mount!, 'filler'), Buffer.alloc(64 * 1024));
      } catch {
        // ENOSPC: full, as wanted.
      }
      const big = { ...FAST, description: 'x'.repeat(32 * 1024) };
      dir.write('fast.json', JSON.stringify(big));
      const run = spawnSync(
        process.execPath,
        [cliPath, 'import', dir.path('fast.json'), '--dir', workspace, '--on-conflict', 'replace'],
        { cwd: workspace, encoding: 'utf8' },
      );
      assert.equal(run.status, 1, run.stderr);
      assertOneLine(run.stderr, /^presets import: .*fast\.preset\.json: no space left on the device \(ENOSPC\)/);
      assert.deepEqual(fs.readdirSync(path.join(workspace, 'presets')), ['fast.preset.json']);
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(workspace, 'presets', 'fast.preset.json'), 'utf8')), FAST);
    });
  });
});
