/**
 * The activation benchmark's process: `node activate.js <dist/extension.js>` loads the bundle with a stub
 * `vscode` module, calls activate() and prints the timings as JSON. A process of its own, holding nothing
 * but the stub, so nothing loaded for the other benchmarks (zod, jsonc-parser, the core) warms or pollutes it.
 */
import * as path from 'node:path';
import { loadWithStubbedVscode } from './vscodeStub';

const bundle = path.resolve(process.argv[2]);
const { timings, touched } = loadWithStubbedVscode(bundle, path.dirname(path.dirname(bundle)));
process.stdout.write(JSON.stringify({ ...timings, touched }) + '\n');
