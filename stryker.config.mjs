// Mutation testing of src/core (npm run mutate; docs/TESTING.md says how to read the result).
//
// Stryker's command runner runs the unit suite in mocha for each mutant: @stryker-mutator/mocha-runner
// cannot load mocha 12. Stryker instruments src/core in its sandbox, the build then transpiles the sandbox
// file by file into out/, and the active mutant reaches the tests through the environment variable the
// command runner sets. Left out of the run: the CLI tests, which run the bundle in a child process that no
// active mutant reaches (the 10,000-file test among them), and the webview's, which load no core code.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/core/**/*.ts'],
  testRunner: 'command',
  commandRunner: {
    // Fast unit tests first and --bail: most mutants are killed by an early test, and the run stops there.
    command: [
      'npx mocha --no-config --ui bdd --timeout 20000 --bail --reporter dot',
      '"out/test/unit/core/**/!(*.fuzz).test.js" "out/test/unit/node/**/*.test.js"',
      '"out/test/unit/extension/**/!(*.fuzz).test.js"',
      '"out/test/unit/core/**/*.fuzz.test.js" "out/test/unit/extension/**/*.fuzz.test.js"',
    ].join(' '),
  },
  buildCommand: 'node scripts/build.mjs --tests',
  // The command runner cannot tell which tests cover a mutant: every mutant runs the whole command.
  coverageAnalysis: 'off',
  timeoutMS: 60000,
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
