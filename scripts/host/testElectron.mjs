#!/usr/bin/env node
// `npm run test:electron`: the same in-host suites (scripts/host/suites.mjs) in desktop VS Code, which
// @vscode/test-electron downloads. For machines that can download VS Code (a developer's machine, hosted
// CI); where the download is impossible, this says so and exits 0 without testing anything. `npm test` runs
// the same suites in code-server, which needs nothing but the npm registry.
//
//   node scripts/host/testElectron.mjs          # needs `node scripts/build.mjs --tests` first
//   VSCODE_VERSION=stable node scripts/host/testElectron.mjs
// On Linux without a display, run it under `xvfb-run -a`.
import fs from 'node:fs';
import path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { cacheDir, elapsed, root } from './config.mjs';
import { copyWorkspace, prepareSession } from './server.mjs';
import { negativeControl, suites } from './suites.mjs';

/** The VS Code that code-server 4.139.1 is built on, so both hosts run the same version by default. */
const version = process.env.VSCODE_VERSION || '1.139.1';

async function main() {
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version,
      cachePath: path.join(cacheDir, 'electron'),
      timeout: 20_000,
    });
  } catch (error) {
    console.log(
      `test:electron skipped: VS Code ${version} cannot be downloaded here (${String(error?.message ?? error).split('\n')[0]}).`,
    );
    console.log(
      'Nothing was tested. `npm test` runs the same in-host suites in code-server, which installs from the npm registry.',
    );
    return 0;
  }
  if (!fs.existsSync(path.join(root, 'out', 'test', 'integration')))
    throw new Error('out/test/integration is missing: run `node scripts/build.mjs --tests` first');

  const run = async (suite) => {
    const session = prepareSession(`electron-${suite.name}`, {
      workspaceTrust: suite.workspaceTrust,
      settings: suite.settings,
    });
    const workspacePath = copyWorkspace(session, suite.workspace);
    try {
      return await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: root,
        extensionTestsPath: path.resolve(root, suite.tests),
        launchArgs: [
          workspacePath,
          '--user-data-dir',
          session.userDataDir,
          '--extensions-dir',
          session.extensionsDir,
          ...(suite.workspaceTrust ? [] : ['--disable-workspace-trust']),
        ],
      });
    } catch (error) {
      // runTests rejects when VS Code exits non-zero: that is a test result, not a harness failure.
      if (typeof error?.code === 'number') return error.code;
      throw error;
    }
  };

  const failed = [];
  for (const suite of suites) {
    const started = Date.now();
    console.log(`\n--- desktop VS Code ${version}: ${suite.name}`);
    const code = await run(suite);
    if (code !== 0) failed.push(suite.name);
    console.log(`${code === 0 ? '✓' : '✗'} ${suite.name} (${elapsed(started)})`);
  }
  console.log(`\n--- desktop VS Code ${version}: ${negativeControl.name} (must fail)`);
  const controlCode = await run(negativeControl);
  if (controlCode === 0) failed.push(`${negativeControl.name} (exited 0)`);
  else console.log(`✓ negative control exited ${controlCode}, as it must`);
  if (failed.length) console.error(`\n✗ failed: ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`\n✗ test:electron harness error: ${error.stack ?? error}`);
    process.exit(1);
  },
);
