#!/usr/bin/env node
// In-host integration tests in a real VS Code (code-server), one session per suite (see suites.mjs).
//
//   node scripts/host/integration.mjs                     # every suite; exit 1 when any test fails
//   node scripts/host/integration.mjs single-folder       # only the named suites
//   node scripts/host/integration.mjs --negative-control  # a deliberately failing suite must exit non-zero
//
// Needs the compiled tests (node scripts/build.mjs --tests) and dist/ (any build). VERBOSE=1 shows the
// workbench's whole log.
import { elapsed } from './config.mjs';
import { ensureHost } from './install.mjs';
import { runInHostSuite } from './inHost.mjs';
import { negativeControl, suites } from './suites.mjs';

async function main() {
  const args = process.argv.slice(2);
  await ensureHost();
  if (args.includes('--negative-control')) {
    console.log(`\n--- in-host suite: ${negativeControl.name} (must fail)`);
    const code = await runInHostSuite(negativeControl);
    if (code === 0) {
      console.error('✗ negative control: a deliberately failing in-host test exited 0, so failures would go unnoticed');
      return 1;
    }
    console.log(`✓ negative control: the deliberately failing in-host suite exited ${code}, as it must`);
    return 0;
  }
  const unknown = args.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${suites.map((suite) => suite.name).join(', ')}`);
    return 2;
  }
  const selected = args.length ? suites.filter((suite) => args.includes(suite.name)) : suites;
  const failed = [];
  for (const suite of selected) {
    const started = Date.now();
    console.log(`\n--- in-host suite: ${suite.name} (${suite.workspace})`);
    const code = await runInHostSuite(suite);
    if (code !== 0) failed.push(suite.name);
    console.log(`${code === 0 ? '✓' : '✗'} ${suite.name} (${elapsed(started)})`);
  }
  if (failed.length) console.error(`\n✗ in-host suites failed: ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`\n✗ in-host harness error: ${error.stack ?? error}`);
    process.exit(1);
  },
);
