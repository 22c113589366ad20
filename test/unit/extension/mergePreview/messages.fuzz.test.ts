/**
 * Fuzzing what the Merge Preview page can send: random values, and valid messages broken in every way
 * (wrong or extra fields, wrong types, prototype tricks, huge lists and strings). The host's dispatcher
 * never throws or rejects, runs a handler exactly for a message of the protocol (checked against an oracle
 * written apart from the zod schemas), and reports every other message once, to the log. The selection
 * operations the handlers run keep the selection a selection whatever ids arrive.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MERGE_STRATEGIES } from '../../../../src/core/model';
import {
  dispatchPageMessage,
  parsePersistedState,
  type PageMessageHandlers,
} from '../../../../src/extension/mergePreview/messages';
import {
  createSelection,
  removeFromSelection,
  reorderSelection,
} from '../../../../src/extension/mergePreview/selection';
import type { PageMessage } from '../../../../src/shared/mergePreviewProtocol';
import { fuzzParameters, timeBudgetMs } from '../../helpers/fuzz';

const MAX_ID = 8192;
const MAX_IDS = 500;

/** The protocol, said again without zod: the fields each type needs, and what fits them. */
function isProtocolMessage(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const prototype = Object.getPrototypeOf(raw);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const message = raw as Record<string, unknown>;
  const keys = Object.keys(message).sort().join(',');
  const isId = (value: unknown): boolean => typeof value === 'string' && value.length >= 1 && value.length <= MAX_ID;
  switch (message.type) {
    case 'ready':
    case 'add':
    case 'save':
    case 'applyToTask':
    case 'export':
      return keys === 'type';
    case 'setStrategy':
      return keys === 'strategy,type' && (MERGE_STRATEGIES as readonly unknown[]).includes(message.strategy);
    case 'reorder':
      return (
        keys === 'ids,type' && Array.isArray(message.ids) && message.ids.length <= MAX_IDS && message.ids.every(isId)
      );
    case 'remove':
    case 'open':
      return keys === 'id,type' && isId(message.id);
    case 'copyJson':
      return keys === 'type,what' && (message.what === 'result' || message.what === 'parameters');
    default:
      return false;
  }
}

const TYPES = [
  'ready',
  'setStrategy',
  'reorder',
  'remove',
  'add',
  'open',
  'save',
  'applyToTask',
  'copyJson',
  'export',
] as const;
const idArb = fc.oneof(
  fc.constantFrom('file:///w/a.preset.json', 'file:///w/b.preset.json', '', 'x'.repeat(MAX_ID), 'x'.repeat(MAX_ID + 1)),
  fc.string({ maxLength: 20 }),
);
const fieldValueArb = fc.oneof(
  fc.constantFrom<unknown>(
    ...MERGE_STRATEGIES,
    'Union',
    'result',
    'parameters',
    'everything',
    '__proto__',
    'toString',
    null,
    undefined,
    0,
    true,
    [],
    {},
  ),
  idArb,
  fc.array(idArb, { maxLength: 5 }),
  fc.integer({ min: MAX_IDS - 1, max: MAX_IDS + 2 }).map((n) => Array.from({ length: n }, (_, i) => `file:///w/${i}`)),
  fc.anything({ maxDepth: 2 }),
);
/** Messages shaped like the protocol's, with fields added, dropped and replaced. */
const nearMessageArb = fc
  .record(
    {
      type: fc.oneof(
        fc.constantFrom<unknown>(...TYPES),
        fc.constantFrom<unknown>('READY', 'constructor', '__proto__', 'hasOwnProperty', '', 1, null),
      ),
      strategy: fieldValueArb,
      ids: fieldValueArb,
      id: fieldValueArb,
      what: fieldValueArb,
      extra: fieldValueArb,
    },
    { requiredKeys: ['type'] },
  )
  .map((record) => JSON.parse(JSON.stringify(record)) as unknown); // what postMessage delivers: plain JSON
const rawArb = fc.oneof(
  { arbitrary: nearMessageArb, weight: 6 },
  { arbitrary: fc.jsonValue(), weight: 2 },
  {
    arbitrary: fc.anything({
      withNullPrototype: true,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withObjectString: true,
      withSparseArray: true,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom<unknown>(
      JSON.parse('{"type":"ready","__proto__":{"x":1}}'),
      Object.create({ type: 'ready' }),
      Object.assign(Object.create(null), { type: 'add' }),
    ),
    weight: 1,
  },
);

function recorder(failOn?: string): { handlers: PageMessageHandlers; calls: PageMessage[] } {
  const calls: PageMessage[] = [];
  const record = (message: PageMessage): void => {
    calls.push(message);
    if (message.type === failOn) throw new Error('the handler failed');
  };
  return { handlers: Object.fromEntries(TYPES.map((type) => [type, record])) as unknown as PageMessageHandlers, calls };
}

describe('Merge Preview messages under fuzzing', () => {
  it('runs a handler exactly for a protocol message, reports everything else once, never throws', async () => {
    await fc.assert(
      fc.asyncProperty(rawArb, fc.option(fc.constantFrom(...TYPES), { nil: undefined }), async (raw, failOn) => {
        const { handlers, calls } = recorder(failOn);
        const reports: string[] = [];
        const started = performance.now();
        const handled = await dispatchPageMessage(raw, handlers, (problem) => reports.push(problem));
        assert.ok(performance.now() - started < timeBudgetMs(0));
        const valid = isProtocolMessage(raw);
        assert.equal(calls.length, valid ? 1 : 0, 'a handler runs exactly for a valid message');
        if (valid) {
          assert.equal(calls[0].type, (raw as PageMessage).type);
          assert.equal(handled, calls[0].type !== failOn);
          assert.equal(reports.length, calls[0].type === failOn ? 1 : 0, 'a failing handler is reported');
        } else {
          assert.equal(handled, false);
          assert.equal(reports.length, 1, 'an ignored message is reported once');
          assert.match(reports[0], /^Merge Preview: ignored a message that is not part of the protocol: /);
          assert.ok(reports[0].length < 400, 'the report is short');
        }
      }),
      fuzzParameters(),
    );
  });

  it('survives a report function that throws', async () => {
    await fc.assert(
      fc.asyncProperty(rawArb, async (raw) => {
        await dispatchPageMessage(raw, recorder('save').handlers, () => {
          throw new Error('the log is gone');
        });
      }),
      fuzzParameters(),
    );
  });

  it('restores only a valid saved state, whatever getState returns', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({
            version: fc.constantFrom<unknown>(1, 2, '1'),
            entries: fc.array(fc.record({ id: idArb, name: fc.string() }), { maxLength: 3 }),
            strategy: fieldValueArb,
          }),
        ),
        (raw) => {
          const state = parsePersistedState(raw);
          if (state === undefined) return;
          assert.equal(state.version, 1);
          assert.ok((MERGE_STRATEGIES as readonly string[]).includes(state.strategy));
          assert.ok(
            state.entries.every(
              (entry) => typeof entry.id === 'string' && entry.id.length > 0 && typeof entry.name === 'string',
            ),
          );
        },
      ),
      fuzzParameters(),
    );
  });

  it('reorder and remove with any ids keep the selection a selection: the same presets, once each', () => {
    const selectionArb = fc
      .uniqueArray(
        idArb.filter((id) => id.length > 0),
        { minLength: 1, maxLength: 8 },
      )
      .map((ids) => createSelection(ids.map((id) => ({ id, name: id }))));
    fc.assert(
      fc.property(
        selectionArb,
        fc.array(idArb, { maxLength: 10 }),
        fc.nat(),
        fc.boolean(),
        idArb,
        (selection, random, rotation, permute, id) => {
          const before = selection.map((entry) => entry.id).sort();
          // Half the time a real new order (the selection rotated and reversed), else whatever ids.
          const current = selection.map((entry) => entry.id);
          const ids = permute
            ? [...current.slice(rotation % current.length), ...current.slice(0, rotation % current.length)].reverse()
            : random;
          if (permute) assert.ok(reorderSelection(selection, ids), 'a permutation is accepted');
          const reordered = reorderSelection(selection, ids);
          if (reordered) {
            assert.deepEqual(reordered.map((entry) => entry.id).sort(), before, 'a reorder is a permutation');
            assert.deepEqual(
              reordered.map((entry) => entry.id),
              ids,
            );
            for (const entry of reordered)
              assert.equal(
                entry.slot,
                selection.find((other) => other.id === entry.id)!.slot,
                'each preset keeps its color',
              );
          }
          const removed = removeFromSelection(selection, id);
          if (removed)
            assert.deepEqual(
              removed.map((entry) => entry.id),
              selection.map((entry) => entry.id).filter((other) => other !== id),
            );
          else assert.ok(!selection.some((entry) => entry.id === id), 'only an id not in the selection is refused');
        },
      ),
      fuzzParameters(),
    );
  });
});
