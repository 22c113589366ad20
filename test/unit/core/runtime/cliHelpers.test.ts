/** The pure helpers behind the CLI's runtime commands: flag search, shell quoting, number tokens of a merge. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { mergePresets } from '../../../../src/core/merge';
import type { Preset } from '../../../../src/core/model';
import { searchFlags } from '../../../../src/core/runtime/flagSearch';
import { mergedValueTokens } from '../../../../src/core/runtime/valueTokens';
import { shellCommand, shellQuote } from '../../../../src/core/shellQuote';
import { shippedRuntimeCatalogs } from '../../../../src/node/flagKnowledge';
import { fixturePath } from '../../helpers/presets';

const repoRoot = path.resolve(fixturePath(''), '..', '..');
const catalogs = shippedRuntimeCatalogs(repoRoot);
const sglang = catalogs.index('sglang', '0.5.2');
const vllm = catalogs.index('vllm', 'main-2026-05-29');

function preset(name: string, parameters: Preset['parameters']): Preset {
  return { name, description: null, category: null, runtime: null, parameters, metadata: null, extra: {} };
}

describe('searchFlags', () => {
  it('finds a flag by an alias or underscores, best match first', () => {
    const hits = searchFlags([sglang], 'tp-size');
    assert.equal(hits[0]!.flag.name, 'tensor-parallel-size');
    assert.equal(hits[0]!.match, 'exact');
    assert.ok(hits.slice(1).every((hit) => hit.match !== 'exact'));
    assert.equal(searchFlags([vllm], 'gpu_memory_utilization')[0]!.flag.name, 'gpu-memory-utilization');
    assert.equal(searchFlags([vllm], '--max-num-seqs')[0]!.match, 'exact');
  });

  it('ranks names starting with the query before names holding it', () => {
    const hits = searchFlags([sglang], 'mem-fraction');
    assert.equal(hits[0]!.flag.name, 'mem-fraction-static');
    assert.equal(hits[0]!.match, 'prefix');
  });

  it('finds flags by every word of the query in their name or description, in each runtime', () => {
    const hits = searchFlags([sglang, vllm], 'prefix cache');
    assert.ok(hits.length > 1);
    assert.ok(hits.some((hit) => hit.flag.runtime === 'sglang'));
    assert.ok(hits.some((hit) => hit.flag.runtime === 'vllm' && hit.flag.name === 'enable-prefix-caching'));
    assert.deepEqual(searchFlags([sglang], 'prefix zebra'), []);
  });

  it('lists every flag for an empty query, commonly tuned first', () => {
    const hits = searchFlags([sglang], '');
    assert.equal(hits.length, sglang.flags.length);
    const firstRare = hits.findIndex((hit) => !hit.flag.common);
    assert.ok(firstRare > 0 && hits.slice(firstRare).every((hit) => !hit.flag.common));
  });
});

describe('shellQuote', () => {
  it('leaves ordinary arguments and the placeholders bare', () => {
    assert.equal(
      shellCommand(['python3', '-m', 'sglang.launch_server', '--model-path', '{model}', '--port', '{port}', '0.85']),
      'python3 -m sglang.launch_server --model-path {model} --port {port} 0.85',
    );
    assert.equal(shellQuote('org/model@main:v1,x=1'), 'org/model@main:v1,x=1');
  });

  it('quotes what a shell would change, a quote included', () => {
    assert.equal(shellQuote('{"a":1}'), `'{"a":1}'`);
    assert.equal(shellQuote('$HOME'), `'$HOME'`);
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.equal(shellQuote('a;b'), `'a;b'`);
    assert.equal(shellQuote('{a,b}'), `'{a,b}'`, 'brace expansion');
    assert.equal(shellQuote('~x'), `'~x'`);
    assert.equal(shellQuote(''), `''`);
  });
});

describe('mergedValueTokens', () => {
  it("keeps each number's text from the file it came from", () => {
    const a = preset('A', { 'mem-fraction-static': [1, 0.8], 'tp-size': [1] });
    const b = preset('B', { 'mem-fraction-static': [0.9] });
    const result = mergePresets([a, b], 'union');
    const tokens = mergedValueTokens(result.parameters, result.sources, [
      {
        name: 'A',
        parameters: a.parameters,
        parametersPath: ['parameters'],
        text: '{"name": "A", "parameters": {"mem-fraction-static": [1.0, 0.80], "tp-size": [1]}}',
      },
      {
        name: 'B',
        parameters: b.parameters,
        parametersPath: ['preset', 'parameters'],
        text: '{"version": "1.0", "preset": {"name": "B", "parameters": {"mem-fraction-static": [9e-1]}}}',
      },
    ]);
    assert.deepEqual(tokens['mem-fraction-static'], ['1.0', '0.80', '9e-1']);
    assert.deepEqual(tokens['tp-size'], ['1']);
  });

  it('gives no token to a number the files write differently', () => {
    const a = preset('A', { x: [1] });
    const b = preset('B', { x: [1] });
    const result = mergePresets([a, b], 'union');
    const tokens = mergedValueTokens(result.parameters, result.sources, [
      { name: 'A', parameters: a.parameters, parametersPath: ['parameters'], text: '{"parameters": {"x": [1]}}' },
      { name: 'B', parameters: b.parameters, parametersPath: ['parameters'], text: '{"parameters": {"x": [1.0]}}' },
    ]);
    assert.deepEqual(tokens.x, [undefined]);
  });
});
