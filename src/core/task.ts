/**
 * Autotuner task files (SPEC §4): any JSON file with `task_name` and `parameters`. Applying a merge
 * result replaces (or unions into) `parameters` with one text edit, so comments and formatting
 * everywhere else in the file stay as they were.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { detectFormatting, formatJson } from './format';
import { Limits } from './limits';
import type { ParameterGrid, Scalar } from './model';
import type { ValueTokens } from './runtime/pythonStr';
import { writtenToken } from './runtime/valueTokens';
import { holdsComma, nestsDeeperThan } from './jsonText';
import { applyTextEdits, type TextEdit } from './textEdit';
import { describeJsonValue, formatFieldPath, isPlainObject, isScalar, jsonNodeValue, scalarKey } from './values';

export type ApplyMode = 'replace' | 'union';

/** A task file as far as applying needs it. */
export interface TaskFile {
  readonly taskName: string;
  readonly parameters: ParameterGrid;
  /** Each number of `parameters` as the file writes it (`2.0`, `1e3`), for the flag checks; undefined for others. */
  readonly tokens: ValueTokens;
}

/** Reads a task file; undefined when the text is not a task (no `task_name` string or no `parameters` object). */
export function readTaskFile(text: string): TaskFile | undefined {
  const root = parseJsonc(text);
  const value = root ? jsonNodeValue(root) : undefined;
  if (!isPlainObject(value) || typeof value.task_name !== 'string' || !isPlainObject(value.parameters))
    return undefined;
  // The tree parsed without errors: every object and list node has its children, every property its key and value.
  const parameters: Record<string, Scalar[]> = {};
  const tokens: Record<string, (string | undefined)[]> = {};
  for (const property of lastValueNode(root!, 'parameters')!.children!) {
    const [keyNode, listNode] = property.children as [Node, Node];
    // A task's lists are the autotuner's business; keep what a grid can hold, as lists.
    const items =
      listNode.type === 'array'
        ? listNode.children!
        : isChoiceForm(jsonNodeValue(listNode))
          ? lastValueNode(listNode, 'values')!.children!
          : [listNode];
    const scalars = items.filter((item) => item.type !== 'object' && item.type !== 'array');
    // As jsonNodeValue reads a key written twice: the last value, at the first one's place.
    const key = String(keyNode.value);
    defineKey(
      parameters,
      key,
      scalars.map((item) => item.value as Scalar),
    );
    defineKey(
      tokens,
      key,
      scalars.map((item) => (item.type === 'number' ? text.slice(item.offset, item.offset + item.length) : undefined)),
    );
  }
  return { taskName: value.task_name, parameters, tokens };
}

/** The value of an object node's last property named `key` (the one a parse keeps), if any. */
function lastValueNode(object: Node, key: string): Node | undefined {
  let found: Node | undefined;
  for (const property of object.children!) if (property.children![0]!.value === key) found = property.children![1];
  return found;
}

/** A key set as an own data property, `__proto__` included. */
function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The autotuner's older form of a parameter, `{"type": "choice", "values": [...]}`, which it still reads. */
function isChoiceForm(value: unknown): value is { type: 'choice'; values: unknown[] } {
  return isPlainObject(value) && value.type === 'choice' && Array.isArray(value.values);
}

/** A task file's text once an edit is applied, and the grid it then holds. */
export interface EditedTask {
  readonly text: string;
  /** In union mode, the task's own values with the merge's: the runs the task will try. */
  readonly parameters: ParameterGrid;
  /** How the edited text writes each number of `parameters`. */
  readonly tokens: ValueTokens;
}

/**
 * The task after `edit` (of {@link taskParametersEdit}): what Apply writes, and the grid its warnings count,
 * in the CLI and the extension alike.
 */
export function taskAfterEdit(text: string, edit: TextEdit): EditedTask {
  const edited = applyTextEdits(text, [edit]);
  const task = readTaskFile(edited);
  return { text: edited, parameters: task?.parameters ?? {}, tokens: task?.tokens ?? {} };
}

/**
 * An apply that would lose or misplace what the task says: nothing is written, and the message says why
 * (without the file's name, which the caller adds).
 */
export class TaskApplyRefusal extends Error {
  override readonly name = 'TaskApplyRefusal';
}

/**
 * The edit that writes `grid` into a task file's `parameters`: replacing them, or adding to them (the
 * task's own entries as the file writes them, then the new values, each once). The grid's numbers are
 * written as `tokens` says their presets wrote them, where it knows (`4.0` stays a float to Python).
 * Throws when the text is not a task, and a {@link TaskApplyRefusal} when the edit cannot do what the
 * autotuner would read.
 */
export function taskParametersEdit(text: string, grid: ParameterGrid, mode: ApplyMode, tokens?: ValueTokens): TextEdit {
  const root = parseJsonc(text);
  const task = readTaskFile(text);
  if (!root || !task) throw new Error('not an autotuner task file: it needs "task_name" and a "parameters" object');
  // The autotuner's json.load keeps the last of repeated keys: an edit of another one would change nothing.
  const node = onlyProperty(root, 'parameters', '"parameters"');
  const { indent, eol } = detectFormatting(text);
  const lineStart = text.lastIndexOf('\n', node.offset - 1) + 1;
  const baseIndent = /^[ \t]*/.exec(text.slice(lineStart, node.offset))![0];
  const written = writtenGrid(tokens);
  const newText =
    mode === 'union'
      ? unionText(text, node, grid, written, { indent, baseIndent, eol })
      : formatJson(grid, { indent, baseIndent, eol, numberText: (path, value) => written(path[0], path[1], value) });
  return { offset: node.offset, length: node.length, newText };
}

/** The text of the grid's `index`th value of `key`, when `tokens` holds it; else undefined. */
type WrittenGrid = (key: string | number, index: string | number | undefined, value: number) => string | undefined;

function writtenGrid(tokens: ValueTokens | undefined): WrittenGrid {
  return (key, index, value) =>
    typeof key === 'string' && typeof index === 'number' ? writtenToken(tokens, key, index, value) : undefined;
}

/**
 * The text of the union of a task's `parameters` and a grid. Every entry of the task stays as the file
 * writes it (numbers such as `1.0`, `1e400` or integers beyond 2^53 included); an entry the grid also sets
 * gets the grid's values it lacks added to the end of its list, in the list or the older choice form.
 * Only those two forms hold a list to add to: the grid touching any other form is refused.
 */
function unionText(
  text: string,
  parameters: Node,
  grid: ParameterGrid,
  written: WrittenGrid,
  layout: { indent: string; baseIndent: string; eol: string },
): string {
  // Edited in place: the text between the task's own entries (comments, blank lines, layout) is kept.
  const properties = (parameters.children ?? []).filter((p) => p.children?.length === 2);
  const closing = parameters.offset + parameters.length - 1;
  let out = '';
  let cursor = parameters.offset;
  const own = new Set<string>();
  for (const property of properties) {
    const [keyNode, valueNode] = property.children!;
    const key = String(keyNode.value);
    own.add(key);
    if (!Object.hasOwn(grid, key)) continue;
    const list = ownList(parameters, key, valueNode);
    const value = withValuesAdded(text, valueNode, list, grid[key], (i, v) => written(key, i, v));
    if (value === undefined) continue;
    out += text.slice(cursor, valueNode.offset) + value;
    cursor = valueNode.offset + valueNode.length;
  }
  const added = Object.entries(grid)
    .filter(([key]) => !own.has(key))
    .map(
      ([key, values]) =>
        `${JSON.stringify(key)}: ${formatJson(values, { numberText: (path, value) => written(key, path[0], value) })}`,
    );
  if (added.length === 0) return out + text.slice(cursor, closing + 1);
  const inner = layout.baseIndent + layout.indent;
  const body = text.slice(parameters.offset + 1, closing).replace(/\s+$/, '');
  // An object written on one line gets its new entries on that line; otherwise one a line, indented.
  const oneLine = body !== '' && !/[\r\n]/.test(body);
  const entries = added.map((entry) => (oneLine ? ' ' : layout.eol + inner) + entry).join(',');
  const last = properties[properties.length - 1];
  if (last === undefined) {
    // No entry of its own: what the object held (comments) stays, the new entries after it.
    return `{${body}${entries}${oneLine ? '' : layout.eol + layout.baseIndent}}`;
  }
  // After the last entry: a comma (unless the file writes a trailing one), then the new entries just before
  // the blanks that end the object, so that a comment after the last entry stays on its line.
  const lastEnd = last.offset + last.length;
  const tail = text.slice(lastEnd, closing);
  const kept = tail.replace(/\s+$/, '');
  return (
    out + text.slice(cursor, lastEnd) + (holdsComma(tail) ? '' : ',') + kept + entries + tail.slice(kept.length) + '}'
  );
}

/** The list node of a task's entry that the grid adds to; refused when the entry is repeated or holds no list. */
function ownList(parameters: Node, key: string, value: Node): Node {
  const field = formatFieldPath(['parameters', key]);
  onlyProperty(parameters, key, field);
  if (value.type === 'array') return value;
  if (isChoiceForm(jsonNodeValue(value)))
    return onlyProperty(value, 'values', formatFieldPath(['parameters', key, 'values']));
  throw new TaskApplyRefusal(
    `${field} is ${describeEntry(jsonNodeValue(value))}, not a list of values, so the merge's values cannot be added to it; ` +
      'apply in replace mode, or make it a list first',
  );
}

/**
 * The text of an entry's value with the values that its `list` lacks added after the list's last item;
 * undefined when it lacks none. The items already there are not touched.
 */
function withValuesAdded(
  text: string,
  entry: Node,
  list: Node,
  values: readonly Scalar[],
  written: (index: number, value: number) => string | undefined,
): string | undefined {
  const items = list.children ?? [];
  const present = new Set<string>();
  for (const item of items) {
    const value = jsonNodeValue(item);
    if (isScalar(value)) present.add(exactKey(value, text.slice(item.offset, item.offset + item.length)));
  }
  const added: string[] = [];
  values.forEach((value, i) => {
    const token = typeof value === 'number' ? written(i, value) : undefined;
    const key = exactKey(value, token);
    if (present.has(key)) return;
    present.add(key);
    added.push(token || formatJson(value));
  });
  if (added.length === 0) return undefined;
  const last = items[items.length - 1];
  const [at, insert] = last
    ? [last.offset + last.length, ', ' + added.join(', ')]
    : [list.offset + 1, added.join(', ')];
  return text.slice(entry.offset, at) + insert + text.slice(at, entry.offset + entry.length);
}

/**
 * A value's key for telling values apart, as {@link scalarKey} but by its text for an integer beyond 2^53:
 * `10000000000000003` and `10000000000000004` read as one double, and are two values to Python.
 */
function exactKey(value: Scalar, source: string | undefined): string {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && source !== undefined && /^-?\d+$/.test(source))
    return `integer:${BigInt(source)}`;
  return scalarKey(value);
}

/**
 * The value of `key` in an object node, refused when the key appears more than once: the autotuner reads
 * the last, a reader of the first would read another, and an edit of either may change nothing.
 */
function onlyProperty(object: Node, key: string, field: string): Node {
  const found = (object.children ?? []).filter((p) => p.children?.length === 2 && p.children[0].value === key);
  if (found.length > 1)
    throw new TaskApplyRefusal(
      `${field} appears twice (the autotuner reads only the last); remove one of them and apply again`,
    );
  if (found.length === 0) throw new Error(`${field} is missing`);
  return found[0].children![1];
}

/** What a task entry holds, for the message that refuses to add to it: `{"type": "range", …}`, say. */
function describeEntry(value: unknown): string {
  if (isPlainObject(value) && typeof value.type === 'string')
    return `an object of "type": ${JSON.stringify(value.type)}`;
  return describeJsonValue(value);
}

function parseJsonc(text: string): Node | undefined {
  // The tree parse recurses: refuse nesting that could overflow the stack before starting it.
  if (nestsDeeperThan(text, Limits.maxDepth)) return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length === 0 ? root : undefined;
}
