#!/usr/bin/env node
// End-to-end tests: the packaged .vsix (what users get) installed into a private code-server profile,
// the workbench driven in headless Chromium by the mocha suites in out/test/e2e/ (helper: test/e2e/workbench.ts).
// Screenshots of every step land in test-results/e2e/ (git-ignored).
//
//   node scripts/host/e2e.mjs     # needs `npm run package` and `node scripts/build.mjs --tests` first
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { vsixPath } from '../package.mjs';
import { chromiumArgs, chromiumPath, elapsed, root } from './config.mjs';
import { ensureHost } from './install.mjs';
import { copyWorkspace, freePort, installVsix, prepareSession, startServer } from './server.mjs';

const EXTENSION_ID = 'inference-autotuner.parameter-presets';
const WORKSPACE = 'test/fixtures/workspaces/single';
const screenshotsDir = path.join(root, 'test-results', 'e2e');

async function main() {
  const started = Date.now();
  const vsix = vsixPath();
  if (!fs.existsSync(vsix)) throw new Error(`${path.relative(root, vsix)} is missing: run \`npm run package\` first`);
  if (!fs.existsSync(path.join(root, 'out', 'test', 'e2e')))
    throw new Error('out/test/e2e is missing: run `node scripts/build.mjs --tests` first');
  const browser = chromiumPath();
  await ensureHost();

  const session = prepareSession('e2e');
  const installed = await installVsix(session, vsix, EXTENSION_ID);
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (installed.toLowerCase() !== `${EXTENSION_ID}@${version}`)
    throw new Error(`installed ${installed}, expected ${EXTENSION_ID}@${version}`);
  console.log(`✓ installed ${path.basename(vsix)} into a fresh profile: code-server lists ${installed}`);

  const workspacePath = copyWorkspace(session, WORKSPACE);
  const server = await startServer(session, { port: await freePort(), workspacePath });
  console.log(`✓ code-server on ${server.url} (${elapsed(started)})`);
  fs.rmSync(screenshotsDir, { recursive: true, force: true });
  try {
    const code = await new Promise((resolve, reject) => {
      const mocha = spawn(
        'npx',
        [
          '--no-install',
          'mocha',
          '--no-config',
          '--ui',
          'bdd',
          '--timeout',
          '120000',
          '--reporter',
          'spec',
          'out/test/e2e/**/*.e2e.test.js',
        ],
        {
          cwd: root,
          stdio: 'inherit',
          env: {
            ...process.env,
            E2E_BASE_URL: server.url,
            E2E_WORKSPACE: workspacePath,
            E2E_SCREENSHOTS: screenshotsDir,
            E2E_CHROMIUM: browser,
            E2E_CHROMIUM_ARGS: JSON.stringify(chromiumArgs),
          },
        },
      );
      mocha.on('error', reject);
      mocha.on('close', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
    });
    const shots = fs.existsSync(screenshotsDir)
      ? fs.readdirSync(screenshotsDir).filter((name) => name.endsWith('.png'))
      : [];
    console.log(`screenshots (${shots.length}) in ${path.relative(root, screenshotsDir)}/: ${shots.join(', ')}`);
    return code;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`\n✗ end-to-end harness error: ${error.stack ?? error}`);
    process.exit(1);
  },
);
