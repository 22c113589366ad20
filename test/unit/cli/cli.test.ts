import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializePresetFile } from '../../../src/core/exchange';
import { mergePresets } from '../../../src/core/merge';
import type { MergeResult } from '../../../src/core/model';
import { TempFolder, cliPath, type CliRun } from '../helpers/cli';
import { analyze, positionOf, presetText, readFixture } from '../helpers/presets';

const COMMANDS = ['list', 'validate', 'merge', 'export', 'import', 'flags', 'runs', 'apply', 'convert'] as const;
const SYSTEM_NAMES = [
  'Balanced',
  'High Throughput',
  'Low Latency',
  'Memory Efficient',
  'SGLang Performance Tuning',
  'vLLM Performance Tuning',
];
const systemPresets = JSON.parse(readFixture('autotuner-system-presets.json')) as {
  name: string;
  runtime: 'sglang' | 'vllm';
  parameters: Record<string, (string | number | boolean | null)[]>;
}[];
const system = (name: string) => systemPresets.find((p) => p.name === name)!;

const FAST = {
  name: 'Fast',
  category: 'custom',
  runtime: 'sglang',
  parameters: { 'tp-size': [1, 2], 'schedule-policy': ['lpm'] },
};
const WIDE = { name: 'Wide', parameters: { 'tp-size': [2, 4], 'max-running-requests': [64] } };
const BROKEN_TEXT = '{\n  "name": "Broken",\n  "category": "custom",\n  "parameters": {\n    "tp-size": 2\n  }\n}\n';

/** Asserts the exit code, printing both streams when it is wrong. */
function assertExit(run: CliRun, code: number): void {
  assert.equal(run.code, code, `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

describe('CLI (node dist/cli.js)', function () {
  // Each case starts a node process; a slow CI machine needs more than mocha's default.
  this.timeout(20000);
  const folders: TempFolder[] = [];
  const folder = (files: Record<string, string | Uint8Array> = {}) => {
    const created = new TempFolder(files);
    folders.push(created);
    return created;
  };

  before(() => {
    assert.ok(fs.existsSync(cliPath), 'dist/cli.js is missing: run "node scripts/build.mjs" first');
  });
  after(() => {
    for (const created of folders) created.dispose();
  });

  describe('usage', () => {
    it('--help lists every command and the exit codes', () => {
      const run = folder().cli('--help');
      assertExit(run, 0);
      for (const command of COMMANDS) assert.match(run.stdout, new RegExp(`^  ${command} `, 'm'));
      assert.match(run.stdout, /Exit codes: 0 success, 1 invalid input, 2 usage error\./);
      assert.equal(run.stderr, '');
    });

    it('no command at all is a usage error that still shows the usage, on stderr', () => {
      const run = folder().cli();
      assertExit(run, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^Usage: presets <command> \[options\]$/m);
    });

    it('an unknown command is a usage error', () => {
      const run = folder().cli('frobnicate');
      assertExit(run, 2);
      assert.equal(run.stdout, '');
      assert.equal(
        run.stderr,
        'presets: unknown command "frobnicate"; commands are list, validate, merge, export, import, flags, runs, apply, convert\nRun "presets --help" for usage.\n',
      );
    });

    it("prints Node's usage message of several lines as lines, not as escaped line breaks", () => {
      const run = folder().cli('runs', '--limit', '-1', 'Balanced');
      assertExit(run, 2);
      assert.equal(run.stdout, '');
      assert.equal(
        run.stderr,
        [
          "presets runs: Option '--limit' argument is ambiguous.",
          "Did you forget to specify the option argument for '--limit'?",
          "To specify an option argument starting with a dash use '--limit=-XYZ'.",
          'Run "presets runs --help" for usage.',
          '',
        ].join('\n'),
      );
    });

    for (const command of COMMANDS) {
      it(`${command} --help and -h print the command's usage`, () => {
        const dir = folder();
        for (const flag of ['--help', '-h']) {
          const run = dir.cli(command, flag);
          assertExit(run, 0);
          assert.ok(run.stdout.startsWith(`Usage: presets ${command} `), run.stdout);
          assert.equal(run.stderr, '');
        }
        assert.equal(dir.cli('help', command).stdout, dir.cli(command, '--help').stdout);
      });

      it(`${command} with an unknown flag is a usage error`, () => {
        const run = folder().cli(command, '--frobnicate');
        assertExit(run, 2);
        assert.equal(run.stdout, '');
        // flags is asked about flags' own spellings, so it says how to pass one that starts with a dash.
        const hint =
          command === 'flags'
            ? '; to look up a flag written with dashes, put it after "--": presets flags -- --tp-size'
            : '';
        assert.equal(
          run.stderr,
          `presets ${command}: Unknown option '--frobnicate'${hint}\nRun "presets ${command} --help" for usage.\n`,
        );
      });
    }
  });

  describe('list', () => {
    it('shows the system presets in an aligned table', () => {
      const run = folder().cli('list');
      assertExit(run, 0);
      assert.equal(run.stderr, '');
      const [header, ...rest] = lines(run.stdout);
      assert.equal(header, 'NAME                       CATEGORY     RUNTIME  PARAMS    RUNS  SOURCE  STATUS');
      assert.deepEqual(
        rest.slice(0, 6).map((line) => line.slice(0, 27).trimEnd()),
        SYSTEM_NAMES,
      );
      assert.equal(rest[0], 'Balanced                   general      sglang        3       4  system  ok');
      // The bundled presets are kept as shipped: their flag problems show as warnings.
      assert.equal(rest[4], 'SGLang Performance Tuning  performance  sglang       28  20,736  system  9 warnings');
      assert.equal(rest[6], '6 presets');
    });

    it('adds the workspace presets, broken ones too', () => {
      const dir = folder({
        'presets/fast.preset.json': presetText(FAST),
        'presets/wide.preset.json': presetText(WIDE),
        'broken.preset.json': BROKEN_TEXT,
        'node_modules/dep/x.preset.json': presetText({ name: 'Hidden', parameters: { a: [1] } }),
      });
      const run = dir.cli('list');
      assertExit(run, 0);
      const table = lines(run.stdout);
      const header = table[0];
      const row = (name: string) => table.find((line) => line.startsWith(name + ' '))!;
      // Columns line up: every cell starts under its header.
      for (const [column, cell] of [
        ['CATEGORY', 'custom'],
        ['SOURCE', 'presets/fast.preset.json'],
        ['STATUS', 'ok'],
      ]) {
        assert.equal(row('Fast').indexOf(cell), header.indexOf(column), column);
      }
      assert.match(row('Fast'), /^Fast +custom +sglang +2 +2 +presets\/fast\.preset\.json +ok$/);
      assert.match(row('Wide'), /^Wide +Uncategorized +any +2 +2 +presets\/wide\.preset\.json +ok$/);
      assert.match(row('Broken'), /^Broken +custom +broken\.preset\.json +invalid \(1 error\)$/);
      assert.ok(!run.stdout.includes('Hidden'), 'node_modules is skipped');
      assert.equal(table[table.length - 1], '9 presets, 1 invalid (run "presets validate" for details)');
    });

    it('--json prints every preset with its source, validity and 1-based diagnostics', () => {
      const dir = folder({ 'presets/fast.preset.json': presetText(FAST), 'broken.preset.json': BROKEN_TEXT });
      const run = dir.cli('list', '--json');
      assertExit(run, 0);
      assert.equal(run.stderr, '');
      const listed = JSON.parse(run.stdout) as Record<string, unknown>[];
      assert.equal(listed.length, 8);
      assert.deepEqual(
        listed.find((item) => item.name === 'Fast'),
        {
          name: 'Fast',
          description: null,
          category: 'custom',
          runtime: 'sglang',
          parameters: FAST.parameters,
          metadata: null,
          grid_size: 2,
          source: 'workspace',
          path: 'presets/fast.preset.json',
          valid: true,
          diagnostics: [],
        },
      );
      const broken = listed.find((item) => item.name === 'Broken')!;
      assert.equal(broken.valid, false);
      assert.equal(broken.category, 'custom', 'the category it names, though it cannot be used');
      assert.deepEqual(broken.diagnostics, [
        {
          severity: 'error',
          code: 'not-a-list',
          line: 5,
          column: 16,
          message: 'parameters.tp-size: expected a non-empty list of values, got a number',
        },
      ]);
      const balanced = listed.find((item) => item.name === 'Balanced')!;
      assert.equal(balanced.source, 'system');
      assert.equal(balanced.path, null);
      assert.deepEqual(balanced.parameters, system('Balanced').parameters);
    });

    it('--category filters, ignoring case; a broken preset stays in its own category', () => {
      const dir = folder({
        'presets/fast.preset.json': presetText(FAST),
        'presets/wide.preset.json': presetText(WIDE),
        'broken.preset.json': BROKEN_TEXT,
      });
      const names = (run: CliRun) => (JSON.parse(run.stdout) as { name: string }[]).map((item) => item.name);
      assert.deepEqual(names(dir.cli('list', '--category', 'CUSTOM', '--json')), ['Broken', 'Fast']);
      assert.deepEqual(names(dir.cli('list', '--category', 'Uncategorized', '--json')), ['Wide']);
      assert.deepEqual(names(dir.cli('list', '--category', 'memory', '--json')), ['Memory Efficient']);
      const table = dir.cli('list', '--category', 'performance');
      assertExit(table, 0);
      assert.deepEqual(
        lines(table.stdout)
          .slice(1, -1)
          .map((line) => line.split('  ')[0]),
        ['High Throughput', 'Low Latency', 'SGLang Performance Tuning', 'vLLM Performance Tuning'],
      );
      const none = dir.cli('list', '--category', 'nothing');
      assertExit(none, 0);
      assert.equal(none.stdout, 'No presets in category "nothing".\n');
    });

    it('--dir chooses the folder; a missing folder fails, a stray argument is a usage error', () => {
      const dir = folder({ 'a/fast.preset.json': presetText(FAST), 'b/wide.preset.json': presetText(WIDE) });
      const run = dir.cli('list', '--dir', 'b');
      assertExit(run, 0);
      assert.match(run.stdout, /^Wide .* b\/wide\.preset\.json +ok$/m);
      assert.ok(!run.stdout.includes('Fast'));
      const missing = dir.cli('list', '--dir', 'nowhere');
      assertExit(missing, 1);
      assert.equal(missing.stderr, 'presets: --dir nowhere: no such folder\n');
      assertExit(dir.cli('list', 'extra'), 2);
    });
  });

  describe('validate', () => {
    const files = {
      'presets/good.preset.json': presetText(FAST),
      'presets/broken.preset.json': BROKEN_TEXT,
      'warn.preset.json': '{"name": "Warn", "parameters": {"tp-size": [1, 1]}, "notes": "x"}',
    };

    it('prints compiler-style lines on stderr and fails on errors', () => {
      const run = folder(files).cli('validate');
      assertExit(run, 1);
      assert.equal(
        run.stderr,
        [
          'presets/broken.preset.json:5:16: error: parameters.tp-size: expected a non-empty list of values, got a number',
          'warn.preset.json:1:48: warning: parameters.tp-size[1]: 1 is already in this list (position 1); the repeat is ignored',
          'warn.preset.json:1:53: warning: notes: not a preset field; kept as it is',
          '',
        ].join('\n'),
      );
      assert.equal(run.stdout, 'Checked 3 preset files: 1 error, 2 warnings.\n');
    });

    it('passes over what the workspace settings exclude, as the extension does, unless named', () => {
      const dir = folder({
        'presets/good.preset.json': presetText(FAST),
        'fixtures/broken.preset.json': BROKEN_TEXT,
        'build/out/copy.preset.json': presetText(FAST),
        '.vscode/settings.json':
          '{\n  // JSONC, as VS Code writes it\n  "parameterPresets.exclude": ["fixtures"],\n  "files.exclude": {"**/build": true, "presets": false},\n}\n',
      });
      const run = dir.cli('validate');
      assertExit(run, 0);
      assert.equal(run.stderr, '', 'neither the broken fixture nor the copy of Fast (a duplicate name) is read');
      assert.equal(run.stdout, 'Checked 1 preset file: no problems.\n');
      const list = dir.cli('list');
      assertExit(list, 0);
      assert.doesNotMatch(list.stdout, /build|fixtures/);
      const named = dir.cli('validate', 'fixtures/broken.preset.json');
      assertExit(named, 1);
      assert.match(named.stderr, /^fixtures\/broken\.preset\.json:5:16: error: /);
      const namedFolder = dir.cli('validate', 'fixtures');
      assertExit(namedFolder, 1);
      assert.match(namedFolder.stderr, /^fixtures\/broken\.preset\.json:5:16: error: /, 'a folder named is read whole');
      assertExit(folder({ ...files, '.vscode/settings.json': '{}' }).cli('validate'), 1);
    });

    it('succeeds with warnings only', () => {
      const dir = folder(files);
      const run = dir.cli('validate', 'warn.preset.json', 'presets/good.preset.json');
      assertExit(run, 0);
      assert.equal(lines(run.stderr).length, 2);
      assert.ok(lines(run.stderr).every((line) => /^warn\.preset\.json:\d+:\d+: warning: /.test(line)));
      assert.equal(run.stdout, 'Checked 2 preset files: 2 warnings.\n');
    });

    it('is quiet about a clean file', () => {
      const run = folder(files).cli('validate', 'presets/good.preset.json');
      assertExit(run, 0);
      assert.equal(run.stderr, '');
      assert.equal(run.stdout, 'Checked 1 preset file: no problems.\n');
    });

    it('reports 1-based lines and columns computed like an editor (CRLF, BOM)', () => {
      const text = '\uFEFF{\r\n  "name": "Crlf",\r\n  "parameters": {\r\n    "tp-size": []\r\n  }\r\n}\r\n';
      const run = folder({ 'crlf.preset.json': text }).cli('validate');
      assertExit(run, 1);
      const at = positionOf(text.slice(1), '[]');
      assert.equal(
        run.stderr,
        `crlf.preset.json:${at.line + 1}:${at.character + 1}: error: parameters.tp-size: expected a non-empty list of values, got an empty list\n`,
      );
      assert.equal(at.line + 1, 4);
    });

    it('reports an exact duplicate name on every workspace file, and a system name clash on the workspace file', () => {
      const dir = folder({
        'a.preset.json': presetText({ name: 'Same', parameters: { 'tp-size': [1] } }),
        'b/b.preset.json': presetText({ name: 'Same', parameters: { 'tp-size': [2] } }),
        'c.preset.json': presetText({ name: 'Balanced', parameters: { 'tp-size': [4] } }),
        'd.preset.json': presetText({ name: 'same', parameters: { 'tp-size': [8] } }),
      });
      const run = dir.cli('validate');
      assertExit(run, 1);
      assert.deepEqual(lines(run.stderr), [
        'a.preset.json:2:11: error: name: "Same" is already the name of b/b.preset.json; preset names must be unique',
        'a.preset.json:2:11: warning: name: "Same" differs only in case from "same" (d.preset.json); tell presets apart by more than case',
        'b/b.preset.json:2:11: error: name: "Same" is already the name of a.preset.json; preset names must be unique',
        'b/b.preset.json:2:11: warning: name: "Same" differs only in case from "same" (d.preset.json); tell presets apart by more than case',
        'c.preset.json:2:11: error: name: "Balanced" is already the name of a system preset; preset names must be unique',
        'd.preset.json:2:11: warning: name: "same" differs only in case from "Same" (a.preset.json), "Same" (b/b.preset.json); tell presets apart by more than case',
      ]);
      assert.equal(run.stdout, 'Checked 4 preset files: 3 errors, 3 warnings.\n');
    });

    it('one broken file does not hide the others', () => {
      const b = '{"name": "B", "parameters": {"x": []}}';
      const run = folder({ 'a.preset.json': '{ not json', 'b.preset.json': b }).cli('validate');
      assertExit(run, 1);
      assert.match(run.stderr, /^a\.preset\.json:1:3: error: syntax error: unexpected character$/m);
      assert.match(
        run.stderr,
        new RegExp(`^b\\.preset\\.json:1:${positionOf(b, '[]').character + 1}: error: parameters\\.x: `, 'm'),
      );
    });

    it('a missing path fails; a folder without presets is fine', () => {
      const dir = folder({ 'readme.txt': 'hi' });
      const missing = dir.cli('validate', 'nowhere');
      assertExit(missing, 1);
      assert.equal(missing.stderr, 'presets validate: nowhere: no such file or folder\n');
      const empty = dir.cli('validate');
      assertExit(empty, 0);
      assert.equal(empty.stdout, 'No *.preset.json files found in ..\n');
    });
  });

  describe('merge', () => {
    it('the issue\'s acceptance check: last_wins "High Throughput" "Memory Efficient" prints the grid with its conflicts', () => {
      const run = folder().cli('merge', '--strategy', 'last_wins', 'High Throughput', 'Memory Efficient');
      assertExit(run, 0);
      assert.equal(run.stderr, '');
      assert.equal(
        run.stdout,
        [
          'Merged 2 presets with last_wins: High Throughput → Memory Efficient',
          'Runtime: sglang',
          '',
          'PARAMETER               VALUE   FROM',
          'tp-size                 1       Memory Efficient',
          'mem-fraction-static     0.7     Memory Efficient',
          '                        0.75    Memory Efficient',
          'schedule-policy         "fcfs"  High Throughput',
          'enable-mixed-chunking   true    High Throughput',
          'enable-chunked-prefill  true    Memory Efficient',
          '',
          'Conflicts (2):',
          '  overridden          Memory Efficient sets "tp-size" to [1], replacing [2, 4] from High Throughput',
          '  overridden          Memory Efficient sets "mem-fraction-static" to [0.7, 0.75], replacing [0.9] from High Throughput',
          '',
          'Flag problems (2):',
          '  parameters.enable-mixed-chunking: unknown flag "enable-mixed-chunking" in SGLang 0.5.2; did you mean "enable-mixed-chunk"?',
          '  parameters.enable-chunked-prefill: "enable-chunked-prefill" is a vLLM flag, not one of SGLang 0.5.2; SGLang has no counterpart',
          '',
          'Grid: 1 × 2 × 1 × 1 × 1 = 2 runs',
          '',
        ].join('\n'),
      );
    });

    it("--json prints exactly one MergeResult, the core's", () => {
      const run = folder().cli('merge', '--json', '--strategy', 'last_wins', 'High Throughput', 'Memory Efficient');
      assertExit(run, 0);
      // The grid's flag problems join the result's warnings: stdout is one MergeResult, stderr is empty.
      assert.equal(run.stderr, '');
      const result = JSON.parse(run.stdout) as MergeResult;
      const core = mergePresets([system('High Throughput'), system('Memory Efficient')], 'last_wins');
      assert.deepEqual({ ...result, warnings: core.warnings }, core);
      assert.deepEqual(
        result.warnings.slice(core.warnings.length).map((warning) => warning.split(':')[0]),
        ['parameters.enable-mixed-chunking', 'parameters.enable-chunked-prefill'],
      );
      assert.deepEqual(Object.keys(result), [
        'strategy',
        'applied_presets',
        'parameters',
        'conflicts',
        'sources',
        'grid_size',
        'runtime',
        'warnings',
      ]);
    });

    it('resolves presets by path and by name, in the order given; union is the default', () => {
      const dir = folder({
        'presets/fast.preset.json': presetText(FAST),
        'presets/wide.preset.json': presetText(WIDE),
      });
      const run = dir.cli('merge', '--json', 'Wide', 'presets/fast.preset.json');
      assertExit(run, 0);
      assert.deepEqual(JSON.parse(run.stdout), {
        strategy: 'union',
        applied_presets: ['Wide', 'Fast'],
        parameters: { 'tp-size': [2, 4, 1], 'max-running-requests': [64], 'schedule-policy': ['lpm'] },
        conflicts: [],
        sources: {
          'tp-size': [['Wide', 'Fast'], ['Wide'], ['Fast']],
          'max-running-requests': [['Wide']],
          'schedule-policy': [['Fast']],
        },
        grid_size: 3,
        runtime: 'sglang',
        warnings: [],
      });
    });

    it('shows intersection conflicts and the grid for people', () => {
      const dir = folder({
        'presets/fast.preset.json': presetText(FAST),
        'presets/wide.preset.json': presetText(WIDE),
      });
      const run = dir.cli('merge', '-s', 'intersection', 'Fast', 'Wide');
      assertExit(run, 0);
      assert.match(run.stdout, /^tp-size +2 +Fast, Wide$/m);
      assert.match(run.stdout, /^Conflicts \(2\):$/m);
      assert.match(run.stdout, /^ {2}missing +"schedule-policy" is not defined by Wide; /m);
      assert.match(run.stdout, /^ {2}missing +"max-running-requests" is not defined by Fast; /m);
      assert.match(run.stdout, /\nGrid: 1 run\n$/);
    });

    it('warns about mixed runtimes and resolves names in --dir', () => {
      const dir = folder({ 'sub/wide.preset.json': presetText({ ...WIDE, runtime: 'vllm' }) });
      const run = dir.cli('merge', '--dir', 'sub', 'Balanced', 'Wide');
      assertExit(run, 0);
      assert.match(run.stdout, /^Runtime: any$/m);
      assert.match(
        run.stdout,
        /^Warning: The presets are written for different runtimes: Balanced \(sglang\) and Wide \(vllm\); /m,
      );
      assert.match(run.stdout, /^Grid: 3 × 1 × 2 × 1 = 6 runs$/m);
    });

    it('an unknown strategy is a usage error', () => {
      const run = folder().cli('merge', '--strategy', 'newest', 'Balanced');
      assertExit(run, 2);
      assert.equal(run.stdout, '');
      assert.equal(
        run.stderr,
        'presets merge: unknown strategy "newest"; use union, intersection, last_wins\nRun "presets merge --help" for usage.\n',
      );
    });

    it('no preset is a usage error', () => {
      const run = folder().cli('merge', '--json');
      assertExit(run, 2);
      assert.match(run.stderr, /^presets merge: name at least one preset to merge\n/);
    });

    it('an unknown preset fails, suggesting a name that differs in case', () => {
      const dir = folder();
      const unknown = dir.cli('merge', 'Balanced', 'Nope');
      assertExit(unknown, 1);
      assert.equal(unknown.stdout, '');
      assert.equal(unknown.stderr, 'presets: no preset named "Nope" in . or the system presets\n');
      const cased = dir.cli('merge', 'high throughput');
      assertExit(cased, 1);
      assert.match(cased.stderr, /did you mean "High Throughput"\?\n$/);
    });

    it('the same preset twice fails', () => {
      const dir = folder({ 'presets/fast.preset.json': presetText(FAST) });
      const run = dir.cli('merge', 'Fast', 'presets/fast.preset.json');
      assertExit(run, 1);
      assert.equal(
        run.stderr,
        'presets merge: preset "Fast" is given more than once; each preset can be merged once\n',
      );
    });

    it('an invalid or clashing preset fails with its errors', () => {
      const dir = folder({
        'broken.preset.json': BROKEN_TEXT,
        'a.preset.json': presetText({ name: 'Twin', parameters: { a: [1] } }),
        'b.preset.json': presetText({ name: 'Twin', parameters: { a: [2] } }),
      });
      const broken = dir.cli('merge', 'broken.preset.json');
      assertExit(broken, 1);
      assert.equal(
        broken.stderr,
        'presets: broken.preset.json cannot be used until its errors are fixed:\nbroken.preset.json:5:16: error: parameters.tp-size: expected a non-empty list of values, got a number\n',
      );
      const twin = dir.cli('merge', 'Twin');
      assertExit(twin, 1);
      assert.match(
        twin.stderr,
        /^presets: [ab]\.preset\.json cannot be used until its errors are fixed:\n[ab]\.preset\.json:2:11: error: name: "Twin" is already the name of /,
      );
    });
  });

  describe('export', () => {
    it('prints the envelope of a workspace preset', () => {
      const run = folder({ 'presets/fast.preset.json': presetText(FAST) }).cli('export', 'Fast');
      assertExit(run, 0);
      assert.equal(run.stderr, '');
      assert.equal(
        run.stdout,
        '{\n  "version": "1.0",\n  "preset": {\n    "name": "Fast",\n    "description": null,\n    "category": "custom",\n    "parameters": {\n      "tp-size": [1, 2],\n      "schedule-policy": ["lpm"]\n    },\n    "metadata": {\n      "runtime": "sglang"\n    },\n    "runtime": "sglang"\n  }\n}\n',
      );
    });

    it('exports a system preset with its values unchanged', () => {
      const run = folder().cli('export', 'vLLM Performance Tuning');
      assertExit(run, 0);
      const envelope = JSON.parse(run.stdout) as { version: string; preset: Record<string, unknown> };
      assert.equal(envelope.version, '1.0');
      // metadata.runtime is added for the autotuner, whose own import and export drop the runtime field.
      const expected = system('vLLM Performance Tuning') as unknown as {
        metadata: Record<string, unknown>;
        runtime: string;
      };
      assert.deepEqual(envelope.preset, { ...expected, metadata: { ...expected.metadata, runtime: expected.runtime } });
    });

    it('-o writes the file (creating folders) and says where', () => {
      const dir = folder({ 'presets/fast.preset.json': presetText(FAST) });
      const run = dir.cli('export', 'presets/fast.preset.json', '-o', 'out/preset-fast.json');
      assertExit(run, 0);
      assert.equal(run.stdout, 'Exported "Fast" to out/preset-fast.json\n');
      assert.equal(dir.read('out/preset-fast.json'), dir.cli('export', 'Fast').stdout);
    });

    it('keeps an integer beyond 2^53 as written after a repeated value, in export and import', () => {
      const dir = folder({
        'presets/seed.preset.json': '{"name":"Seed","parameters":{"seed":[1,1,9007199254740993]}}',
        'other.json': '{"name":"Other","parameters":{"seed":[5,5,10000000000000001]}}',
      });
      const exported = dir.cli('export', 'Seed');
      assertExit(exported, 0);
      assert.match(exported.stdout, /^ {6}"seed": \[1, 9007199254740993\]$/m);
      assertExit(dir.cli('import', 'other.json'), 0);
      assert.equal(
        dir.read('presets/other.preset.json'),
        '{\n  "name": "Other",\n  "parameters": {\n    "seed": [5, 10000000000000001]\n  }\n}\n',
      );
    });

    it('writes each number as the file writes it: 2.0 stays a float, as Python reads it', () => {
      const dir = folder({
        'presets/floats.preset.json':
          '{"name":"Floats","parameters":{"tp-size":[1, 2.0, 4e0],"mem-fraction-static":[1.0, 0.85]}}',
      });
      const exported = dir.cli('export', 'Floats');
      assertExit(exported, 0);
      assert.match(exported.stdout, /^ {6}"tp-size": \[1, 2\.0, 4e0\],$/m);
      assert.match(exported.stdout, /^ {6}"mem-fraction-static": \[1\.0, 0\.85\]$/m);
    });

    it('-o - prints to standard output, as convert -o - does, and writes no file; ./- is a file named "-"', () => {
      const dir = folder({ 'presets/fast.preset.json': presetText(FAST) });
      const run = dir.cli('export', 'Fast', '-o', '-');
      assertExit(run, 0);
      assert.equal(run.stdout, dir.cli('export', 'Fast').stdout);
      assert.equal(run.stderr, '');
      assert.deepEqual(dir.files(), ['presets/fast.preset.json']);
      const file = dir.cli('export', 'Fast', '-o', './-');
      assertExit(file, 0);
      assert.equal(file.stdout, `Exported "Fast" to .${path.sep}-\n`, 'not to be read as standard output');
      assert.equal(dir.read('-'), run.stdout);
    });

    it('every command with -o says in its help that "-o -" is standard output', () => {
      for (const command of ['export', 'convert']) {
        const help = folder().cli(command, '--help').stdout;
        assert.match(
          help,
          /^ {2}-o FILE .*; "-o -" is standard output \(write \.\/- for a file named "-"\)$/m,
          command,
        );
      }
    });

    it('needs exactly one known preset', () => {
      const dir = folder();
      assertExit(dir.cli('export'), 2);
      assertExit(dir.cli('export', 'Balanced', 'Low Latency'), 2);
      const unknown = dir.cli('export', 'Nope', '-o', 'x.json');
      assertExit(unknown, 1);
      assert.equal(dir.exists('x.json'), false);
    });
  });

  describe('import', () => {
    const envelope = (preset: Record<string, unknown>, version = '1.0') => JSON.stringify({ version, preset }, null, 2);

    it('writes <dir>/presets/<slug>.preset.json from an export envelope', () => {
      const dir = folder({
        'shared.json': envelope({
          name: 'Team Shared',
          description: null,
          category: 'team',
          parameters: { 'tp-size': [1, 2] },
          metadata: null,
        }),
      });
      const run = dir.cli('import', 'shared.json');
      assertExit(run, 0);
      assert.equal(run.stderr, '');
      assert.equal(run.stdout, 'Imported "Team Shared" to presets/team-shared.preset.json\n');
      const written = dir.read('presets/team-shared.preset.json');
      assert.equal(written, serializePresetFile(analyze(written).preset!));
      assert.deepEqual(JSON.parse(written), {
        name: 'Team Shared',
        category: 'team',
        parameters: { 'tp-size': [1, 2] },
      });
      assertExit(dir.cli('validate'), 0);
      assert.match(dir.cli('list').stdout, /^Team Shared +team +any +1 +2 +presets\/team-shared\.preset\.json +ok$/m);
    });

    it('accepts an autotuner API object and writes into --dir', () => {
      const api = {
        id: 9,
        name: 'From API',
        is_system: false,
        parameters: { a: [true] },
        created_at: '2025-01-01',
        updated_at: '2025-01-01',
      };
      const dir = folder({ 'api.json': JSON.stringify(api), 'ws/.keep': '' });
      const run = dir.cli('import', 'api.json', '--dir', 'ws');
      assertExit(run, 0);
      assert.equal(run.stderr, '');
      assert.deepEqual(JSON.parse(dir.read('ws/presets/from-api.preset.json')), {
        name: 'From API',
        parameters: { a: [true] },
      });
    });

    it('writes into the presets folder of the workspace settings, as the extension does', () => {
      const dir = folder({
        'in.json': envelope({ name: 'Configured', parameters: { a: [1] } }),
        'ws/.vscode/settings.json':
          '{\n  // JSONC, as VS Code writes it\n  "parameterPresets.presetsFolder": "config/presets",\n}\n',
      });
      const run = dir.cli('import', 'in.json', '--dir', 'ws');
      assertExit(run, 0);
      assert.equal(run.stderr, '');
      assert.ok(dir.exists('ws/config/presets/configured.preset.json'));
      assert.ok(!dir.exists('ws/presets'));
    });

    it('refuses a presets folder setting that leads out of the workspace, writing nothing', () => {
      const dir = folder({
        'in.json': envelope({ name: 'Escapee', parameters: { a: [1] } }),
        'ws/.vscode/settings.json': '{"parameterPresets.presetsFolder": "../outside"}',
      });
      const run = dir.cli('import', 'in.json', '--dir', 'ws');
      assertExit(run, 1);
      assert.match(
        run.stderr,
        /^presets import: ws\/\.vscode\/settings\.json: The setting "parameterPresets\.presetsFolder" is "\.\.\/outside", which leads out of ws;/,
      );
      assert.ok(!dir.exists('outside'));
    });

    it('reads a broken settings file as far as it parses, with a warning', () => {
      const dir = folder({
        'in.json': envelope({ name: 'Half', parameters: { a: [1] } }),
        '.vscode/settings.json': '{"parameterPresets.presetsFolder": "mine" "x"}',
      });
      const run = dir.cli('import', 'in.json');
      assertExit(run, 0);
      assert.equal(
        run.stderr,
        '.vscode/settings.json:1:43: warning: comma expected; read as far as it parses\n' +
          '.vscode/settings.json:1:46: warning: colon expected; read as far as it parses\n',
      );
      assert.ok(dir.exists('mine/half.preset.json'));
    });

    it('prints warnings and still imports', () => {
      const dir = folder({ 'old.json': envelope({ name: 'Old', parameters: { a: [1] } }, '0.9') });
      const run = dir.cli('import', 'old.json');
      assertExit(run, 0);
      assert.equal(run.stderr, 'old.json:2:14: warning: version: expected "1.0", got "0.9"; reading it as 1.0\n');
      assert.ok(dir.exists('presets/old.preset.json'));
    });

    it('an invalid file fails with its problems and writes nothing', () => {
      const text = '{"version": "1.0",\n "preset": {"name": "Bad", "parameters": {"a": 1}}}';
      const dir = folder({ 'bad.json': text });
      const run = dir.cli('import', 'bad.json');
      assertExit(run, 1);
      const at = positionOf(text, '1}');
      assert.equal(
        run.stderr,
        `bad.json:2:${at.character + 1}: error: preset.parameters.a: expected a non-empty list of values, got a number\n`,
      );
      assert.deepEqual(dir.files(), ['bad.json']);
    });

    it('reads the file as a preset file: invalid UTF-8 and a file over the size limit fail and write nothing', () => {
      const latin1 = Uint8Array.from([
        ...Buffer.from('{"name": "Caf'),
        0xe9,
        ...Buffer.from('", "parameters": {"a": [1]}}'),
      ]);
      const dir = folder({
        'latin1.json': latin1,
        'huge.json': envelope({ name: 'Huge', description: 'x'.repeat(6 * 1024 * 1024), parameters: { a: [1] } }),
      });
      const notUtf8 = dir.cli('import', 'latin1.json');
      assertExit(notUtf8, 1);
      assert.equal(
        notUtf8.stderr,
        'latin1.json:1:14: error: the file is not valid UTF-8 (byte 13); save it as UTF-8\n',
      );
      const huge = dir.cli('import', 'huge.json');
      assertExit(huge, 1);
      assert.equal(
        huge.stderr,
        'huge.json:1:1: error: the file is 6.0 MB, over the 5.0 MB limit for preset files; it was not read\n',
      );
      assert.deepEqual(dir.files(), ['huge.json', 'latin1.json']);
    });

    describe('when the name exists', () => {
      const setup = () =>
        folder({
          'presets/mine.preset.json': presetText({ name: 'Team Shared', parameters: { old: [1] } }),
          'shared.json': envelope({ name: 'Team Shared', parameters: { new: [2] } }),
          'balanced.json': envelope({ name: 'Balanced', parameters: { x: [1] } }),
        });

      it('fails by default and writes nothing', () => {
        const dir = setup();
        const before = dir.files();
        const run = dir.cli('import', 'shared.json');
        assertExit(run, 1);
        assert.equal(
          run.stderr,
          'presets import: a preset named "Team Shared" already exists (presets/mine.preset.json); nothing was written. Use --on-conflict rename or --on-conflict replace.\n',
        );
        assert.deepEqual(dir.files(), before);
        assert.deepEqual(JSON.parse(dir.read('presets/mine.preset.json')).parameters, { old: [1] });
      });

      it('--on-conflict rename imports under a free name', () => {
        const dir = setup();
        const run = dir.cli('import', 'shared.json', '--on-conflict', 'rename');
        assertExit(run, 0);
        assert.equal(
          run.stdout,
          'Imported "Team Shared (2)" to presets/team-shared-2.preset.json (renamed from "Team Shared")\n',
        );
        assert.equal(JSON.parse(dir.read('presets/team-shared-2.preset.json')).name, 'Team Shared (2)');
        assertExit(dir.cli('validate'), 0);
      });

      it('--on-conflict replace rewrites the existing file in place', () => {
        const dir = setup();
        const before = dir.files();
        const run = dir.cli('import', 'shared.json', '--on-conflict', 'replace');
        assertExit(run, 0);
        assert.equal(run.stdout, 'Imported "Team Shared" to presets/mine.preset.json (replaced)\n');
        assert.deepEqual(dir.files(), before);
        assert.deepEqual(JSON.parse(dir.read('presets/mine.preset.json')), {
          name: 'Team Shared',
          parameters: { new: [2] },
        });
      });

      it("a system preset's name: fails, replace is refused, rename works", () => {
        const dir = setup();
        const before = dir.files();
        const plain = dir.cli('import', 'balanced.json');
        assertExit(plain, 1);
        assert.match(
          plain.stderr,
          /^presets import: a preset named "Balanced" already exists \(a system preset\); nothing was written\./,
        );
        const replace = dir.cli('import', 'balanced.json', '--on-conflict', 'replace');
        assertExit(replace, 1);
        assert.equal(
          replace.stderr,
          'presets import: "Balanced" is a system preset, which cannot be replaced; use --on-conflict rename.\n',
        );
        assert.deepEqual(dir.files(), before);
        const rename = dir.cli('import', 'balanced.json', '--on-conflict', 'rename');
        assertExit(rename, 0);
        assert.equal(
          rename.stdout,
          'Imported "Balanced (2)" to presets/balanced-2.preset.json (renamed from "Balanced")\n',
        );
      });
    });

    it('usage errors and a missing file', () => {
      const dir = folder({ 'x.json': envelope({ name: 'X', parameters: { a: [1] } }) });
      assertExit(dir.cli('import'), 2);
      assertExit(dir.cli('import', 'x.json', 'y.json'), 2);
      const bad = dir.cli('import', 'x.json', '--on-conflict', 'merge');
      assertExit(bad, 2);
      assert.match(bad.stderr, /^presets import: --on-conflict must be fail, rename or replace, got "merge"\n/);
      const missing = dir.cli('import', 'nowhere.json');
      assertExit(missing, 1);
      assert.equal(missing.stderr, 'presets import: nowhere.json: no such file\n');
      assert.deepEqual(dir.files(), ['x.json']);
    });
  });
});
