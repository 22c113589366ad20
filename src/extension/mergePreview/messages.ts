/**
 * Validation of what the Merge Preview page sends: every message, and the state it kept across a
 * reload, is checked with zod before the host acts on it. Anything that does not fit is reported
 * (to the log) and ignored. No `vscode` import: the handler is tested, and fuzzed, in plain Node.
 */
import * as z from 'zod/mini';
import { MERGE_STRATEGIES } from '../../core/model';
import type { PageMessage, PageMessageType, PersistedState } from '../../shared/mergePreviewProtocol';

/** Entry ids are URIs; the limits only keep a hostile page from making the host do unbounded work. */
const entryId = z.string().check(z.minLength(1), z.maxLength(8192));
const strategy = z.enum(MERGE_STRATEGIES);
/** More presets than anyone merges; a longer list is not a real request. */
const MAX_SELECTION = 500;

const pageMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('setStrategy'), strategy }),
  z.strictObject({ type: z.literal('reorder'), ids: z.array(entryId).check(z.maxLength(MAX_SELECTION)) }),
  z.strictObject({ type: z.literal('remove'), id: entryId }),
  z.strictObject({ type: z.literal('add') }),
  z.strictObject({ type: z.literal('open'), id: entryId }),
  z.strictObject({ type: z.literal('save') }),
  z.strictObject({ type: z.literal('applyToTask') }),
  z.strictObject({ type: z.literal('copyJson'), what: z.enum(['result', 'parameters']) }),
  z.strictObject({ type: z.literal('export') }),
  z.strictObject({ type: z.literal('moreRuns') }),
  z.strictObject({ type: z.literal('copyCommand'), index: z.int().check(z.gte(0)) }),
  z.strictObject({ type: z.literal('chooseTask') }),
  z.strictObject({ type: z.literal('clearTask') }),
]);

const persistedStateSchema = z.object({
  version: z.literal(1),
  entries: z
    .array(z.object({ id: entryId, name: z.string().check(z.maxLength(1024)) }))
    .check(z.maxLength(MAX_SELECTION)),
  strategy,
});

// The schemas and the protocol's types must say the same thing: this fails to compile when they drift.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemasMatchProtocol: [
  Equals<z.infer<typeof pageMessageSchema>, PageMessage>,
  Equals<z.infer<typeof persistedStateSchema>, PersistedState>,
] = [true, true];
void schemasMatchProtocol;

/** The message when it is one of the protocol's, else undefined. Never throws. */
export function parsePageMessage(raw: unknown): PageMessage | undefined {
  try {
    // A message arrives as parsed JSON: a plain object. Anything else (a fields-by-prototype object) is no message.
    if (!isPlainJsonObject(raw)) return undefined;
    const parsed = pageMessageSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  } catch {
    // A value no JSON message can be (a throwing getter, a revoked proxy) is simply not a message.
    return undefined;
  }
}

/** The state a page kept (getState) when it is valid, else undefined. Never throws. */
export function parsePersistedState(raw: unknown): PersistedState | undefined {
  try {
    const parsed = persistedStateSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** One handler per message type, each given its message already validated. */
export type PageMessageHandlers = {
  readonly [K in PageMessageType]: (message: Extract<PageMessage, { type: K }>) => unknown;
};

/**
 * Validates a message and runs its handler. An unknown or malformed message is reported and ignored;
 * a handler's failure is reported too. Never throws and never rejects, whatever `raw` is.
 * Resolves to true when a handler ran and finished.
 */
export async function dispatchPageMessage(
  raw: unknown,
  handlers: PageMessageHandlers,
  report: (problem: string) => void,
): Promise<boolean> {
  const message = parsePageMessage(raw);
  if (!message) {
    safely(() => report(`Merge Preview: ignored a message that is not part of the protocol: ${describe(raw)}`));
    return false;
  }
  try {
    const handler = handlers[message.type] as (message: PageMessage) => unknown;
    await handler(message);
    return true;
  } catch (error) {
    safely(() =>
      report(
        `Merge Preview: handling "${message.type}" failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
    );
    return false;
  }
}

/** A short, safe description of an arbitrary value for the log. */
export function describe(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    try {
      text = Object.prototype.toString.call(raw);
    } catch {
      text = 'an unreadable value';
    }
  }
  return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} characters)` : text;
}

function isPlainJsonObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // Reporting must not turn an ignored message into a failure.
  }
}
