/**
 * Finds where field paths are written in JSON text, all in one pass and without building a tree. A file's
 * problems are found on the parsed value and then need an exact range; jsonc-parser's tree of a large file
 * costs sixteen times `JSON.parse` of it (docs/PERFORMANCE.md), while this pass skips every value that no
 * path goes through, strings by `indexOf`.
 *
 * Only for text `JSON.parse` accepted (a JSONC file with its comments and trailing commas blanked, offsets
 * unchanged): it does not look for errors. It answers what jsonc-parser's tree answers for such text
 * ({@link locatedInTree}, below, asks the tree), a key written twice counting as `JSON.parse` counts it, the
 * last one (test/unit/core/fastPaths.test.ts holds the two to that): node offsets and lengths as the
 * tree's, strings with their quotes.
 */

import type { Node } from 'jsonc-parser';
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  backslashesBefore,
  isJsonBlank,
} from './charCodes';

export type PathSegment = string | number;

/** Where a path is written: its node when the whole path exists, else the deepest node it reaches. */
export interface LocatedPath {
  readonly offset: number;
  readonly length: number;
  /** True when the whole path exists. */
  readonly exact: boolean;
  /** The key of the property whose value the node is; undefined for the root and list items. */
  readonly key?: { readonly offset: number; readonly length: number };
}

/** One step of the wanted paths, and where the text writes it once the pass has found it. */
interface Step {
  children?: Map<PathSegment, Step>;
  found: boolean;
  offset: number;
  length: number;
  keyOffset: number;
  keyLength: number;
}

/** Locates every path in `json` (see the module comment for what the text must be). */
export function locatePaths(json: string, paths: readonly (readonly PathSegment[])[]): LocatedPath[] {
  const root = newStep();
  for (const path of paths) {
    let step = root;
    for (const segment of path) {
      step.children ??= new Map();
      let child = step.children.get(segment);
      if (child === undefined) step.children.set(segment, (child = newStep()));
      step = child;
    }
  }
  const start = skipBlank(json, 0);
  root.found = true;
  root.offset = start;
  root.length = walk(json, start, root) - start;
  return paths.map((path) => {
    let step = root;
    for (const segment of path) {
      const child = step.children?.get(segment);
      if (child === undefined || !child.found)
        return { offset: step.offset, length: step.length, exact: false, key: keyOf(step) };
      step = child;
    }
    return { offset: step.offset, length: step.length, exact: true, key: keyOf(step) };
  });
}

/**
 * The same answer from jsonc-parser's tree, for text the analysis built one for anyway (syntax errors, keys
 * written twice): like jsonc-parser's findNodeAtLocation, but the last of repeated keys (the one
 * `JSON.parse` keeps) and, when the path does not exist, the deepest node it reaches.
 */
export function locatedInTree(root: Node, path: readonly PathSegment[]): LocatedPath {
  let node = root;
  let exact = true;
  for (const segment of path) {
    let next: Node | undefined;
    if (typeof segment === 'string' && node.type === 'object') {
      for (const property of node.children ?? []) {
        if (property.children?.[0]?.value === segment && property.children[1]) next = property.children[1];
      }
    } else if (typeof segment === 'number' && node.type === 'array') {
      next = node.children?.[segment];
    }
    if (!next) {
      exact = false;
      break;
    }
    node = next;
  }
  const key = node.parent?.type === 'property' ? node.parent.children![0] : undefined;
  return { offset: node.offset, length: node.length, exact, key: key && { offset: key.offset, length: key.length } };
}

function newStep(): Step {
  return { found: false, offset: 0, length: 0, keyOffset: -1, keyLength: 0 };
}

function keyOf(step: Step): LocatedPath['key'] {
  return step.keyOffset >= 0 ? { offset: step.keyOffset, length: step.keyLength } : undefined;
}

/** Walks the value at `at` for the paths through `step`; returns the offset just past the value. */
function walk(json: string, at: number, step: Step): number {
  const children = step.children;
  if (children === undefined) return skipValue(json, at);
  const ch = json.charCodeAt(at);
  if (ch === OPEN_BRACE) return walkObject(json, at, children);
  if (ch === OPEN_BRACKET) return walkArray(json, at, children);
  return skipValue(json, at);
}

function walkObject(json: string, at: number, children: Map<PathSegment, Step>): number {
  let i = skipBlank(json, at + 1);
  if (json.charCodeAt(i) === CLOSE_BRACE) return i + 1;
  for (;;) {
    const keyStart = i;
    const keyEnd = stringEnd(json, keyStart);
    const child = children.get(keyText(json, keyStart, keyEnd));
    i = skipBlank(json, skipBlank(json, keyEnd) + 1);
    let end: number;
    if (child === undefined) {
      end = skipValue(json, i);
    } else {
      forget(child);
      end = walk(json, i, child);
      child.found = true;
      child.offset = i;
      child.length = end - i;
      child.keyOffset = keyStart;
      child.keyLength = keyEnd - keyStart;
    }
    i = skipBlank(json, end);
    if (json.charCodeAt(i) !== COMMA) return i + 1;
    i = skipBlank(json, i + 1);
  }
}

function walkArray(json: string, at: number, children: Map<PathSegment, Step>): number {
  let i = skipBlank(json, at + 1);
  if (json.charCodeAt(i) === CLOSE_BRACKET) return i + 1;
  for (let index = 0; ; index++) {
    const child = children.get(index);
    let end: number;
    if (child === undefined) {
      end = skipValue(json, i);
    } else {
      end = walk(json, i, child);
      child.found = true;
      child.offset = i;
      child.length = end - i;
    }
    i = skipBlank(json, end);
    if (json.charCodeAt(i) !== COMMA) return i + 1;
    i = skipBlank(json, i + 1);
  }
}

/** A key seen again makes what was found under its earlier value stale (the last one counts, as in the tree). */
function forget(step: Step): void {
  step.found = false;
  step.keyOffset = -1;
  if (step.children) for (const child of step.children.values()) forget(child);
}

/** The key a string token spells: most keys hold no escape and are sliced as they are. */
function keyText(json: string, start: number, end: number): string {
  const inner = json.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(json.slice(start, end)) as string) : inner;
}

/** The offset just past the value at `at`. */
function skipValue(json: string, at: number): number {
  const ch = json.charCodeAt(at);
  if (ch === QUOTE) return stringEnd(json, at);
  if (ch === OPEN_BRACE || ch === OPEN_BRACKET) {
    let depth = 0;
    let i = at;
    for (;;) {
      const c = json.charCodeAt(i);
      if (c === QUOTE) {
        i = stringEnd(json, i);
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1;
      else if (i >= json.length) return json.length;
      i++;
    }
  }
  // A number, true, false or null: up to the next delimiter.
  let i = at + 1;
  for (;;) {
    const c = json.charCodeAt(i);
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isJsonBlank(c) || i >= json.length) return i;
    i++;
  }
}

/** The offset just past the string whose opening quote is at `at`: the next quote no backslash escapes. */
function stringEnd(json: string, at: number): number {
  let quote = json.indexOf('"', at + 1);
  for (;;) {
    // Only text JSON.parse refused could end inside a string; never loop on it.
    if (quote < 0) return json.length;
    if (backslashesBefore(json, quote) % 2 === 0) return quote + 1;
    quote = json.indexOf('"', quote + 1);
  }
}

function skipBlank(json: string, at: number): number {
  let i = at;
  while (isJsonBlank(json.charCodeAt(i))) i++;
  return i;
}
