import * as assert from 'node:assert/strict';
import { describeFlag, flagCompletions, flagDetail, valueCompletions } from '../../../../src/core/runtime/flagInfo';
import {
  buildFlagIndex,
  type CatalogFlag,
  type IndexedFlag,
  type RuntimeOverlay,
} from '../../../../src/core/runtime/catalog';
import { indexes, sglang052, vllm0100, vllmMain, vllmOverlay } from './handCatalogs';

describe('flag completion and hover data', () => {
  it('offers the catalog flags, commonly tuned first, deprecated last, with type, default and choices', () => {
    const items = flagCompletions(indexes.sglang052);
    const names = items.map((i) => i.name);
    const firstOther = items.findIndex((i) => !i.common);
    assert.ok(items.slice(0, firstOther).every((i) => i.common));
    assert.ok(items.slice(firstOther).every((i) => !i.common));
    assert.equal(names.at(-1), 'max-total-tokens');
    assert.ok(!names.includes('gpu-memory-utilization'), 'no vLLM flag in SGLang');
    const policy = items.find((i) => i.name === 'schedule-policy')!;
    assert.equal(policy.detail, 'one of lpm, random, fcfs, dfs-weight, lof · default "fcfs"');
    assert.equal(items.find((i) => i.name === 'tensor-parallel-size')!.detail, 'int · default 1');
    assert.equal(items.find((i) => i.name === 'enable-mixed-chunk')!.detail, 'on/off · default off');
    const many = buildFlagIndex({
      ...sglang052,
      flags: [{ ...sglang052.flags[3]!, choices: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], default: null }],
    });
    assert.equal(flagCompletions(many)[0]!.detail, 'one of a, b, c, d, e, f, … (8) · no default (set at start-up)');
  });

  it("offers both runtimes' flags once each for a preset for any runtime", () => {
    const items = flagCompletions([indexes.sglang052, indexes.vllmMain]);
    const tp = items.filter((i) => i.name === 'tensor-parallel-size');
    assert.equal(tp.length, 1);
    assert.deepEqual(tp[0]!.runtimes, ['sglang', 'vllm']);
    assert.deepEqual(items.find((i) => i.name === 'gpu-memory-utilization')!.runtimes, ['vllm']);
  });

  it('offers values: choices, true/false for on/off flags, the default', () => {
    const policy = valueCompletions(indexes.sglang052.find('schedule-policy')!.flag);
    assert.deepEqual(
      policy.map((v) => v.label),
      ['"lpm"', '"random"', '"fcfs"', '"dfs-weight"', '"lof"'],
    );
    assert.equal(policy[2]!.detail, 'choice, the default');
    assert.deepEqual(
      valueCompletions(indexes.sglang052.find('enable-mixed-chunk')!.flag).map((v) => v.value),
      [true, false],
    );
    assert.deepEqual(valueCompletions(indexes.sglang052.find('tp-size')!.flag), [
      { value: 1, label: '1', detail: 'the default' },
    ]);
    assert.deepEqual(valueCompletions(indexes.sglang052.find('mem-fraction-static')!.flag), []);
  });

  it("describes a flag's facts, which shipped versions have it, and links the docs", () => {
    const versions = [indexes.vllm0100, indexes.vllmMain];
    const facts = describeFlag(indexes.vllmMain.find('gpu-memory-utilization')!.flag, { versions });
    assert.equal(facts.type, 'float');
    assert.equal(facts.default, 0.92);
    assert.deepEqual(facts.range, { range: { gt: 0, le: 1 }, text: '(0, 1]', source: 'declared by vLLM' });
    assert.deepEqual(facts.inVersions, ['0.10.0', 'main-2026-05-29']);
    assert.match(facts.markdown, /\*\*`--gpu-memory-utilization`\*\* \(vLLM main-2026-05-29\)/);
    assert.match(facts.markdown, /Share of GPU memory to use\./);
    assert.match(facts.markdown, /\[vLLM server arguments\]\(https:\/\/docs\.vllm\.ai/);
    const swap = describeFlag(indexes.vllm0100.find('swap-space')!.flag, { versions });
    assert.deepEqual([swap.inVersions, swap.notInVersions], [['0.10.0'], ['main-2026-05-29']]);
    assert.match(swap.markdown, /not in main-2026-05-29/);
    const tp = describeFlag(indexes.vllmMain.find('-tp')!.flag, { versions });
    assert.deepEqual(tp.aliases, ['-tp']);
    assert.match(tp.markdown, /aliases: `-tp`/);
    const prefix = describeFlag(indexes.vllmMain.find('enable-prefix-caching')!.flag, { versions });
    assert.match(prefix.markdown, /turned off with `--no-enable-prefix-caching`/);
    const deprecated = describeFlag(indexes.sglang052.find('max-total-tokens')!.flag, {
      versions: [indexes.sglang052],
    });
    assert.match(deprecated.markdown, /\*\*Deprecated\*\*: use `max-running-requests`/);
  });
});

/** One flag of a one-flag vLLM catalog (no overlay unless given), as the index holds it. */
function oneFlag(fields: Partial<CatalogFlag>, overlay?: RuntimeOverlay['flags'][string]): IndexedFlag {
  const catalog = {
    ...vllmMain,
    flags: [{ ...vllmMain.flags[0]!, name: 'x', aliases: [], type: 'str', default: null, ...fields }],
  };
  const name = fields.name ?? 'x';
  const index = buildFlagIndex(catalog, overlay && { ...vllmOverlay, flags: { [name]: overlay } });
  return index.find(name)!.flag;
}

describe('flag completion details', () => {
  it('says a flag is deprecated, and lists the same runtime once across its versions', () => {
    const items = flagCompletions([indexes.sglang052, indexes.sglangMain]);
    assert.deepEqual(items.find((i) => i.name === 'tensor-parallel-size')!.runtimes, ['sglang']);
    assert.equal(items.filter((i) => i.name === 'schedule-low-priority-values-first').length, 1);
    assert.deepEqual(
      items.filter((i) => i.deprecated).map((i) => i.name),
      ['max-total-tokens'],
    );
    const policy = items.find((i) => i.name === 'schedule-policy')!;
    assert.deepEqual(
      [policy.description, policy.area, policy.common, policy.sortText],
      ['Order of waiting requests.', 'scheduling', true, '0:schedule-policy'],
    );
  });

  it('orders a long catalog by name within each rank, whatever the catalog order', () => {
    const names = Array.from({ length: 150 }, (_, i) => `flag-${String(i).padStart(3, '0')}`);
    const shuffled = names.map((_, i) => names[(i * 61) % names.length]!);
    const index = buildFlagIndex({
      ...vllmMain,
      flags: shuffled.map((name) => ({ ...vllmMain.flags[0]!, name, aliases: [] })),
    });
    assert.deepEqual(
      flagCompletions(index).map((i) => i.name),
      names,
    );
  });

  it("writes each kind of flag's type, choices and default in one line", () => {
    const detail = (fields: Partial<CatalogFlag>): string => flagDetail(oneFlag(fields));
    assert.equal(
      detail({ choices: ['a', 'b', 'c', 'd', 'e', 'f'], default: 'a' }),
      'one of a, b, c, d, e, f · default "a"',
    );
    assert.equal(
      detail({ choices: ['awq', null, 8, true] }),
      'one of awq, null, 8, true · no default (set at start-up)',
    );
    assert.equal(
      detail({ type: 'int', nargs: '+', default: [1, 2] }),
      'int (several, space-separated) · default [1,2]',
    );
    assert.equal(detail({ type: 'int', nargs: 2 }), 'int (several, space-separated) · no default (set at start-up)');
    assert.equal(detail({ type: 'int', nargs: '?', default: 3 }), 'int · default 3');
    assert.equal(detail({ type: 'bool', is_flag: true, default: true }), 'on/off · default on');
    assert.equal(detail({ type: 'bool', is_flag: true, default: null }), 'on/off · default unset');
    assert.equal(detail({ default: undefined }), 'str · no default (set at start-up)');
    assert.equal(
      detail({
        type: 'human_readable_int_or_auto',
        int_suffixes: { decimal: { k: 1000 }, binary: { K: 1024 } },
        int_words: { auto: -1 },
      }),
      'int (k, K, auto) · no default (set at start-up)',
    );
  });
});

describe('flag value completions', () => {
  it('explains what true and false launch for an on/off flag', () => {
    assert.deepEqual(valueCompletions(indexes.vllmMain.find('enable-prefix-caching')!.flag), [
      { value: true, label: 'true', detail: 'launches --enable-prefix-caching' },
      { value: false, label: 'false', detail: 'launches nothing: the default' },
    ]);
    assert.deepEqual(valueCompletions(indexes.sglang052.find('enable-mixed-chunk')!.flag)[0], {
      value: true,
      label: 'true',
      detail: 'turns it on',
    });
  });

  it('marks only the default among the choices, never a None choice', () => {
    assert.deepEqual(
      valueCompletions(indexes.vllmMain.find('quantization')!.flag).map((v) => [v.label, v.detail]),
      [
        ['"awq"', 'choice'],
        ['"fp8"', 'choice'],
        ['"gptq"', 'choice'],
        ['null', 'choice'],
      ],
    );
    assert.deepEqual(
      valueCompletions(indexes.vllmMain.find('scheduling-policy')!.flag).map((v) => v.detail),
      ['choice, the default', 'choice'],
    );
  });

  it('leaves out the "None" choice a flag lists but refuses', () => {
    const refusing = { choices: ['swap', 'None'], choices_enforced: true, accepts_none: true };
    assert.deepEqual(
      valueCompletions(oneFlag(refusing)).map((v) => v.label),
      ['"swap"'],
    );
    assert.deepEqual(
      valueCompletions(oneFlag({ ...refusing, choices_enforced: false })).map((v) => v.label),
      ['"swap"', '"None"'],
    );
  });

  it('offers a default of any scalar type, but not a list default', () => {
    assert.deepEqual(valueCompletions(indexes.sglang052.find('json-model-override-args')!.flag), [
      { value: '{}', label: '"{}"', detail: 'the default' },
    ]);
    assert.deepEqual(valueCompletions(oneFlag({ type: 'bool', default: true })), [
      { value: true, label: 'true', detail: 'the default' },
    ]);
    assert.deepEqual(valueCompletions(oneFlag({ type: 'float', default: 0.5 })), [
      { value: 0.5, label: '0.5', detail: 'the default' },
    ]);
    assert.deepEqual(valueCompletions(oneFlag({ type: 'int', nargs: '+', default: [1, 2] })), []);
  });
});

describe('flag hover facts', () => {
  it("counts only the flag's own runtime's versions, and always the flag's own version", () => {
    // An SGLang catalog that happens to share a vLLM version name and has the flag.
    const lookalike = buildFlagIndex({ ...sglang052, version: 'main-2026-05-29', flags: vllm0100.flags });
    const swap = describeFlag(indexes.vllm0100.find('swap-space')!.flag, {
      versions: [indexes.sglang052, lookalike, indexes.vllmMain],
    });
    assert.deepEqual([swap.inVersions, swap.notInVersions], [['0.10.0'], ['main-2026-05-29']]);
    const alone = describeFlag(indexes.vllmMain.find('max-num-seqs')!.flag, { versions: [indexes.vllm0100] });
    assert.deepEqual([alone.inVersions, alone.notInVersions], [['0.10.0', 'main-2026-05-29'], []]);
    assert.match(alone.markdown, /^- in vLLM 0\.10\.0, main-2026-05-29$/m);
  });

  it('links the docs given, else the first version that has a link, else none', () => {
    const flag = indexes.vllmMain.find('max-num-seqs')!.flag;
    const bare = buildFlagIndex(vllmMain);
    assert.equal(describeFlag(flag, { versions: [bare] }).docsUrl, null);
    assert.equal(describeFlag(flag, { versions: [] }).docsUrl, null);
    assert.equal(describeFlag(flag, { versions: [bare, indexes.vllm0100] }).docsUrl, vllmOverlay.docs_url);
    const given = describeFlag(flag, { versions: [indexes.vllm0100], docsUrl: 'https://example.com/args' });
    assert.equal(given.docsUrl, 'https://example.com/args');
    assert.match(given.markdown, /\n\n\[vLLM server arguments\]\(https:\/\/example\.com\/args\)$/);
  });

  it("says where a range comes from: the runtime's declaration or the overlay", () => {
    const fraction = describeFlag(indexes.sglang052.find('mem-fraction-static')!.flag, {
      versions: [indexes.sglang052],
    });
    assert.deepEqual(fraction.range, {
      range: { gt: 0, le: 1 },
      text: '(0, 1]',
      source: 'a fraction of GPU memory',
    });
    const unnamed = describeFlag(
      { ...oneFlag({ type: 'int' }), effectiveRange: { ge: 1 }, rangeSource: null },
      {
        versions: [],
      },
    );
    assert.equal(unnamed.range!.source, '');
    assert.equal(describeFlag(oneFlag({ type: 'int' }), { versions: [] }).range, null);
  });

  it('writes the whole hover of a flag with a value, choices, a declared range and aliases', () => {
    const flag = oneFlag(
      {
        name: 'page-size',
        aliases: ['-bs', '--block'],
        type: 'int',
        choices: [8, 16],
        choices_enforced: true,
        default: 16,
        range: { ge: 1 },
      },
      { description: 'Tokens per `block`.', area: 'memory', common: true },
    );
    const vllm090 = buildFlagIndex({ ...vllm0100, version: '0.9.0' }, vllmOverlay);
    const facts = describeFlag(flag, { versions: [indexes.vllm0100, vllm090] });
    assert.equal(facts.takesValue, true);
    const quoted = describeFlag(oneFlag({ name: 'odd', type: 'list`str`' }), { versions: [indexes.vllm0100] });
    assert.match(quoted.markdown, /^- type: `list'str'`$/m);
    assert.equal(
      facts.markdown,
      [
        '**`--page-size`** (vLLM main-2026-05-29)',
        '',
        'Tokens per `block`.',
        '',
        '- type: `int`',
        '- default 16',
        '- choices: `8`, `16`',
        '- range: `[1, ∞)` (declared by vLLM)',
        '- aliases: `-bs`, `--block`',
        '- in vLLM main-2026-05-29; not in 0.9.0, 0.10.0',
        '',
        '[vLLM server arguments](https://docs.vllm.ai/en/latest/configuration/engine_args.html)',
      ].join('\n'),
    );
  });

  it("says what a flag's converter takes beyond its type: suffixes, words, lower-casing, None", () => {
    const lines = (fields: Partial<CatalogFlag>) =>
      describeFlag(oneFlag({ name: 'x', ...fields }), { versions: [indexes.vllm0100] })
        .markdown.split('\n')
        .filter(
          (line) =>
            line.startsWith('- type') ||
            line.startsWith('- also') ||
            line.startsWith('- conv') ||
            line.includes('None'),
        );
    assert.deepEqual(
      lines({
        type: 'human_readable_int_or_auto',
        int_suffixes: { decimal: { k: 1000, m: 1000000 }, binary: { K: 1024 } },
        int_words: { auto: -1 },
        accepts_none: true,
      }),
      [
        '- type: `human_readable_int_or_auto`',
        '- also takes: `k` ×1000, `m` ×1000000 (after a whole or fractional number); `K` ×1024 (after a whole number); `auto` in any case',
        '- `None` leaves it unset',
      ],
    );
    assert.deepEqual(lines({ choices: ['a', 'None'], choices_enforced: true, accepts_none: true }), [
      '- type: `str`',
      "- `None` is refused: it is read as Python's None, which no choice equals (the listed one is text)",
      '- choices: `a`, `None`',
    ]);
    assert.deepEqual(lines({ transform: [['lower'], ['replace', '-', '_']] }), [
      '- type: `str`',
      '- converted with `lower()`, `replace("-", "_")` before the choices are compared',
    ]);
  });

  it('writes the whole hover of a deprecated on/off flag without a description', () => {
    const flag = oneFlag({
      name: 'old-switch',
      type: 'bool',
      is_flag: true,
      default: false,
      negation: 'no-old-switch',
      choices: ['on', null],
      deprecated: { replacement: null },
    });
    const facts = describeFlag(flag, { versions: [] });
    assert.equal(facts.takesValue, false);
    assert.equal(
      facts.markdown,
      [
        '**`--old-switch`** (vLLM main-2026-05-29)',
        '',
        '**Deprecated**.',
        '',
        '- type: on/off (takes no value)',
        '- default off',
        '- choices (not enforced): `on`, `null`',
        '- turned off with `--no-old-switch`',
        '- in vLLM main-2026-05-29',
      ].join('\n'),
    );
  });
});
