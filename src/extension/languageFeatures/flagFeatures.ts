/**
 * Completion and hover for runtime flags in `*.preset.json` (SPEC §6): one look at where the cursor is
 * (jsonc-parser's getLocation over the document text), the facts from the core's flagInfo, and nothing
 * else. The JSON language service keeps giving the schema's completions and hovers beside these.
 */
import vscode = require('vscode');
import { getLocation, parse, type Location, type Node } from 'jsonc-parser';
import { RUNTIMES, type Runtime } from '../../core/model';
import type { FlagIndex, IndexedFlag } from '../../core/runtime/catalog';
import type { RuntimeKnowledge } from '../runtimeKnowledge';

/** Where the cursor is, relative to a preset's `parameters`. */
type FlagPlace =
  | { readonly kind: 'key'; readonly node: Node | undefined }
  | { readonly kind: 'value'; readonly flag: string; readonly node: Node | undefined };

function placeOf(location: Location): FlagPlace | undefined {
  const path = location.path[0] === 'preset' ? location.path.slice(1) : location.path;
  if (path[0] !== 'parameters') return undefined;
  // At a key, jsonc-parser's previous node is the key token (typed `property`); at a value, the value token.
  const node = location.previousNode;
  if (path.length === 2 && location.isAtPropertyKey) return { kind: 'key', node };
  if (path.length === 3 && typeof path[1] === 'string' && typeof path[2] === 'number')
    return { kind: 'value', flag: path[1], node };
  return undefined;
}

/** The runtime the preset's text names; null for any runtime (or when the text does not say). */
function runtimeOf(text: string): Runtime | null {
  const root: unknown = parse(text, [], { allowTrailingComma: true });
  if (!root || typeof root !== 'object') return null;
  const record = root as Record<string, unknown>;
  const preset =
    record.preset && typeof record.preset === 'object' ? (record.preset as Record<string, unknown>) : record;
  return RUNTIMES.find((runtime) => runtime === preset.runtime) ?? null;
}

function rangeOf(document: vscode.TextDocument, node: Node | undefined): vscode.Range | undefined {
  if (!node) return undefined;
  return new vscode.Range(document.positionAt(node.offset), document.positionAt(node.offset + node.length));
}

export class FlagLanguageFeatures implements vscode.CompletionItemProvider, vscode.HoverProvider {
  constructor(private readonly knowledge: RuntimeKnowledge) {}

  /** The indexes a preset is checked against: its runtime's, or both for any runtime. */
  private indexes(runtime: Runtime | null): FlagIndex[] {
    const chosen = this.knowledge.knowledge();
    if (!chosen) return [];
    const runtimes = chosen.knowledge.runtimes;
    return runtime ? [runtimes[runtime].index] : RUNTIMES.map((r) => runtimes[r].index);
  }

  private findFlag(indexes: readonly FlagIndex[], key: string): IndexedFlag | undefined {
    for (const index of indexes) {
      const match = index.find(key);
      if (match) return match.flag;
    }
    return undefined;
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const text = document.getText();
    const place = placeOf(getLocation(text, document.offsetAt(position)));
    if (!place) return [];
    const indexes = this.indexes(runtimeOf(text));
    const range = rangeOf(document, place.node);
    if (place.kind === 'key') {
      return this.knowledge
        .engine()
        .flagCompletions(indexes)
        .map((flag) => {
          const item = new vscode.CompletionItem(
            { label: flag.name, description: flag.common ? 'commonly tuned' : undefined, detail: undefined },
            vscode.CompletionItemKind.Property,
          );
          item.detail = flag.detail;
          if (flag.description) item.documentation = new vscode.MarkdownString(flag.description);
          item.sortText = flag.sortText;
          item.filterText = `"${flag.name}"`;
          if (flag.deprecated) item.tags = [vscode.CompletionItemTag.Deprecated];
          // Inside a key already written, only the key is replaced; elsewhere the whole member is inserted.
          if (range) {
            item.range = range;
            item.insertText = JSON.stringify(flag.name);
          } else item.insertText = new vscode.SnippetString(`${JSON.stringify(flag.name)}: [$0]`);
          return item;
        });
    }
    const flag = this.findFlag(indexes, place.flag);
    if (!flag) return [];
    return this.knowledge
      .engine()
      .valueCompletions(flag)
      .map((value, i) => {
        const item = new vscode.CompletionItem(value.label, vscode.CompletionItemKind.Value);
        item.detail = value.detail;
        item.sortText = String(i).padStart(3, '0');
        if (range) item.range = range;
        return item;
      });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const text = document.getText();
    const location = getLocation(text, document.offsetAt(position));
    const place = placeOf(location);
    if (!place || !place.node) return undefined;
    const key = place.kind === 'value' ? place.flag : (location.path.at(-1) as string);
    const flag = this.findFlag(this.indexes(runtimeOf(text)), key);
    if (!flag) return undefined;
    const catalogs = this.knowledge.catalogs();
    const versions = catalogs.versions(flag.runtime).map((version) => catalogs.index(flag.runtime, version));
    const markdown = new vscode.MarkdownString(this.knowledge.engine().describeFlag(flag, { versions }).markdown);
    return new vscode.Hover(markdown, rangeOf(document, place.node));
  }
}
