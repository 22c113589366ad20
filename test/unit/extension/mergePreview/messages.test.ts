import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  describe as describeValue,
  dispatchPageMessage,
  parsePageMessage,
  parsePersistedState,
  type PageMessageHandlers,
} from '../../../../src/extension/mergePreview/messages';
import type { PageMessage } from '../../../../src/shared/mergePreviewProtocol';

/** Handlers that record what ran. */
function recorder(fail?: string): { handlers: PageMessageHandlers; calls: PageMessage[] } {
  const calls: PageMessage[] = [];
  const record = (message: PageMessage) => {
    calls.push(message);
    if (message.type === fail) throw new Error(`${fail} broke`);
  };
  const handlers: PageMessageHandlers = {
    ready: record,
    setStrategy: record,
    reorder: record,
    remove: record,
    add: record,
    open: record,
    save: record,
    applyToTask: record,
    copyJson: record,
    export: record,
    moreRuns: record,
    copyCommand: record,
    chooseTask: record,
    clearTask: record,
  };
  return { handlers, calls };
}

const VALID: PageMessage[] = [
  { type: 'ready' },
  { type: 'setStrategy', strategy: 'last_wins' },
  { type: 'reorder', ids: ['file:///b', 'file:///a'] },
  { type: 'reorder', ids: [] },
  { type: 'remove', id: 'file:///a' },
  { type: 'add' },
  { type: 'open', id: 'file:///a' },
  { type: 'save' },
  { type: 'applyToTask' },
  { type: 'copyJson', what: 'parameters' },
  { type: 'copyJson', what: 'result' },
  { type: 'export' },
  { type: 'moreRuns' },
  { type: 'copyCommand', index: 0 },
  { type: 'copyCommand', index: 20735 },
  { type: 'chooseTask' },
  { type: 'clearTask' },
];

const MALFORMED: unknown[] = [
  undefined,
  null,
  0,
  'ready',
  [],
  [{ type: 'ready' }],
  {},
  { type: 'unknown' },
  { type: 'READY' },
  { type: 'ready', extra: 1 },
  { type: 'setStrategy' },
  { type: 'copyCommand' },
  { type: 'copyCommand', index: -1 },
  { type: 'copyCommand', index: 1.5 },
  { type: 'copyCommand', index: '3' },
  { type: 'moreRuns', count: 1e9 },
  { type: 'setStrategy', strategy: 'Union' },
  { type: 'setStrategy', strategy: 'toString' },
  { type: 'reorder', ids: 'a,b' },
  { type: 'reorder', ids: [1, 2] },
  { type: 'reorder', ids: [''] },
  { type: 'reorder', ids: Array.from({ length: 501 }, (_, i) => `id${i}`) },
  { type: 'remove', id: 42 },
  { type: 'remove', id: 'x'.repeat(8193) },
  { type: 'copyJson', what: 'everything' },
  { type: '__proto__' },
  { type: 'constructor' },
  JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'),
  Object.create({ type: 'ready' }),
];

describe('Merge Preview messages', () => {
  it('accepts every message of the protocol as it is', () => {
    for (const message of VALID) assert.deepEqual(parsePageMessage(message), message, JSON.stringify(message));
  });

  it('rejects unknown and malformed messages', () => {
    for (const message of MALFORMED) assert.equal(parsePageMessage(message), undefined, describeValue(message));
  });

  it('dispatches a valid message to its handler only', async () => {
    for (const message of VALID) {
      const { handlers, calls } = recorder();
      const problems: string[] = [];
      assert.equal(await dispatchPageMessage(message, handlers, (p) => problems.push(p)), true);
      assert.deepEqual(calls, [message]);
      assert.deepEqual(problems, []);
    }
  });

  it('ignores malformed messages, reporting each to the log', async () => {
    for (const message of MALFORMED) {
      const { handlers, calls } = recorder();
      const problems: string[] = [];
      assert.equal(await dispatchPageMessage(message, handlers, (p) => problems.push(p)), false);
      assert.deepEqual(calls, []);
      assert.equal(problems.length, 1);
      assert.match(problems[0], /^Merge Preview: ignored a message that is not part of the protocol: /);
    }
  });

  it("reports a handler's failure instead of throwing it", async () => {
    const { handlers } = recorder('save');
    const problems: string[] = [];
    assert.equal(await dispatchPageMessage({ type: 'save' }, handlers, (p) => problems.push(p)), false);
    assert.match(problems[0], /handling "save" failed: Error: save broke/);
  });

  it('never throws or rejects, whatever arrives, even when reporting itself fails', async () => {
    const cyclic: Record<string, unknown> = { type: 'ready' };
    cyclic.self = cyclic;
    const hostile = [
      cyclic,
      { type: 'remove', id: 10n },
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
          ownKeys: () => {
            throw new Error('trap');
          },
          getOwnPropertyDescriptor: () => {
            throw new Error('trap');
          },
        },
      ),
      {
        get type() {
          throw new Error('getter');
        },
      },
    ];
    for (const message of hostile) {
      const { handlers } = recorder();
      await dispatchPageMessage(message, handlers, () => {
        throw new Error('log is broken');
      });
    }
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              type: fc.constantFrom('ready', 'setStrategy', 'reorder', 'remove', 'open', 'copyJson', 'x'),
              strategy: fc.anything(),
              ids: fc.anything(),
              id: fc.anything(),
              what: fc.anything(),
            },
            { requiredKeys: ['type'] },
          ),
        ),
        async (raw) => {
          const { handlers, calls } = recorder();
          const handled = await dispatchPageMessage(raw, handlers, () => undefined);
          assert.equal(handled, calls.length === 1);
          if (handled) assert.ok(VALID.some((valid) => valid.type === calls[0].type));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('restores only a valid saved state', () => {
    const state = { version: 1, entries: [{ id: 'file:///a', name: 'A' }], strategy: 'intersection' };
    assert.deepEqual(parsePersistedState(state), state);
    for (const bad of [
      undefined,
      null,
      {},
      { ...state, version: 2 },
      { ...state, strategy: 'all' },
      { ...state, entries: [{ id: '', name: 'A' }] },
      { ...state, entries: 'a' },
    ]) {
      assert.equal(parsePersistedState(bad), undefined, JSON.stringify(bad));
    }
  });

  it('describes any value briefly for the log', () => {
    assert.equal(describeValue({ type: 'x' }), '{"type":"x"}');
    assert.equal(describeValue(undefined), 'undefined');
    assert.match(describeValue('x'.repeat(500)), /… \(502 characters\)$/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(describeValue(cyclic), '[object Object]');
  });
});
