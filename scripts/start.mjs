#!/usr/bin/env node
// `npm start`: VS Code in your browser with the extension installed and examples/ open.
// Installs what is missing (npm dependencies; Node 24 and code-server, cached under .vscode-test/), builds
// and packages the extension, installs the .vsix into a private code-server profile (.vscode-test/sessions/start,
// kept between runs), then serves the workbench on 127.0.0.1:$PORT (default 8080) until Ctrl+C.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHost } from './host/install.mjs';
import { exitCleanlyOnSignal, installVsix, isShuttingDown, prepareSession, startServer } from './host/server.mjs';
import { vsixPath } from './package.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION_ID = 'inference-autotuner.parameter-presets';

function run(title, command, args) {
  console.log(`=== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

// Packaging needs the project's npm dependencies (esbuild, vsce): a fresh clone gets them first.
if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) run('npm ci', 'npm', ['ci']);

const port = Number(process.env.PORT || 8080);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a TCP port number, got ${JSON.stringify(process.env.PORT)}`);
  process.exit(2);
}

try {
  console.log('=== real VS Code host (code-server)');
  await ensureHost();
  run('build and package the extension', 'node', ['scripts/package.mjs']);
  const session = prepareSession('start', { fresh: false, keepSettings: true });
  const installed = await installVsix(session, vsixPath(), EXTENSION_ID);
  console.log(`✓ installed into the private profile ${path.relative(root, session.dir)}: ${installed}`);

  exitCleanlyOnSignal();
  const workspace = path.join(root, 'examples');
  const server = await startServer(session, { port, workspacePath: workspace });
  console.log(`\nVS Code is running: ${server.url}/?folder=${encodeURIComponent(workspace)}`);
  console.log(`(workspace: examples/, server log: ${path.relative(root, server.logFile)}; Ctrl+C stops it)`);
  const code = await server.exited;
  if (isShuttingDown()) await new Promise(() => {}); // the signal handler exits once everything stopped
  console.error(`✗ code-server stopped by itself (${code}); see ${path.relative(root, server.logFile)}`);
  process.exit(1);
} catch (error) {
  console.error(`✗ npm start: ${error.message}`);
  process.exit(1);
}
