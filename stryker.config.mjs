// Mutation testing of src/core (npm run mutate; docs/TESTING.md says how to read the result).
//
// The mocha runner runs the unit tests inside Stryker's worker, so it learns which tests reach each mutant
// (coverageAnalysis 'perTest') and runs only those for it. Stryker instruments src/core in its sandbox, the
// build then transpiles the sandbox file by file into out/, and the tests load that: the active mutant is
// switched on in the same process. Left out of the run: the CLI tests, which run the bundle in a child
// process that no active mutant reaches (the 10,000-file test among them), the webview's, which load no
// core code, and the runtime catalogs' data tests.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/core/**/*.ts'],
  testRunner: 'mocha',
  mochaOptions: {
    // Not .mocharc.json: its spec takes in every unit test. Fast tests first, fuzz suites last.
    'no-config': true,
    spec: [
      'out/test/unit/core/**/!(*.fuzz).test.js',
      'out/test/unit/node/**/*.test.js',
      'out/test/unit/extension/**/!(*.fuzz).test.js',
      'out/test/unit/core/**/*.fuzz.test.js',
      'out/test/unit/extension/**/*.fuzz.test.js',
    ],
    ui: 'bdd',
    // Two size tests stay out: a million tags, and merges of up to 60 presets x 200 flags x 300 values. Each
    // exists to catch a hang (the hit limit below does that for mutants), and, under the instrumentation of
    // the whole core, each costs every mutant it covers several seconds; npm test still runs them.
    // The activation test stays out too: it loads dist/extension.js, which the build bundles from the
    // instrumented core, so every module-level mutant (a table, a regex) counted as covered by it alone and,
    // since it asserts only what activation loads, as survived, instead of static (ignored) like the rest.
    grep: '^(?!.*(?:many presets with long lists end in time|tags-1000000: sizes|loads no lazy bundle and reads no runtime catalog))',
  },
  buildCommand: 'node scripts/build.mjs --tests',
  coverageAnalysis: 'perTest',
  // A static mutant (one that only changes what a module computes as it loads: a table, a schema) would need
  // a fresh worker and the whole suite each: hours for src/core. They are listed as Ignored, not scored; test
  // one file's with `MUTATE_STATIC=1 npm run mutate -- --mutate <file>` (Stryker's CLI can only turn this
  // on). Code that is reached both at load and by a test is still tested, by the tests that reach it.
  ignoreStatic: process.env.MUTATE_STATIC !== '1',
  // The machine's two cores are shared with the VS Code hosts of the other test tiers: one worker at a time.
  // On a machine of its own, `npm run mutate -- --concurrency 2`.
  concurrency: 1,
  // Added to the covering tests' own time (times timeoutFactor): enough for a slow fuzz suite. A mutant that
  // loops for ever is mostly stopped sooner, by Stryker's hit limit (many times the dry run's count).
  timeoutMS: 10000,
  // Instrumenting all of src/core slows the first run of every test (which records coverage).
  dryRunTimeoutMinutes: 20,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'out', '.vscode-test', 'test-results', 'bench/results', 'reports', '*.vsix'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Mutants of unchanged code with unchanged tests keep their last result: a rerun tests only what changed.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  thresholds: { high: 90, low: 80, break: null },
};
