/**
 * How the presets' files write a merge's numbers: the merge holds values, and a float written `1.0` must
 * stay `1.0` where the merge goes out again, in command lines and task files (Python keeps ints and floats
 * apart), as the CLI writes them.
 */
import * as fs from 'node:fs';
import vscode = require('vscode');
import type { MergeResult } from '../core/model';
import type { ValueTokens } from '../core/runtime/pythonStr';
import { mergedValueTokens, tokenSource, type TokenSource } from '../core/runtime/valueTokens';
import type { PresetIndex } from './presetIndex';

/** The texts of the usable presets among `ids`; a text that cannot be read only loses its numbers' form. */
export function presetTokenSources(index: PresetIndex, ids: readonly string[]): TokenSource[] {
  const sources: TokenSource[] = [];
  for (const id of ids) {
    const entry = index.get(id);
    const preset = index.usablePreset(id);
    const text = entry && presetText(entry.uri);
    if (!entry || !preset || text === undefined) continue;
    sources.push(tokenSource(preset, entry.analysis.isEnvelope, text));
  }
  return sources;
}

/** The tokens of a merge of the presets `ids` names. */
export function mergeTokens(index: PresetIndex, ids: readonly string[], result: MergeResult): ValueTokens {
  return mergedValueTokens(result.parameters, result.sources, presetTokenSources(index, ids));
}

/** A preset's text as the user sees it: an open editor's, else the file's; undefined when unreadable. */
function presetText(uri: vscode.Uri): string | undefined {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  if (uri.scheme !== 'file') return undefined;
  try {
    return fs.readFileSync(uri.fsPath, 'utf8');
  } catch {
    return undefined;
  }
}
