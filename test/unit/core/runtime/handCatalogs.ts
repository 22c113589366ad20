/** Small hand-written catalogs in the generator's format, with the facts the runtime tests need. */
import {
  buildFlagIndex,
  type CatalogFlag,
  type Counterparts,
  type FlagIndex,
  type RuntimeCatalog,
  type RuntimeOverlay,
} from '../../../../src/core/runtime/catalog';

function flag(name: string, fields: Partial<CatalogFlag> = {}): CatalogFlag {
  return {
    name,
    aliases: [],
    type: 'str',
    nargs: null,
    choices: null,
    choices_enforced: false,
    default: null,
    is_flag: false,
    negation: null,
    range: null,
    deprecated: null,
    ...fields,
  };
}

const onOff = (name: string, fields: Partial<CatalogFlag> = {}): CatalogFlag =>
  flag(name, { type: 'bool', is_flag: true, default: false, ...fields });

const sglangFlags: CatalogFlag[] = [
  flag('tensor-parallel-size', { aliases: ['--tp-size'], type: 'int', default: 1 }),
  flag('pipeline-parallel-size', { aliases: ['--pp-size'], type: 'int', default: 1 }),
  flag('data-parallel-size', { aliases: ['--dp-size'], type: 'int', default: 1 }),
  flag('schedule-policy', {
    choices: ['lpm', 'random', 'fcfs', 'dfs-weight', 'lof'],
    choices_enforced: true,
    default: 'fcfs',
  }),
  flag('schedule-conservativeness', { type: 'float', default: 1.0 }),
  onOff('enable-mixed-chunk'),
  flag('mem-fraction-static', { type: 'float' }),
  flag('chunked-prefill-size', { type: 'int' }),
  flag('max-running-requests', { type: 'int' }),
  flag('max-prefill-tokens', { type: 'int', default: 16384 }),
  flag('quantization', { choices: ['awq', 'fp8', 'gptq'], choices_enforced: true }),
  flag('kv-cache-dtype', { choices: ['auto', 'fp8_e5m2', 'fp8_e4m3'], choices_enforced: true, default: 'auto' }),
  flag('cuda-graph-bs', { type: 'int', nargs: '+' }),
  flag('model-path', { type: 'str' }),
  onOff('disable-radix-cache'),
  onOff('enable-dp-attention'),
  flag('json-model-override-args', { type: 'json', default: '{}' }),
  flag('max-total-tokens', { type: 'int', deprecated: { replacement: 'max-running-requests' } }),
];

export const sglang052: RuntimeCatalog = {
  runtime: 'sglang',
  version: '0.5.2',
  source: { repository: 'sgl-project/sglang', commit: 'b0d25e7', date: '2025-09-11' },
  flags: sglangFlags,
};

export const sglangMain: RuntimeCatalog = {
  runtime: 'sglang',
  version: 'main-2026-06-09',
  source: { repository: 'sgl-project/sglang', commit: '32bedbf', date: '2026-06-09' },
  flags: [...sglangFlags, flag('schedule-low-priority-values-first', { type: 'bool', is_flag: true, default: false })],
};

const vllmCommon: CatalogFlag[] = [
  flag('tensor-parallel-size', { aliases: ['-tp'], type: 'int', default: 1 }),
  flag('pipeline-parallel-size', { aliases: ['-pp'], type: 'int', default: 1 }),
  flag('data-parallel-size', { aliases: ['-dp'], type: 'int', default: 1 }),
  flag('scheduling-policy', { choices: ['fcfs', 'priority'], choices_enforced: true, default: 'fcfs' }),
  flag('max-num-seqs', { type: 'int' }),
  flag('max-num-batched-tokens', { type: 'int' }),
  flag('max-num-partial-prefills', { type: 'int', default: 1 }),
  onOff('enable-chunked-prefill', { default: null, negation: 'no-enable-chunked-prefill' }),
  onOff('enable-prefix-caching', { default: null, negation: 'no-enable-prefix-caching' }),
  flag('quantization', { aliases: ['-q'], choices: ['awq', 'fp8', 'gptq', null], choices_enforced: true }),
  flag('kv-cache-dtype', { choices: ['auto', 'fp8', 'fp8_e5m2', 'fp8_e4m3'], choices_enforced: true, default: 'auto' }),
  flag('block-size', { type: 'int', choices: [8, 16, 32], choices_enforced: true }),
];

export const vllm0100: RuntimeCatalog = {
  runtime: 'vllm',
  version: '0.10.0',
  source: { repository: 'vllm-project/vllm', commit: '5a19a6c', date: '2025-07-24' },
  flags: [
    ...vllmCommon,
    flag('gpu-memory-utilization', { type: 'float', default: 0.9 }),
    flag('swap-space', { type: 'float', default: 4 }),
  ],
};

export const vllmMain: RuntimeCatalog = {
  runtime: 'vllm',
  version: 'main-2026-05-29',
  source: { repository: 'vllm-project/vllm', commit: '4ff865c', date: '2026-05-29' },
  flags: [...vllmCommon, flag('gpu-memory-utilization', { type: 'float', default: 0.92, range: { gt: 0, le: 1 } })],
};

export const sglangOverlay: RuntimeOverlay = {
  runtime: 'sglang',
  docs_url: 'https://docs.sglang.ai/advanced_features/server_arguments.html',
  flags: {
    'tensor-parallel-size': { description: 'GPUs a model is split across.', area: 'parallelism', common: true },
    'data-parallel-size': { description: 'Model replicas.', area: 'parallelism', common: true },
    'mem-fraction-static': {
      description: 'Share of GPU memory for weights and KV cache.',
      area: 'memory',
      common: true,
      range: { gt: 0, le: 1 },
      range_source: 'a fraction of GPU memory',
    },
    'chunked-prefill-size': { description: 'Tokens per prefill chunk.', area: 'batching', common: true },
    'max-running-requests': { description: 'Requests decoded at once.', area: 'batching', common: true },
    'max-prefill-tokens': { description: 'Tokens per prefill batch.', area: 'batching', common: true },
    'schedule-policy': { description: 'Order of waiting requests.', area: 'scheduling', common: true },
    'schedule-conservativeness': { description: 'How cautiously to admit.', area: 'scheduling', common: true },
    'enable-mixed-chunk': { description: 'Mix prefill and decode.', area: 'scheduling', common: true },
    'kv-cache-dtype': { description: 'KV cache precision.', area: 'memory', common: true },
    quantization: { description: 'Weight quantization.', area: 'quantization', common: false },
  },
};

export const vllmOverlay: RuntimeOverlay = {
  runtime: 'vllm',
  docs_url: 'https://docs.vllm.ai/en/latest/configuration/engine_args.html',
  flags: {
    'tensor-parallel-size': { description: 'GPUs a model is split across.', area: 'parallelism', common: true },
    'pipeline-parallel-size': { description: 'Pipeline stages.', area: 'parallelism', common: true },
    'gpu-memory-utilization': { description: 'Share of GPU memory to use.', area: 'memory', common: true },
    'max-num-seqs': { description: 'Sequences per batch.', area: 'batching', common: true },
    'max-num-batched-tokens': { description: 'Tokens per batch.', area: 'batching', common: true },
    'max-num-partial-prefills': { description: 'Prefills done in parts at once.', area: 'batching', common: true },
    'scheduling-policy': { description: 'Order of waiting requests.', area: 'scheduling', common: true },
    'enable-chunked-prefill': { description: 'Split long prefills.', area: 'scheduling', common: true },
    'enable-prefix-caching': { description: 'Reuse KV cache across requests.', area: 'prefix-cache', common: true },
  },
};

export const counterparts: Counterparts = {
  flags: [
    { sglang: 'tensor-parallel-size', vllm: 'tensor-parallel-size', exactness: 'exact', values: null },
    { sglang: 'pipeline-parallel-size', vllm: 'pipeline-parallel-size', exactness: 'exact', values: null },
    { sglang: 'data-parallel-size', vllm: 'data-parallel-size', exactness: 'exact', values: null },
    {
      sglang: 'schedule-policy',
      vllm: 'scheduling-policy',
      exactness: 'exact',
      values: [{ sglang: 'fcfs', vllm: 'fcfs' }],
    },
    {
      sglang: 'kv-cache-dtype',
      vllm: 'kv-cache-dtype',
      exactness: 'exact',
      values: [
        { sglang: 'auto', vllm: 'auto' },
        { sglang: 'fp8_e5m2', vllm: 'fp8_e5m2' },
        { sglang: 'fp8_e4m3', vllm: 'fp8' },
      ],
    },
    { sglang: 'mem-fraction-static', vllm: 'gpu-memory-utilization', exactness: 'approximate', values: null },
    { sglang: 'max-running-requests', vllm: 'max-num-seqs', exactness: 'exact', values: null },
  ],
};

/** The four shipped versions, indexed with their overlays. */
export const indexes: {
  sglang052: FlagIndex;
  sglangMain: FlagIndex;
  vllm0100: FlagIndex;
  vllmMain: FlagIndex;
} = {
  sglang052: buildFlagIndex(sglang052, sglangOverlay),
  sglangMain: buildFlagIndex(sglangMain, sglangOverlay),
  vllm0100: buildFlagIndex(vllm0100, vllmOverlay),
  vllmMain: buildFlagIndex(vllmMain, vllmOverlay),
};
