// The in-host integration suites: each runs in a VS Code session of its own, on its own workspace.
// Both runners read this list: code-server (npm test, scripts/host/integration.mjs) and desktop VS Code
// (npm run test:electron, scripts/host/testElectron.mjs).
//
//   name            session name, also the folder under .vscode-test/sessions/
//   workspace       fixture folder, or a .code-workspace file for a multi-root window (copied per run)
//   tests           compiled extensionTestsPath entry (node scripts/build.mjs --tests writes out/)
//   workspaceTrust  true = trust enabled, so the fixture opens untrusted (restricted mode); default off
//   settings        extra user settings for the session
//   serverArgs      extra code-server flags
//
// An untrusted-workspace suite, for example, is one more entry:
//   { name: 'untrusted', workspace: 'test/fixtures/workspaces/single', tests: 'out/test/integration/untrusted/index.js', workspaceTrust: true },

export const suites = [
  {
    name: 'single-folder',
    workspace: 'test/fixtures/workspaces/single',
    tests: 'out/test/integration/single/index.js',
  },
  {
    name: 'multi-root',
    workspace: 'test/fixtures/workspaces/multi-root/multi-root.code-workspace',
    tests: 'out/test/integration/multiRoot/index.js',
  },
  {
    name: 'untrusted',
    workspace: 'test/fixtures/workspaces/single',
    tests: 'out/test/integration/untrusted/index.js',
    workspaceTrust: true,
  },
];

/** A suite that must fail: proof that a failing in-host test turns into a non-zero exit code. */
export const negativeControl = {
  name: 'negative-control',
  workspace: 'test/fixtures/workspaces/single',
  tests: 'out/test/integration/negativeControl/index.js',
};
