/** Test-data builders and small assertions shared by the unit suites. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePresetText, type PresetAnalysis, type PresetOrigin } from '../../../src/core/analyze';
import type {
  DiagnosticCode,
  ParameterGrid,
  Position,
  Preset,
  PresetDiagnostic,
  Runtime,
} from '../../../src/core/model';

/** The repository root, found from the compiled test's location (out/test/unit/helpers) or the source's. */
export const repoRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
})();

/** A file under test/fixtures/. */
export function fixturePath(name: string): string {
  return path.join(repoRoot, 'test', 'fixtures', name);
}

/** The text of a file under test/fixtures/. */
export function readFixture(name: string): string {
  return fs.readFileSync(fixturePath(name), 'utf8');
}

/** A normalized preset, as analysis produces it; fields not given are null/empty. */
export function preset(
  name: string,
  parameters: ParameterGrid,
  fields: {
    description?: string | null;
    category?: string | null;
    runtime?: Runtime | null;
    metadata?: Record<string, unknown> | null;
    extra?: Record<string, unknown>;
  } = {},
): Preset {
  return {
    name,
    description: fields.description ?? null,
    category: fields.category ?? null,
    runtime: fields.runtime ?? null,
    parameters,
    metadata: fields.metadata ?? null,
    extra: fields.extra ?? {},
  };
}

/** Preset file text from a plain object, pretty-printed like a person would write it. */
export function presetText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Shorthand for {@link analyzePresetText}, workspace origin unless told. */
export function analyze(text: string, origin: PresetOrigin = 'workspace'): PresetAnalysis {
  return analyzePresetText(text, { origin });
}

/**
 * The zero-based position of the `occurrence`-th (1-based) match of `needle` in `text`, counting
 * lines the way editors do (`\r\n`, `\n` and `\r` each end a line). Expectations computed from the
 * fixture text stay right when the fixture changes.
 */
export function positionOf(text: string, needle: string, occurrence = 1): Position {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${occurrence} times in the fixture`);
  }
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** The position just after `needle` (e.g. after `"policy": `, where the value starts). */
export function positionAfter(text: string, needle: string, occurrence = 1): Position {
  const at = positionOf(text, needle, occurrence);
  const lastLine = needle.split(/\r\n|\r|\n/).pop()!;
  return needle === lastLine
    ? { line: at.line, character: at.character + needle.length }
    : { line: at.line + needle.split(/\r\n|\r|\n/).length - 1, character: lastLine.length };
}

/** The one diagnostic with `code`; fails when there are none or several. */
export function onlyDiagnostic(analysis: PresetAnalysis, code: DiagnosticCode): PresetDiagnostic {
  const found = analysis.diagnostics.filter((d) => d.code === code);
  assert.equal(
    found.length,
    1,
    `expected one ${code} diagnostic, got: ${JSON.stringify(analysis.diagnostics.map((d) => d.message))}`,
  );
  return found[0];
}

/** Asserts a diagnostic's severity, start position, field path and message. */
export function assertDiagnostic(
  actual: PresetDiagnostic,
  expected: { severity: 'error' | 'warning'; at: Position; path: string; message: string | RegExp },
): void {
  assert.equal(actual.severity, expected.severity, actual.message);
  assert.deepEqual(actual.range.start, expected.at, `position of "${actual.message}"`);
  assert.equal(actual.path, expected.path);
  if (typeof expected.message === 'string') assert.equal(actual.message, expected.message);
  else assert.match(actual.message, expected.message);
}

/** Freezes a value and everything inside it, so any write to it throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}
