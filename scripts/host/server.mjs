// Starting and stopping code-server for one session, in a profile of its own.
//
// A session is a folder under .vscode-test/sessions/<name>/ holding a private user-data dir (with the
// settings below), a private extensions dir and the server log. The server runs in its own process group
// (detached = setsid) so stop() ends code-server, its VS Code server and every extension host at once;
// the group is also killed when this process exits, however it exits.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { codeServerBin, node24Env, root, sessionsDir } from './config.mjs';

/** User settings of every session: nothing phones home, nothing pops up over the workbench. */
export const baseSettings = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'git.autofetch': false,
  'security.workspace.trust.enabled': false,
  // Sessions live inside this repository: do not offer to open it as a git repository.
  'git.openRepositoryInParentFolders': 'never',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Creates (or, with `fresh`, recreates) the session folder and writes its settings.
 * `workspaceTrust: true` turns workspace trust on, so the workspace opens in restricted mode.
 */
export function prepareSession(
  name,
  { fresh = true, settings = {}, workspaceTrust = false, keepSettings = false } = {},
) {
  const dir = path.join(sessionsDir, name);
  if (fresh) fs.rmSync(dir, { recursive: true, force: true });
  const session = {
    name,
    dir,
    userDataDir: path.join(dir, 'user-data'),
    extensionsDir: path.join(dir, 'extensions'),
    logFile: path.join(dir, 'server.log'),
    workspaceTrust,
  };
  fs.mkdirSync(path.join(session.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(session.extensionsDir, { recursive: true });
  const settingsFile = path.join(session.userDataDir, 'User', 'settings.json');
  if (!(keepSettings && fs.existsSync(settingsFile))) {
    const all = { ...baseSettings, 'security.workspace.trust.enabled': workspaceTrust, ...settings };
    if (workspaceTrust)
      Object.assign(all, {
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.emptyWindow': false,
      });
    fs.writeFileSync(settingsFile, JSON.stringify(all, null, 2) + '\n');
  }
  return session;
}

/**
 * Copies a fixture workspace into the session, so tests may change files without touching the repo.
 * `fixture` is a folder or a `.code-workspace` file (its folder is copied); returns the path to open.
 */
export function copyWorkspace(session, fixture) {
  const source = path.resolve(root, fixture);
  const isWorkspaceFile = source.endsWith('.code-workspace');
  const sourceDir = isWorkspaceFile ? path.dirname(source) : source;
  const target = path.join(session.dir, 'workspace');
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(sourceDir, target, { recursive: true });
  return isWorkspaceFile ? path.join(target, path.basename(source)) : target;
}

/** The query that opens `workspacePath` in the workbench: a `.code-workspace` is a workspace, else a folder. */
export function workspaceQuery(workspacePath) {
  const key = workspacePath.endsWith('.code-workspace') ? 'workspace' : 'folder';
  return `${key}=${encodeURIComponent(workspacePath)}`;
}

/** Runs the code-server CLI against the session's profile (install/list extensions) and returns stdout. */
export function codeServerCli(session, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      codeServerBin,
      [
        '--config',
        '/dev/null',
        '--user-data-dir',
        session.userDataDir,
        '--extensions-dir',
        session.extensionsDir,
        ...args,
      ],
      {
        env: node24Env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`code-server ${args.join(' ')} failed (exit ${code}):\n${out}${err}`));
    });
  });
}

/** Installs a .vsix into the session's profile and checks code-server lists it afterwards. */
export async function installVsix(session, vsixPath, extensionId) {
  await codeServerCli(session, ['--install-extension', vsixPath, '--force']);
  const listed = (await codeServerCli(session, ['--list-extensions', '--show-versions']))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const entry = listed.find((line) => line.toLowerCase().startsWith(`${extensionId.toLowerCase()}@`));
  if (!entry)
    throw new Error(
      `${extensionId} is not listed after installing ${path.relative(root, vsixPath)}; code-server lists: ${listed.join(', ') || 'nothing'}`,
    );
  return entry;
}

/** A TCP port nobody listens on right now, chosen by the kernel. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

function logTail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const running = new Set();
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
const stoppers = new Map();
process.on('exit', () => {
  for (const pid of running) killGroup(pid, 'SIGKILL');
});
let exitCodeOnSignal = (code) => code;
let shuttingDown = false;
/** True once a signal started stopping the servers: a server exit is then expected, not an error. */
export function isShuttingDown() {
  return shuttingDown;
}
/** For a foreground server (npm start) a Ctrl+C is the normal way to stop: exit 0 after it. */
export function exitCleanlyOnSignal() {
  exitCodeOnSignal = () => 0;
}
// Ctrl+C or a kill: stop every server gently (the group lives in its own session, so the terminal's signal
// never reaches it), then exit with the conventional code.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => {
    shuttingDown = true;
    if (stoppers.size) console.log(`\n${signal}: stopping code-server…`);
    Promise.allSettled([...stoppers.values()].map((stop) => stop())).then(() => process.exit(exitCodeOnSignal(code)));
  });
}

/**
 * Starts code-server for `session` on 127.0.0.1:`port` and resolves once it answers /healthz.
 * `workspacePath` is what it opens by default; `args` are extra server flags.
 * Returns { url, port, stop(), exited } where `exited` settles when the server process ends.
 */
export async function startServer(session, { port, workspacePath, args = [], startTimeoutMs = 60_000 }) {
  const log = fs.openSync(session.logFile, 'a');
  const flags = [
    '--config',
    '/dev/null',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    // Without it an extension host whose browser went away lingers for hours.
    '--reconnection-grace-time',
    '5',
    '--user-data-dir',
    session.userDataDir,
    '--extensions-dir',
    session.extensionsDir,
    ...(session.workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...args,
    ...(workspacePath ? [workspacePath] : []),
  ];
  const child = spawn(codeServerBin, flags, { env: node24Env(), detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  running.add(child.pid);
  let exitCode;
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      stoppers.delete(child.pid);
      exitCode = code ?? signal;
      resolve(exitCode);
    }),
  );
  const stop = async () => {
    if (exitCode === undefined) killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    // Whatever of the group outlived code-server itself.
    killGroup(child.pid, 'SIGKILL');
    running.delete(child.pid);
  };

  stoppers.set(child.pid, stop);

  const deadline = Date.now() + startTimeoutMs;
  while (!(await healthy(port))) {
    if (exitCode !== undefined) {
      throw new Error(
        `code-server exited (${exitCode}) before it served; ${path.relative(root, session.logFile)}:\n${logTail(session.logFile)}`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `code-server did not answer on 127.0.0.1:${port} within ${startTimeoutMs / 1000}s; ${path.relative(root, session.logFile)}:\n${logTail(session.logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url: `http://127.0.0.1:${port}`, port, stop, exited, logFile: session.logFile };
}
