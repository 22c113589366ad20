/**
 * Autotuner task files (SPEC §4): any JSON file with `task_name` and `parameters`. Applying a merge
 * result replaces (or unions into) `parameters` with one text edit, so comments and formatting
 * everywhere else in the file stay as they were.
 */
import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { detectFormatting, formatJson } from './format';
import { Limits } from './limits';
import { mergePresets } from './merge';
import type { ParameterGrid, Scalar } from './model';
import { nestsDeeperThan } from './jsonText';
import { isPlainObject, isScalar, jsonNodeValue } from './values';

export type ApplyMode = 'replace' | 'union';

/** A task file as far as applying needs it. */
export interface TaskFile {
  readonly taskName: string;
  readonly parameters: ParameterGrid;
}

/** A single replacement in a document's text. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

/** Reads a task file; undefined when the text is not a task (no `task_name` string or no `parameters` object). */
export function readTaskFile(text: string): TaskFile | undefined {
  const root = parseJsonc(text);
  const value = root ? jsonNodeValue(root) : undefined;
  if (!isPlainObject(value) || typeof value.task_name !== 'string' || !isPlainObject(value.parameters))
    return undefined;
  const parameters: Record<string, Scalar[]> = {};
  for (const [key, list] of Object.entries(value.parameters)) {
    // A task's lists are the autotuner's business; keep what a grid can hold, as lists.
    const values = (Array.isArray(list) ? list : isChoiceForm(list) ? list.values : [list]).filter(isScalar);
    Object.defineProperty(parameters, key, { value: values, enumerable: true, writable: true, configurable: true });
  }
  return { taskName: value.task_name, parameters };
}

/** The autotuner's older form of a parameter, `{"type": "choice", "values": [...]}`, which it still reads. */
function isChoiceForm(value: unknown): value is { type: 'choice'; values: unknown[] } {
  return isPlainObject(value) && value.type === 'choice' && Array.isArray(value.values);
}

/**
 * The edit that writes `grid` into a task file's `parameters`: replacing them, or adding to them
 * (the task's own values first, then the new ones, duplicates once). Throws when the text is not a task.
 */
export function taskParametersEdit(text: string, grid: ParameterGrid, mode: ApplyMode): TextEdit {
  const root = parseJsonc(text);
  const task = readTaskFile(text);
  const node = root && findNodeAtLocation(root, ['parameters']);
  if (!task || !node) throw new Error('not an autotuner task file: it needs "task_name" and a "parameters" object');
  const parameters = mode === 'union' ? unionInOwnForms(jsonNodeValue(node), task.parameters, grid) : grid;
  const { indent, eol } = detectFormatting(text);
  const lineStart = text.lastIndexOf('\n', node.offset - 1) + 1;
  const baseIndent = /^[ \t]*/.exec(text.slice(lineStart, node.offset))![0];
  return { offset: node.offset, length: node.length, newText: formatJson(parameters, { indent, baseIndent, eol }) };
}

/**
 * The union of a task's parameters and a grid, each of the task's parameters written back in the form
 * it had: a list stays a list, the older choice form stays that form (its other fields kept).
 */
function unionInOwnForms(own: unknown, ownGrid: ParameterGrid, grid: ParameterGrid): Record<string, unknown> {
  const merged = mergePresets(
    [
      { name: 'task', parameters: ownGrid },
      { name: 'merge', parameters: grid },
    ],
    'union',
  ).parameters;
  const original = isPlainObject(own) ? own : {};
  const result: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(merged)) {
    const before = Object.hasOwn(original, key) ? original[key] : undefined;
    const value = isChoiceForm(before) ? { ...before, values } : values;
    Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function parseJsonc(text: string): Node | undefined {
  // The tree parse recurses: refuse nesting that could overflow the stack before starting it.
  if (nestsDeeperThan(text, Limits.maxDepth)) return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length === 0 ? root : undefined;
}
