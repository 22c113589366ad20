/**
 * The sidebar tree as a model of its own: groups (System, Workspace or one per folder), categories
 * (alphabetical, "Uncategorized" last), presets by name; filtered. The TreeDataProvider only renders it.
 */
import vscode = require('vscode');
import { UNCATEGORIZED, entryCategory } from '../core/catalog';
import { isFilterActive, matchesFilter, parseFilter, type PresetFilter } from '../core/presetFilter';
import type { IndexedPreset, PresetIndex } from './presetIndex';

let collator: Intl.Collator | undefined;
/**
 * localeCompare(b, undefined, { sensitivity: 'base' }), with one collator instead of one per comparison.
 * Created on first use: creating a collator takes milliseconds, which activation should not pay.
 */
function byBaseLetters(a: string, b: string): number {
  collator ??= new Intl.Collator(undefined, { sensitivity: 'base' });
  return collator.compare(a, b);
}

export interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly label: string;
  readonly origin: 'system' | 'workspace';
  readonly folder?: vscode.WorkspaceFolder;
  readonly children: (CategoryNode | PlaceholderNode)[];
  readonly presetCount: number;
}

export interface CategoryNode {
  readonly kind: 'category';
  readonly id: string;
  readonly label: string;
  readonly parent: GroupNode;
  readonly children: PresetNode[];
}

export interface PresetNode {
  readonly kind: 'preset';
  readonly id: string;
  readonly entry: IndexedPreset;
  readonly parent: CategoryNode;
}

export interface PlaceholderNode {
  readonly kind: 'placeholder';
  readonly id: string;
  readonly label: string;
  readonly parent: GroupNode;
}

export type TreeNode = GroupNode | CategoryNode | PresetNode | PlaceholderNode;

export class PresetTreeModel implements vscode.Disposable {
  private roots: GroupNode[] | undefined;
  private nodesByEntryId = new Map<string, PresetNode>();
  private currentFilter: PresetFilter = parseFilter('');
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** Fires when the tree must be drawn again. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly index: PresetIndex) {
    this.subscription = index.onDidChange(() => this.invalidate());
  }

  get filter(): PresetFilter {
    return this.currentFilter;
  }

  setFilter(filter: PresetFilter): void {
    this.currentFilter = filter;
    this.invalidate();
  }

  private invalidate(): void {
    this.roots = undefined;
    this.emitter.fire();
  }

  getRoots(): GroupNode[] {
    this.roots ??= this.build();
    return this.roots;
  }

  /** The node showing an index entry, if it is shown. */
  nodeFor(entryId: string): PresetNode | undefined {
    this.getRoots();
    return this.nodesByEntryId.get(entryId);
  }

  /** How many presets pass the filter, of how many. */
  counts(): { shown: number; total: number } {
    const roots = this.getRoots();
    return { shown: roots.reduce((sum, group) => sum + group.presetCount, 0), total: this.index.entries().length };
  }

  private build(): GroupNode[] {
    this.nodesByEntryId = new Map();
    const entries = this.index.entries().filter((entry) => this.passes(entry));
    const filtering = isFilterActive(this.currentFilter);
    const groups: GroupNode[] = [
      this.group(
        'group:system',
        'System',
        'system',
        undefined,
        entries.filter((e) => e.origin === 'system'),
      ),
    ];
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 1) {
      groups.push(
        this.group(
          `group:workspace:${folders[0].uri}`,
          'Workspace',
          'workspace',
          folders[0],
          entries.filter((e) => e.origin === 'workspace'),
        ),
      );
    } else {
      for (const folder of folders) {
        const mine = entries.filter(
          (e) => e.origin === 'workspace' && e.folder?.uri.toString() === folder.uri.toString(),
        );
        groups.push(this.group(`group:workspace:${folder.uri}`, folder.name, 'workspace', folder, mine));
      }
    }
    return filtering ? groups.filter((group) => group.presetCount > 0) : groups;
  }

  private group(
    id: string,
    label: string,
    origin: 'system' | 'workspace',
    folder: vscode.WorkspaceFolder | undefined,
    entries: IndexedPreset[],
  ): GroupNode {
    const group: GroupNode = { kind: 'group', id, label, origin, folder, children: [], presetCount: entries.length };
    const byCategory = new Map<string, IndexedPreset[]>();
    for (const entry of entries) {
      const category = entryCategory(entry);
      const members = byCategory.get(category);
      if (members) members.push(entry);
      else byCategory.set(category, [entry]);
    }
    const categories = [...byCategory.keys()].sort((a, b) =>
      a === UNCATEGORIZED ? 1 : b === UNCATEGORIZED ? -1 : byBaseLetters(a, b),
    );
    for (const label of categories) {
      const category: CategoryNode = {
        kind: 'category',
        id: `${id}/category:${label}`,
        label,
        parent: group,
        children: [],
      };
      for (const entry of byCategory.get(label)!.sort((a, b) => byBaseLetters(displayName(a), displayName(b)))) {
        const node: PresetNode = { kind: 'preset', id: `preset:${entry.id}`, entry, parent: category };
        category.children.push(node);
        this.nodesByEntryId.set(entry.id, node);
      }
      group.children.push(category);
    }
    if (entries.length === 0 && origin === 'workspace') {
      group.children.push({
        kind: 'placeholder',
        id: `${id}/empty`,
        label: 'No presets in this folder yet',
        parent: group,
      });
    }
    return group;
  }

  private passes(entry: IndexedPreset): boolean {
    if (!isFilterActive(this.currentFilter)) return true;
    const preset = entry.analysis.preset;
    const tags = preset?.metadata?.tags;
    return matchesFilter(
      {
        name: entry.analysis.name,
        category: entryCategory(entry),
        tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [],
        parameterNames: preset ? Object.keys(preset.parameters) : [],
        runtime: preset ? preset.runtime : undefined,
        label: entry.label,
      },
      this.currentFilter,
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** The name shown for an entry: its preset name, or the file name of a file too broken to have one. */
export function displayName(entry: IndexedPreset): string {
  return entry.analysis.name ?? entry.uri.path.slice(entry.uri.path.lastIndexOf('/') + 1);
}
