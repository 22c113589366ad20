/**
 * A flag problem's fix (its `data.fix`) as text edits on the preset's text, so the editor's quick fixes,
 * the Duplicate command and the CLI change only the key or value concerned and keep the rest as written.
 */
import { parse } from 'jsonc-parser';
import { locatePath, memberRemoval, type JsonPath } from '../jsonText';
import type { PresetDiagnostic } from '../model';
import { applyTextEdits, type TextEdit } from '../textEdit';
import { formatScalar } from '../values';
import type { FlagFix } from './flagChecks';

/** Where the fix applies: the parameter key as written and, for a value, its index in the list. */
export interface FixTarget {
  readonly flag: string;
  readonly valueIndex?: number;
  /** The path of `parameters` in the text: `['parameters']`, or `['preset', 'parameters']` in an export. */
  readonly parametersPath?: JsonPath;
}

/**
 * The target of a flag diagnostic from its field path (`parameters.<flag>[i]`, or `preset.parameters…` in
 * an export) and the flag its data names.
 */
export function flagFixTarget(fieldPath: string, flag: string): FixTarget {
  const valueIndex = /\[(\d+)\]$/.exec(fieldPath)?.[1];
  return {
    flag,
    valueIndex: valueIndex === undefined ? undefined : Number(valueIndex),
    parametersPath: fieldPath.startsWith('preset.parameters') ? ['preset', 'parameters'] : ['parameters'],
  };
}

/** A short title for the fix, as a quick fix shows it. */
export function fixTitle(fix: FlagFix, target: FixTarget): string {
  switch (fix.kind) {
    case 'rename-key':
      return `Rename to "${fix.to}"`;
    case 'remove-key':
      return `Remove "${target.flag}"`;
    case 'replace-value':
      return `Replace with ${formatScalar(fix.with)}`;
    case 'remove-value':
      return 'Remove the value';
    case 'use-negation':
      return `Use "${fix.flag}": [true]`;
  }
}

/** The edits that apply a fix; empty when the text no longer has the key or value. */
export function flagFixEdits(text: string, fix: FlagFix, target: FixTarget): TextEdit[] {
  const base = [...(target.parametersPath ?? ['parameters'])];
  const keyPath = [...base, target.flag];
  const key = locatePath(text, keyPath);
  if (!key.exact || !key.key) return [];
  switch (fix.kind) {
    case 'rename-key':
      return [{ offset: key.key.offset, length: key.key.length, newText: JSON.stringify(fix.to) }];
    case 'remove-key':
      return removeMember(text, key.key.offset, key.value.offset + key.value.length);
    case 'use-negation':
      // A lone `false` becomes the negated flag switched on, which launches `--no-…`. Beside other values it
      // cannot: the grid would then launch both spellings together, so no edit is offered.
      if (countItems(text.slice(key.value.offset, key.value.offset + key.value.length)) !== 1) return [];
      return [
        { offset: key.key.offset, length: key.key.length, newText: JSON.stringify(fix.flag) },
        { offset: key.value.offset, length: key.value.length, newText: '[true]' },
      ];
    case 'replace-value':
    case 'remove-value': {
      if (target.valueIndex === undefined) return [];
      const value = locatePath(text, [...keyPath, target.valueIndex]);
      if (!value.exact) return [];
      if (fix.kind === 'replace-value')
        return [{ offset: value.value.offset, length: value.value.length, newText: JSON.stringify(fix.with) }];
      const count = countItems(text.slice(key.value.offset, key.value.offset + key.value.length));
      // The last value out: the parameter goes too, so the runtime's default applies.
      if (count <= 1) return removeMember(text, key.key.offset, key.value.offset + key.value.length);
      return removeMember(text, value.value.offset, value.value.offset + value.value.length);
    }
  }
}

/**
 * The text with every flag fix that applies made, one at a time (each fix's offsets come from the text the
 * previous one left); `analyze` gives the text's diagnostics, flag problems with their `data` among them.
 */
export function applyAvailableFlagFixes(
  text: string,
  analyze: (text: string) => readonly PresetDiagnostic[],
): { readonly text: string; readonly applied: number } {
  let current = text;
  let applied = 0;
  const tried = new Set<string>();
  // Each round fixes or gives up on one problem; the bound only guards against fixes that beget fixes.
  for (let round = 0; round < 1000; round++) {
    const next = fixableFlagProblems(analyze(current)).find((d) => !tried.has(`${d.code} ${d.path}`));
    if (!next) return { text: current, applied };
    tried.add(`${next.code} ${next.path}`);
    const { fix, flag } = next.data as { fix: FlagFix; flag: string };
    const edits = flagFixEdits(current, fix, flagFixTarget(next.path, flag));
    if (edits.length === 0) continue;
    current = applyTextEdits(current, edits);
    applied++;
  }
  return { text: current, applied };
}

/** The flag problems that carry a fix. */
export function fixableFlagProblems(diagnostics: readonly PresetDiagnostic[]): PresetDiagnostic[] {
  return diagnostics.filter((d) => {
    const data = d.data as { fix?: unknown; flag?: unknown } | undefined;
    return d.code.startsWith('flag-') && data?.fix !== undefined && typeof data.flag === 'string';
  });
}

function countItems(listText: string): number {
  const list: unknown = parse(listText);
  return Array.isArray(list) ? list.length : 0;
}

/** Removes a member or item from `start` to `end`, with a comma next to it (see {@link memberRemoval}). */
function removeMember(text: string, start: number, end: number): TextEdit[] {
  return memberRemoval(text, start, end).map(({ offset, length }) => ({ offset, length, newText: '' }));
}
