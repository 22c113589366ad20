/** The CLI's runtime commands and flag checks, run as processes: flags, runs, apply, convert, validate's flag problems. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TempFolder, cliPath, runCli, type CliRun } from '../helpers/cli';
import { positionOf, presetText, repoRoot } from '../helpers/presets';

function assertExit(run: CliRun, code: number): void {
  assert.equal(run.code, code, `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** `file:line:col: ` of the first occurrence of `needle` in `text`, one-based. */
function at(file: string, text: string, needle: string): string {
  const position = positionOf(text, needle);
  return `${file}:${position.line + 1}:${position.character + 1}: `;
}

const KINDS_TEXT = `{
  "name": "Kinds",
  "runtime": "sglang",
  "parameters": {
    "mem-fracton-static": [0.8],
    "gpu-memory-utilization": [0.9],
    "tp-size": ["two"],
    "schedule-policy": ["lifo"],
    "mem-fraction-static": [1.5],
    "enable-ep-moe": [true],
    "radix-eviction-policy": ["lru"],
    "quantization": [null],
    "served-model-name": ["my model"],
    "enable-mixed-chunk": [false]
  }
}
`;
const REMOVED_TEXT = '{\n  "name": "Removed",\n  "runtime": "vllm",\n  "parameters": { "swap-space": [4] }\n}\n';

const TASK_TEXT = `{
  // comments and layout outside "parameters" stay as they are
  "task_name": "demo",
  "model": { "id_or_path": "llama-3-2-1b-instruct" },
  "base_runtime": "sglang",
  "runtime_image_tag": "v0.5.2-cu126",
  "parameters": {
    "tp-size": [1],
    "schedule-policy": { "type": "choice", "values": ["lpm"] }
  },
  "optimization": { "strategy": "grid_search", "max_iterations": 2, "timeout_per_iteration": 600 }
}
`;

describe('CLI runtime commands (node dist/cli.js)', function () {
  this.timeout(20000);
  const folders: TempFolder[] = [];
  const folder = (files: Record<string, string> = {}) => {
    const created = new TempFolder(files);
    folders.push(created);
    return created;
  };
  after(() => {
    for (const created of folders) created.dispose();
  });

  describe('validate: flag problems', () => {
    it('reports each kind at the exact key or value, as warnings that do not fail', () => {
      const dir = folder({ 'kinds.preset.json': KINDS_TEXT, 'removed.preset.json': REMOVED_TEXT });
      const run = dir.cli('validate');
      assertExit(run, 0);
      const f = 'kinds.preset.json';
      const expected = [
        [
          at(f, KINDS_TEXT, '"mem-fracton-static"'),
          'parameters.mem-fracton-static: unknown flag',
          'did you mean "mem-fraction-static"?',
        ],
        [
          at(f, KINDS_TEXT, '"gpu-memory-utilization"'),
          'parameters.gpu-memory-utilization: ',
          'is a vLLM flag',
          '"mem-fraction-static"',
        ],
        [at(f, KINDS_TEXT, '"two"'), 'parameters.tp-size[0]: "two" is not an integer'],
        [at(f, KINDS_TEXT, '"lifo"'), 'parameters.schedule-policy[0]: "lifo" is not a choice'],
        [at(f, KINDS_TEXT, '1.5'), 'parameters.mem-fraction-static[0]: 1.5 is outside (0, 1]'],
        [at(f, KINDS_TEXT, '"enable-ep-moe"'), 'parameters.enable-ep-moe: ', 'deprecated', '"expert-parallel-size"'],
        [
          at(f, KINDS_TEXT, '"radix-eviction-policy"'),
          'parameters.radix-eviction-policy: ',
          'only the newer main-2026-06-09',
        ],
        [at(f, KINDS_TEXT, 'null'), 'parameters.quantization[0]: null is launched as "--quantization None"'],
        [at(f, KINDS_TEXT, '"my model"'), 'parameters.served-model-name[0]: "my model" holds whitespace'],
        [at(f, KINDS_TEXT, 'false'), 'parameters.enable-mixed-chunk[0]: false launches nothing'],
        [at('removed.preset.json', REMOVED_TEXT, '"swap-space"'), 'parameters.swap-space: "swap-space" was removed'],
      ];
      const got = lines(run.stderr);
      assert.equal(got.length, expected.length, run.stderr);
      expected.forEach(([where, start, ...parts], i) => {
        assert.ok(got[i]!.startsWith(`${where}warning: ${start}`), `${got[i]}\nexpected ${where}warning: ${start}`);
        for (const part of parts) assert.ok(got[i]!.includes(part!), `${got[i]} lacks ${part}`);
      });
      assert.equal(run.stdout, 'Checked 2 preset files: 11 warnings.\n');
    });

    it('reports the four problems of the bundled system presets, kept as shipped', () => {
      const files = [
        'high-throughput.json',
        'memory-efficient.json',
        'sglang-performance-tuning.json',
        'vllm-performance-tuning.json',
      ].map((file) => `presets/${file}`);
      const texts = Object.fromEntries(
        files.map((file) => [file, fs.readFileSync(path.join(repoRoot, file), 'utf8')] as const),
      );
      // Given by path, the bundled files are checked as they are: the same entries as the system presets.
      const run = runCli(['validate', ...files], repoRoot);
      assertExit(run, 0);
      const got = lines(run.stderr);
      const expect = (file: string, needle: string, message: string) => {
        const prefix = `${at(file, texts[file]!, needle)}warning: ${message}`;
        assert.ok(
          got.some((line) => line.startsWith(prefix)),
          `no line starting ${prefix}\n${run.stderr}`,
        );
      };
      expect(
        'presets/high-throughput.json',
        '"enable-mixed-chunking"',
        'parameters.enable-mixed-chunking: unknown flag "enable-mixed-chunking" in SGLang 0.5.2; did you mean "enable-mixed-chunk"?',
      );
      expect(
        'presets/memory-efficient.json',
        '"enable-chunked-prefill"',
        'parameters.enable-chunked-prefill: "enable-chunked-prefill" is a vLLM flag',
      );
      expect(
        'presets/sglang-performance-tuning.json',
        'null',
        'parameters.quantization[0]: null is launched as "--quantization None"',
      );
      expect(
        'presets/vllm-performance-tuning.json',
        '"swap-space"',
        'parameters.swap-space: "swap-space" was removed: vLLM main-2026-05-29',
      );
    });

    it('--strict makes flag warnings errors and fails; other warnings stay warnings', () => {
      const warnText = '{"name": "Warn", "parameters": {"tp-size": [1]}, "notes": "x"}';
      const dir = folder({ 'removed.preset.json': REMOVED_TEXT, 'warn.preset.json': warnText });
      const run = dir.cli('validate', '--strict');
      assertExit(run, 1);
      assert.deepEqual(
        lines(run.stderr).map((line) => line.split(': ').slice(0, 3).join(': ')),
        [
          'removed.preset.json:4:19: error: parameters.swap-space',
          `${at('warn.preset.json', warnText, '"notes"')}warning: notes`,
        ],
      );
      assert.equal(run.stdout, 'Checked 2 preset files: 1 error, 1 warning.\n');
    });

    it('--no-flag-checks reports no flag problem, and the other problems as before', () => {
      const warnText = '{"name": "Warn", "parameters": {"tp-size": [1]}, "notes": "x"}';
      const dir = folder({ 'removed.preset.json': REMOVED_TEXT, 'warn.preset.json': warnText });
      const run = dir.cli('validate', '--no-flag-checks');
      assertExit(run, 0);
      assert.deepEqual(
        lines(run.stderr).map((line) => line.split(': ').slice(0, 3).join(': ')),
        [`${at('warn.preset.json', warnText, '"notes"')}warning: notes`],
      );
      assert.equal(run.stdout, 'Checked 2 preset files: 1 warning.\n');
      const both = dir.cli('validate', '--strict', '--no-flag-checks');
      assertExit(both, 2);
      assert.match(
        both.stderr,
        /^presets validate: --strict makes flag problems errors, and --no-flag-checks finds none/,
      );
    });

    it('--runtime-version chooses the catalog; a bad runtime or version is a usage error naming the shipped ones', () => {
      const dir = folder({ 'removed.preset.json': REMOVED_TEXT });
      const older = dir.cli('validate', '--strict', '--runtime-version', 'vllm=0.10.0');
      assertExit(older, 0);
      assert.equal(older.stderr, '');
      const badVersion = dir.cli('validate', '--runtime-version', 'sglang=9.9');
      assertExit(badVersion, 2);
      assert.match(badVersion.stderr, /no SGLang catalog "9\.9"; the shipped versions are 0\.5\.2, main-2026-06-09/);
      const badRuntime = dir.cli('list', '--runtime-version', 'trt=1');
      assertExit(badRuntime, 2);
      assert.match(badRuntime.stderr, /^presets list: --runtime-version "trt=1": write RUNTIME=VERSION/);
    });

    it('list --json gives each flag problem with its code and position, and none with --no-flag-checks', () => {
      const dir = folder({ 'removed.preset.json': REMOVED_TEXT });
      const removedOf = (run: CliRun) =>
        (JSON.parse(run.stdout) as { name: string; diagnostics: unknown[] }[]).find((item) => item.name === 'Removed')!;
      const unchecked = dir.cli('list', '--json', '--no-flag-checks');
      assertExit(unchecked, 0);
      assert.deepEqual(removedOf(unchecked).diagnostics, []);
      const run = dir.cli('list', '--json');
      assertExit(run, 0);
      const removed = removedOf(run);
      assert.deepEqual(removed.diagnostics, [
        {
          severity: 'warning',
          code: 'flag-removed',
          line: 4,
          column: 19,
          message:
            'parameters.swap-space: "swap-space" was removed: vLLM main-2026-05-29 has no such flag (0.10.0 has)',
        },
      ]);
    });
  });

  it('a damaged flag catalog is one line naming the file, not a stack trace', () => {
    // An installation of its own: the CLI finds presets/ and runtimes/ beside its dist/.
    const install = folder({ 'dist/cli.js': fs.readFileSync(cliPath, 'utf8') });
    fs.cpSync(path.join(repoRoot, 'presets'), install.path('presets'), { recursive: true });
    fs.cpSync(path.join(repoRoot, 'runtimes'), install.path('runtimes'), { recursive: true });
    install.write('runtimes/sglang/0.5.2.json', '{"runtime": "sglang"');
    install.write('work/x.preset.json', REMOVED_TEXT);
    const run = runCli(['validate'], install.path('work'), install.path('dist/cli.js'));
    assertExit(run, 1);
    assert.match(run.stderr, /^presets validate: cannot read the runtime flag catalogs: .*0\.5\.2\.json: not JSON/);
    assert.equal(lines(run.stderr).length, 1);
    // Without the flag checks no catalog is read, so the damaged one is no obstacle.
    const unchecked = runCli(['validate', '--no-flag-checks'], install.path('work'), install.path('dist/cli.js'));
    assertExit(unchecked, 0);
    assert.equal(unchecked.stdout, 'Checked 1 preset file: no problems.\n');
  });

  describe('flags', () => {
    it('finds a flag by alias and shows its facts', () => {
      const run = folder().cli('flags', '--runtime', 'sglang', 'tp-size');
      assertExit(run, 0);
      const [header, row] = lines(run.stdout);
      assert.equal(header, 'FLAG                  TYPE  DEFAULT  CHOICES  COMMON');
      assert.equal(row, 'tensor-parallel-size  int   1                 *');
      assert.match(run.stdout, /^Aliases: --tp-size$/m);
      assert.match(run.stdout, /^2 flags in SGLang 0\.5\.2$/m);
    });

    it("says what a flag's converter takes, and which shipped versions have it", () => {
      const dir = folder();
      const sizes = dir.cli('flags', '--runtime', 'vllm', 'max-model-len');
      assertExit(sizes, 0);
      assert.match(lines(sizes.stdout)[1]!, /^max-model-len {2}int \(k, m, g, t, K, M, G, T, auto\) {2}/);
      assert.match(sizes.stdout, /^Also takes: k ×1000, m ×1000000, .*; auto in any case$/m);
      assert.match(sizes.stdout, /^In vLLM 0\.10\.0, main-2026-05-29$/m);
      const none = dir.cli('flags', '--runtime', 'vllm', '--version', '0.10.0', 'preemption-mode');
      assert.match(none.stdout, /^Choices: recompute, swap, None\nNone is refused: it is read as Python's None/m);
      const normalized = dir.cli('flags', '--runtime', 'vllm', 'moe-backend');
      assert.match(
        normalized.stdout,
        /^Converted with lower\(\), replace\("-", "_"\) before the choices are compared$/m,
      );
      assert.match(normalized.stdout, /^In vLLM main-2026-05-29; not in 0\.10\.0$/m);
    });

    it('finds a flag by an alias written with dashes after --, and says so when it is not', () => {
      const dir = folder();
      const run = dir.cli('flags', '--runtime', 'vllm', '--', '-tp');
      assertExit(run, 0);
      assert.match(lines(run.stdout)[1]!, /^tensor-parallel-size\s/);
      const bare = dir.cli('flags', '--tp-size');
      assertExit(bare, 2);
      assert.match(bare.stderr, /Unknown option '--tp-size'; to look up a flag written with dashes, put it after "--"/);
    });

    it('finds flags by words of their description, in both runtimes by default', () => {
      const run = folder().cli('flags', 'prefix', 'cache');
      assertExit(run, 0);
      const rows = lines(run.stdout).slice(1, -1);
      assert.ok(
        rows.some((row) => /^sglang\s+disable-radix-cache\s/.test(row)),
        run.stdout,
      );
      assert.ok(
        rows.some((row) => /^vllm\s+enable-prefix-caching\s/.test(row)),
        run.stdout,
      );
      assert.match(run.stdout, /flags in SGLang 0\.5\.2 and vLLM main-2026-05-29\n$/);
    });

    it('--json prints one array of flag facts; --version picks a catalog', () => {
      const run = folder().cli('flags', '--json', '--runtime', 'vllm', '--version', '0.10.0', 'swap-space');
      assertExit(run, 0);
      const facts = JSON.parse(run.stdout) as Record<string, unknown>[];
      assert.equal(facts[0]!.name, 'swap-space');
      assert.equal(facts[0]!.version, '0.10.0');
      assert.deepEqual(facts[0]!.in_versions, ['0.10.0']);
      assert.deepEqual(facts[0]!.not_in_versions, ['main-2026-05-29']);
    });

    it('says when nothing matches; bad options are usage errors', () => {
      const dir = folder();
      const none = dir.cli('flags', 'zzzz-nothing');
      assertExit(none, 0);
      assert.match(none.stdout, /^No flag matches "zzzz-nothing"/);
      assertExit(dir.cli('flags', '--runtime', 'trt'), 2);
      assertExit(dir.cli('flags', '--version', '0.5.2'), 2);
      const badVersion = dir.cli('flags', '--runtime', 'sglang', '--version', '0.4');
      assertExit(badVersion, 2);
      assert.match(badVersion.stderr, /the shipped versions are 0\.5\.2, main-2026-06-09/);
    });
  });

  describe('runs', () => {
    const floatPreset = {
      name: 'Floats',
      runtime: 'sglang',
      parameters: { 'tp-size': [1, 2], 'mem-fraction-static': [0.85], 'enable-mixed-chunk': [true, false] },
    };
    const floatText = presetText(floatPreset).replace('0.85', '1.0');

    it('shows the command lines, GPUs, problems and the summary', () => {
      const run = folder().cli('runs', '--limit', '1', 'High Throughput');
      assertExit(run, 0);
      const out = lines(run.stdout);
      assert.equal(out[0], 'Runs of High Throughput: SGLang, checked against SGLang 0.5.2');
      assert.equal(
        out[1],
        '✗ #1  2 GPUs  python3 -m sglang.launch_server --model-path {model} --host 0.0.0.0 --port {port} --tp-size 2 --mem-fraction-static 0.9 --schedule-policy fcfs --enable-mixed-chunking',
      );
      assert.match(out[2]!, /^ {4}would fail: parameters\.enable-mixed-chunking: unknown flag/);
      assert.equal(out[3], '  … 1 more run (--limit N shows more)');
      assert.equal(out[4], '2 runs; 2–4 GPUs per run');
      assert.equal(out[5], 'All 2 runs would fail at launch (the first is run 1). ✗ marks those shown.');
    });

    it('tells a run whose problems are those of the run before by pointing back, and counts the whole grid', () => {
      const repeated = {
        name: 'Repeated',
        runtime: 'sglang',
        parameters: { 'tp-size': [1, 2, 4], 'schedule-policy': ['lifo', 'fcfs'], 'enable-mixed-chunking': [true] },
      };
      const run = folder({ 'repeated.preset.json': presetText(repeated) }).cli('runs', 'Repeated');
      assertExit(run, 0);
      const out = lines(run.stdout);
      const told = out.filter((line) => line.startsWith('    would fail: '));
      assert.deepEqual(
        told.map((line) => line.replace(/^( {4}would fail: parameters\.[\w-]+(\[\d\])?:).*$/, '$1')),
        [
          '    would fail: parameters.schedule-policy[0]:',
          '    would fail: parameters.enable-mixed-chunking:',
          '    would fail: parameters.enable-mixed-chunking:',
          '    would fail: as run #1 (2 problems)',
          '    would fail: as run #2 (1 problem)',
          '    would fail: as run #1 (2 problems)',
          '    would fail: as run #2 (1 problem)',
        ],
      );
      assert.equal(out.at(-1), 'All 6 runs would fail at launch (the first is run 1). ✗ marks those shown.');
    });

    it('--json prints exactly one object; 1.0 in the file stays 1.0; false launches nothing', () => {
      const dir = folder({ 'floats.preset.json': floatText });
      const run = dir.cli('runs', '--json', 'floats.preset.json');
      assertExit(run, 0);
      const summary = JSON.parse(run.stdout) as {
        runtime: string;
        total_runs: number;
        gpus: unknown;
        runs: { index: number; command: string[]; gpus: number; problems: string[] }[];
        task: unknown;
      };
      assert.deepEqual(Object.keys(summary), ['runtime', 'total_runs', 'gpus', 'runs', 'task']);
      assert.equal(summary.total_runs, 4);
      assert.deepEqual(summary.gpus, { min: 1, max: 2 });
      assert.equal(summary.task, null);
      assert.deepEqual(summary.runs[0]!.command.slice(-5), [
        '--tp-size',
        '1',
        '--mem-fraction-static',
        '1.0',
        '--enable-mixed-chunk',
      ]);
      assert.deepEqual(summary.runs[1]!.command.slice(-4), ['--tp-size', '1', '--mem-fraction-static', '1.0']);
      assert.deepEqual(summary.runs[1]!.problems, [], 'false launches fine');
      assert.equal(summary.runs[3]!.gpus, 2);
    });

    it('a repeated value shifts no later value: each run launches its own value as written', () => {
      const dir = folder({
        'a.preset.json': '{"name":"Dup","runtime":"sglang","parameters":{"tp-size":[1, 1.0, 2]}}',
        'b.preset.json': '{"name":"Twice","runtime":"sglang","parameters":{"tp-size":[1, 1, 2]}}',
      });
      const dup = dir.cli('runs', 'Dup');
      assertExit(dup, 0);
      const launch = 'python3 -m sglang.launch_server --model-path {model} --host 0.0.0.0 --port {port}';
      assert.deepEqual(lines(dup.stdout).slice(1), [
        `  #1  1 GPU   ${launch} --tp-size 1`,
        `  #2  2 GPUs  ${launch} --tp-size 2`,
        '2 runs; 1–2 GPUs per run',
      ]);
      const twice = JSON.parse(dir.cli('runs', '--json', 'Twice').stdout) as {
        runs: { command: string[]; problems: string[] }[];
      };
      assert.deepEqual(
        twice.runs.map((run) => [run.command.slice(-2), run.problems]),
        [
          [['--tp-size', '1'], []],
          [['--tp-size', '2'], []],
        ],
      );
    });

    it('--task uses its model and cuts the grid at max_iterations', () => {
      const dir = folder({ 'task.json': TASK_TEXT });
      const run = dir.cli('runs', '--task', 'task.json', '--json', 'High Throughput');
      assertExit(run, 0);
      const summary = JSON.parse(run.stdout) as { runs: { command: string[] }[]; task: unknown };
      assert.equal(summary.runs[0]!.command[4], 'llama-3-2-1b-instruct');
      assert.deepEqual(summary.task, {
        path: 'task.json',
        max_iterations: 2,
        timeout_per_iteration: 600,
        runs_tried: 2,
        time_bound_seconds: 1200,
        // The task's own tp-size 1 and schedule-policy lpm, which union mode keeps, add runs to the preset's.
        union: { total_runs: 6, runs_tried: 2, time_bound_seconds: 1200 },
      });
      const text = dir.cli('runs', '--task', 'task.json', '--limit', '0', 'SGLang Performance Tuning');
      assertExit(text, 0);
      assert.match(
        text.stdout,
        /^20,736 runs; the task stops after 2 \(max_iterations\), in at most 20 min; 1–\d+ GPUs per run$/m,
      );
      // Its grid holds the task's own values already: union mode leaves the count as it is, and says nothing.
      assert.doesNotMatch(text.stdout, /union mode/);
      const union = dir.cli('runs', '--task', 'task.json', '--limit', '0', 'High Throughput');
      assertExit(union, 0);
      assert.match(
        union.stdout,
        /^In union mode \(presets apply --mode union\): With the task's own values: 6 runs; the task stops after 2 \(max_iterations\), in at most 20 min$/m,
      );
    });

    it('bounds the time of a huge timeout in years, and --json keeps a number for it', () => {
      const task = (timeout: number) =>
        JSON.stringify({
          task_name: 't',
          base_runtime: 'sglang',
          parameters: {},
          optimization: { max_iterations: 3, timeout_per_iteration: timeout },
        });
      const dir = folder({ 'huge.json': task(1e308), 'long.json': task(400 * 86400) });
      const huge = dir.cli('runs', '--task', 'huge.json', '--limit', '0', 'Balanced');
      assertExit(huge, 0);
      assert.match(
        huge.stdout,
        /^4 runs; the task stops after 3 \(max_iterations\), in at most more than 10\^300 years; 1–2 GPUs per run$/m,
      );
      const json = dir.cli('runs', '--task', 'huge.json', '--limit', '0', '--json', 'Balanced');
      assertExit(json, 0);
      const summary = JSON.parse(json.stdout) as { task: { time_bound_seconds: number | null } };
      assert.equal(summary.task.time_bound_seconds, Number.MAX_VALUE, 'a number, not the null of "no timeout"');
      const long = dir.cli('runs', '--task', 'long.json', '--limit', '0', 'Balanced');
      assert.match(long.stdout, /, in at most about 3 years; /);
    });

    it('writes counts and run numbers with thousands separators, as the Merge Preview does', () => {
      const sizes = Array.from({ length: 1100 }, (_, i) => 256 * (i + 1));
      const wide = {
        name: 'Wide',
        runtime: 'sglang',
        parameters: { 'chunked-prefill-size': sizes, 'tp-size': [1, 2] },
      };
      const run = folder({ 'wide.preset.json': presetText(wide) }).cli('runs', '--limit', '1000', 'Wide');
      assertExit(run, 0);
      const out = lines(run.stdout);
      const numbers = out.filter((line) => /^[✗ ] #/.test(line)).map((line) => line.slice(2, 9));
      assert.deepEqual([numbers[0], numbers[998], numbers[999]], ['#1     ', '#999   ', '#1,000 ']);
      assert.ok(out.includes('  … 1,200 more runs (--limit N shows more)'), 'the runs not shown');
      assert.ok(out.includes('2,200 runs; 1–2 GPUs per run'), 'the summary');
    });

    it('a grid too large to count reads the same in list, merge and runs, as text and as JSON', () => {
      const parameters = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`p${i}`, [1, 2]]));
      const dir = folder({ 'big.preset.json': presetText({ name: 'Big', parameters }) });
      const list = dir.cli('list', '--no-flag-checks');
      assert.match(list.stdout, /^Big +Uncategorized +any +60 +about 10\^18 +big\.preset\.json +ok$/m);
      const listed = JSON.parse(dir.cli('list', '--json', '--no-flag-checks').stdout) as {
        name: string;
        grid_size: number;
      }[];
      assert.equal(listed.find((preset) => preset.name === 'Big')!.grid_size, Number.MAX_SAFE_INTEGER);
      const merge = dir.cli('merge', 'Big');
      assert.match(merge.stdout, /^Grid: 2 × .* × 2 = about 10\^18 runs$/m);
      const merged = JSON.parse(dir.cli('merge', '--json', 'Big').stdout) as { grid_size: number; warnings: string[] };
      assert.equal(merged.grid_size, Number.MAX_SAFE_INTEGER);
      assert.ok(
        merged.warnings.includes(
          `The grid has about 10^18 runs, too many to count exactly; grid_size is capped at ${Number.MAX_SAFE_INTEGER}.`,
        ),
      );
      const runs = lines(dir.cli('runs', '--limit', '1', 'Big').stdout);
      assert.deepEqual(runs.slice(-3), [
        '  … about 10^18 more runs (--limit N shows more)',
        'about 10^18 runs; 1 GPU per run',
        'All about 10^18 runs would fail at launch (the first is run 1). ✗ marks those shown.',
      ]);
      const summary = JSON.parse(dir.cli('runs', '--json', '--limit', '0', 'Big').stdout) as { total_runs: number };
      assert.equal(summary.total_runs, Number.MAX_SAFE_INTEGER, 'the grid_size of list and merge');
    });

    it('a file that is not a task fails; a bad --limit is a usage error', () => {
      const dir = folder({ 'not-task.json': '{"name": "x"}' });
      const run = dir.cli('runs', '--task', 'not-task.json', 'Balanced');
      assertExit(run, 1);
      assert.match(run.stderr, /^presets runs: not-task\.json: not an autotuner task file/);
      assertExit(dir.cli('runs', '--limit', 'many', 'Balanced'), 2);
    });
  });

  describe('apply', () => {
    it('replaces the parameters, leaving the rest byte for byte, and warns about max_iterations', () => {
      const dir = folder({ 'task.json': TASK_TEXT });
      const run = dir.cli('apply', '--task', 'task.json', 'High Throughput');
      assertExit(run, 0);
      // Two runs fit in max_iterations 2; the flag problem is checked in the task's image's catalog.
      assert.deepEqual(lines(run.stderr), [
        'presets apply: warning: parameters.enable-mixed-chunking: unknown flag "enable-mixed-chunking" in SGLang 0.5.2; did you mean "enable-mixed-chunk"?',
      ]);
      const after = dir.read('task.json');
      const start = TASK_TEXT.indexOf('"parameters"');
      const end = TASK_TEXT.indexOf('"optimization"');
      assert.equal(after.slice(0, start), TASK_TEXT.slice(0, start));
      assert.ok(after.endsWith(TASK_TEXT.slice(end)));
      assert.match(after, /"tp-size": \[2, 4\]/);
      assert.match(run.stdout, /^Applied High Throughput to task\.json \(replace\): /);
    });

    it("union keeps the task's own values in both forms, and warns when the grid outgrows max_iterations", () => {
      const dir = folder({ 'task.json': TASK_TEXT });
      const run = dir.cli('apply', '--task', 'task.json', '--mode', 'union', 'High Throughput');
      assertExit(run, 0);
      const after = dir.read('task.json');
      assert.match(after, /"tp-size": \[1, 2, 4\]/);
      assert.match(after, /"schedule-policy": \{\s*"type": "choice",\s*"values": \["lpm", "fcfs"\]\s*\}/);
      assert.match(
        run.stderr,
        /^presets apply: warning: task\.json: The grid has 6 runs, but the task stops after 2 \(max_iterations\): the other 4 are never tried\.$/m,
      );
    });

    it("warns as the extension does when another strategy's optimizer picks the runs", () => {
      const dir = folder({ 'task.json': TASK_TEXT.replace('"grid_search"', '"bayesian"') });
      const run = dir.cli('apply', '--task', 'task.json', '--mode', 'union', 'High Throughput');
      assertExit(run, 0);
      assert.match(
        run.stderr,
        /^presets apply: warning: task\.json: The grid has 6 runs; the task's bayesian optimizer tries 2 of them \(max_iterations\), of its own choosing\.$/m,
      );
      assert.match(run.stdout, /: 6 runs in the grid; the bayesian optimizer picks 2 trials \(max_iterations\)/);
    });

    it("checks the task's own values too in union mode, as the runs the task will launch", () => {
      const text = TASK_TEXT.replace('"values": ["lpm"]', '"values": ["lifo"]');
      const dir = folder({ 'task.json': text });
      const union = dir.cli('apply', '--task', 'task.json', '--mode', 'union', 'High Throughput');
      assertExit(union, 0);
      assert.match(union.stderr, /^presets apply: warning: parameters\.schedule-policy\[0\]: "lifo" is not a choice /m);
      dir.write('task.json', text);
      const replace = dir.cli('apply', '--task', 'task.json', '--mode', 'replace', 'High Throughput');
      assertExit(replace, 0);
      assert.doesNotMatch(replace.stderr, /lifo/);
    });

    it('checks the numbers as the task file writes them: 1.0 for an int flag is a float', () => {
      const dir = folder({ 'task.json': TASK_TEXT.replace('"tp-size": [1]', '"tp-size": [1.0]') });
      const run = dir.cli('apply', '--task', 'task.json', '--mode', 'union', 'High Throughput');
      assertExit(run, 0);
      assert.match(
        run.stderr,
        /^presets apply: warning: parameters\.tp-size\[0\]: 1\.0 is a float for "tensor-parallel-size", which takes an int$/m,
      );
      assert.match(dir.read('task.json'), /"tp-size": \[1\.0, 2, 4\]/);
    });

    it('keeps a byte order mark and CRLF line ends', () => {
      const text = '\uFEFF' + TASK_TEXT.replaceAll('\n', '\r\n');
      const dir = folder({ 'task.json': text });
      assertExit(dir.cli('apply', '--task', 'task.json', 'Balanced'), 0);
      const after = dir.read('task.json');
      assert.ok(after.startsWith('\uFEFF{\r\n  // comments'), JSON.stringify(after.slice(0, 20)));
      assert.ok(!/[^\r]\n/.test(after), 'every line ends in CRLF');
      assert.ok(after.endsWith(text.slice(text.indexOf('"optimization"'))));
    });

    it('warns when the task runs another runtime than the presets', () => {
      const dir = folder({ 'task.json': TASK_TEXT });
      const run = dir.cli('apply', '--task', 'task.json', 'vLLM Performance Tuning');
      assertExit(run, 0);
      assert.match(
        run.stderr,
        /^presets apply: warning: task\.json: The task launches SGLang \(base_runtime\), but the presets are for vLLM: /m,
      );
    });

    it('refuses a task file that changed after it was read, leaving the change and no temporary file', () => {
      const dir = folder({ 'task.json': TASK_TEXT });
      const changed = TASK_TEXT.replace('"max_iterations": 2', '"max_iterations": 3');
      // The preload changes task.json right after the CLI's first read of it, before the CLI writes.
      const preload = pathToFileURL(path.join(repoRoot, 'test', 'fixtures', 'changeAfterRead.mjs')).href;
      const result = spawnSync(
        process.execPath,
        ['--import', preload, cliPath, 'apply', '--task', 'task.json', 'Balanced'],
        {
          cwd: dir.root,
          env: { ...process.env, CHANGE_AFTER_READ_FILE: dir.path('task.json'), CHANGE_AFTER_READ_TEXT: changed },
          encoding: 'utf8',
        },
      );
      const run = { code: result.status, stdout: result.stdout, stderr: result.stderr };
      assertExit(run, 1);
      assert.equal(run.stdout, '');
      assert.deepEqual(
        lines(run.stderr).filter((line) => !line.startsWith('presets apply: warning: ')),
        ['presets apply: task.json changed while it was being written; nothing was written'],
      );
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(dir.read('task.json'), changed, "the other writer's change is kept");
      assert.deepEqual(dir.files(), ['task.json'], 'no temporary file is left');

      // Without the preload the same apply writes: the refusal came from the change, not from the task.
      assertExit(dir.cli('apply', '--task', 'task.json', 'Balanced'), 0);
      assert.notEqual(dir.read('task.json'), changed);
    });

    it("union writes the task's own numbers as the file writes them", () => {
      const text =
        '{"task_name":"t","base_runtime":"sglang","parameters":{"random-seed":[10000000000000003],"mem-fraction-static":[1.0,0.50]}}\n';
      const dir = folder({ 'task.json': text });
      const run = dir.cli('apply', '--mode', 'union', '--task', 'task.json', 'Low Latency');
      assertExit(run, 0);
      assert.equal(
        dir.read('task.json'),
        '{"task_name":"t","base_runtime":"sglang","parameters":{"random-seed":[10000000000000003],"mem-fraction-static":[1.0,0.50, 0.85], "tp-size": [1, 2], "schedule-policy": ["lpm"]}}\n',
      );
    });

    it("writes the presets' numbers as their files write them, in both modes", () => {
      const preset = '{"name": "Floats", "parameters": {"mem-fraction-static": [0.80, 1.0], "tp-size": [2]}}\n';
      const task = '{"task_name": "t", "parameters": {"mem-fraction-static": [0.7]}}\n';
      const dir = folder({ 'floats.preset.json': preset, 'replace.json': task, 'union.json': task });
      assertExit(dir.cli('apply', '--task', 'replace.json', 'Floats'), 0);
      assert.equal(
        dir.read('replace.json'),
        '{"task_name": "t", "parameters": {\n  "mem-fraction-static": [0.80, 1.0],\n  "tp-size": [2]\n}}\n',
      );
      assertExit(dir.cli('apply', '--mode', 'union', '--task', 'union.json', 'Floats'), 0);
      assert.equal(
        dir.read('union.json'),
        '{"task_name": "t", "parameters": {"mem-fraction-static": [0.7, 0.80, 1.0], "tp-size": [2]}}\n',
      );
    });

    it('union keeps entries it does not touch, and refuses, writing nothing, to add to one that holds no list', () => {
      const kept = '{"task_name":"t","parameters":{"r":{"type":"range","min":1,"max":4},"nested":[[1,2]]}}';
      const refused = '{"task_name":"t","parameters":{"tp-size":{"type":"range","min":1,"max":4}}}';
      const twice = '{"task_name":"t","parameters":{"a":[1]},"parameters":{"b":[2]}}';
      const dir = folder({ 'kept.json': kept, 'refused.json': refused, 'twice.json': twice });
      assertExit(dir.cli('apply', '--mode', 'union', '--task', 'kept.json', 'Low Latency'), 0);
      assert.match(
        dir.read('kept.json'),
        /^\{"task_name":"t","parameters":\{"r":\{"type":"range","min":1,"max":4\},"nested":\[\[1,2\]\], "/,
      );

      const run = dir.cli('apply', '--mode', 'union', '--task', 'refused.json', 'Low Latency');
      assertExit(run, 1);
      assert.equal(run.stdout, '');
      assert.equal(
        run.stderr,
        'presets apply: refused.json: parameters.tp-size is an object of "type": "range", not a list of values, so the merge\'s values cannot be added to it; apply in replace mode, or make it a list first; nothing was written\n',
      );
      assert.equal(dir.read('refused.json'), refused);

      for (const mode of ['replace', 'union']) {
        const again = dir.cli('apply', '--mode', mode, '--task', 'twice.json', 'Low Latency');
        assertExit(again, 1);
        assert.equal(
          again.stderr,
          'presets apply: twice.json: "parameters" appears twice (the autotuner reads only the last); remove one of them and apply again; nothing was written\n',
        );
        assert.equal(dir.read('twice.json'), twice);
      }
    });

    it('warns of a max_iterations written as a float and of a timeout of 0, in runs', () => {
      const text = TASK_TEXT.replace('"max_iterations": 2', '"max_iterations": 2.0').replace(
        '"timeout_per_iteration": 600',
        '"timeout_per_iteration": 0',
      );
      const run = folder({ 'task.json': text }).cli('runs', '--task', 'task.json', 'Low Latency');
      assertExit(run, 0);
      assert.deepEqual(lines(run.stderr), [
        'presets runs: warning: task.json: optimization.max_iterations is 2.0, a float to Python, whose slice of the runs refuses it; write 2 (counted here as 2)',
        'presets runs: warning: task.json: optimization.timeout_per_iteration is 0, not a positive number of seconds; counted here as no time bound',
      ]);
    });

    it('warns of a max_iterations the autotuner cannot use, in apply and runs', () => {
      const dir = folder({ 'task.json': TASK_TEXT.replace('"max_iterations": 2', '"max_iterations": "5"') });
      const warning =
        'task.json: optimization.max_iterations is "5", not a positive whole number: the autotuner may fail, run nothing or cut the grid otherwise; counted here as unset (100)';
      const apply = dir.cli('apply', '--task', 'task.json', 'Low Latency');
      assertExit(apply, 0);
      assert.deepEqual(lines(apply.stderr), [`presets apply: warning: ${warning}`]);
      const runs = dir.cli('runs', '--task', 'task.json', 'Low Latency');
      assertExit(runs, 0);
      assert.deepEqual(lines(runs.stderr), [`presets runs: warning: ${warning}`]);
      // The value is quoted as JSON in the message, and escaped once on its way to the terminal.
      dir.write('esc.json', TASK_TEXT.replace('"max_iterations": 2', '"max_iterations": "\\u001b[2J"'));
      for (const command of ['apply', 'runs']) {
        const run = dir.cli(command, '--task', 'esc.json', 'Low Latency');
        assertExit(run, 0);
        assert.match(run.stderr, /max_iterations is "\\u001b\[2J", not a positive whole number/, command);
        assert.ok(!run.stderr.includes('\u001b') && !run.stderr.includes('u005c'), command);
      }
    });

    it('a file that is not a task fails and is left unchanged', () => {
      const text = '{"task": "x", "parameters": {}}\n';
      const dir = folder({ 'other.json': text });
      const run = dir.cli('apply', '--task', 'other.json', 'Balanced');
      assertExit(run, 1);
      assert.match(run.stderr, /^presets apply: other\.json: not an autotuner task file/);
      assert.equal(dir.read('other.json'), text);
      assertExit(dir.cli('apply', 'Balanced'), 2);
    });
  });

  describe('convert', () => {
    it('writes the converted preset to the presets folder and says what did not map exactly', () => {
      const dir = folder();
      const run = dir.cli('convert', '--to', 'vllm', 'High Throughput');
      assertExit(run, 0);
      assert.match(run.stdout, /no counterpart for enable-mixed-chunking/);
      assert.match(run.stdout, /approximate: mem-fraction-static → gpu-memory-utilization/);
      assert.match(run.stdout, /Wrote "High Throughput \(vLLM\)" to presets\/high-throughput-vllm\.preset\.json\n$/);
      const written = JSON.parse(dir.read('presets/high-throughput-vllm.preset.json')) as {
        runtime: string;
        parameters: Record<string, unknown>;
        metadata: { conversion: { unmapped_flags: unknown } };
      };
      assert.equal(written.runtime, 'vllm');
      assert.deepEqual(written.parameters['tensor-parallel-size'], [2, 4]);
      assert.deepEqual(written.metadata.conversion.unmapped_flags, { 'enable-mixed-chunking': [true] });
    });

    it('-o - prints the file; the summary goes to stderr', () => {
      const dir = folder();
      const run = dir.cli('convert', '--to', 'sglang', 'vLLM Performance Tuning', '-o', '-');
      assertExit(run, 0);
      assert.equal((JSON.parse(run.stdout) as { runtime: string }).runtime, 'sglang');
      assert.match(run.stderr, /^Converted "vLLM Performance Tuning" \(vLLM\) to SGLang/);
      assert.deepEqual(dir.files(), []);
    });

    it('needs --to and one preset', () => {
      const dir = folder();
      assertExit(dir.cli('convert', 'Balanced'), 2);
      assertExit(dir.cli('convert', '--to', 'trt', 'Balanced'), 2);
      assertExit(dir.cli('convert', '--to', 'sglang', 'Balanced'), 1);
    });
  });
});
