/** The quick picks and input boxes commands share. Each resolves to undefined when dismissed. */
import vscode = require('vscode');
import { formatRunCount, gridSize } from '../core/grid';
import { MERGE_STRATEGIES, type MergeStrategy } from '../core/model';
import { NAME_MAX_LENGTH } from '../core/presetRules';
import { entryCategory } from '../core/catalog';
import { displayName } from './presetTreeModel';
import type { IndexedPreset, PresetIndex } from './presetIndex';

interface PresetItem extends vscode.QuickPickItem {
  readonly entry: IndexedPreset;
}

function presetItem(entry: IndexedPreset): PresetItem {
  const preset = entry.analysis.preset;
  return {
    label: `$(${entry.origin === 'system' ? 'lock' : 'beaker'}) ${displayName(entry)}`,
    description: preset
      ? `${entryCategory(entry)} · ${preset.runtime ?? 'any runtime'} · ${formatRunCount(gridSize(preset.parameters))}`
      : undefined,
    detail: entry.origin === 'workspace' ? entry.label : undefined,
    entry,
  };
}

/**
 * Picks several presets; the order of picking is the merge order, shown on each item as it is picked.
 * `initial` entries start picked, in that order.
 */
export function pickPresetsInOrder(
  entries: readonly IndexedPreset[],
  options: { title: string; initial?: readonly IndexedPreset[] },
): Promise<IndexedPreset[] | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<PresetItem>();
    quickPick.title = options.title;
    quickPick.placeholder = 'Pick presets in the order to merge them (the first picked is merged first)';
    quickPick.canSelectMany = true;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;
    // Items are set once and never replaced: replacing them while the user clicks loses picks (the
    // workbench echoes an older selection back). The order is shown in the title instead.
    const items = entries.map(presetItem);
    const byId = new Map(items.map((item) => [item.entry.id, item]));
    let order: string[] = (options.initial ?? []).map((entry) => entry.id).filter((id) => byId.has(id));
    const showOrder = (): void => {
      const names = order.map((id, i) => `${i + 1}. ${displayName(byId.get(id)!.entry)}`);
      quickPick.title = names.length ? `${options.title} — merge order: ${names.join('  ')}` : options.title;
    };
    quickPick.items = items;
    quickPick.selectedItems = order.map((id) => byId.get(id)!);
    showOrder();
    quickPick.onDidChangeSelection((selection) => {
      const selected = new Set(selection.map((item) => item.entry.id));
      // Kept picks keep their place; new ones go last, in the order the workbench reports them.
      order = [
        ...order.filter((id) => selected.has(id)),
        ...selection.map((item) => item.entry.id).filter((id) => !order.includes(id)),
      ];
      showOrder();
    });
    quickPick.onDidAccept(() => {
      const result = order.map((id) => byId.get(id)!.entry);
      resolve(result.length ? result : undefined);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

const MOVE_UP: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('arrow-up'), tooltip: 'Merge earlier' };
const MOVE_DOWN: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('arrow-down'), tooltip: 'Merge later' };

/** Shows the merge order with move up/down buttons; Enter accepts it. */
export function confirmMergeOrder(entries: readonly IndexedPreset[]): Promise<IndexedPreset[] | undefined> {
  if (entries.length < 2) return Promise.resolve([...entries]);
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<PresetItem>();
    quickPick.title = 'Merge order: later presets come after earlier ones (last_wins keeps the last)';
    quickPick.placeholder = 'Press Enter to merge in this order; use the arrows to move a preset';
    let order = [...entries];
    const render = (active?: IndexedPreset): void => {
      const items = order.map((entry, i) => ({
        ...presetItem(entry),
        label: `${i + 1}. ${displayName(entry)}`,
        buttons: [...(i > 0 ? [MOVE_UP] : []), ...(i < order.length - 1 ? [MOVE_DOWN] : [])],
      }));
      quickPick.items = items;
      const focused = items.find((item) => item.entry.id === active?.id);
      if (focused) quickPick.activeItems = [focused];
    };
    render();
    quickPick.onDidTriggerItemButton(({ item, button }) => {
      const i = order.findIndex((entry) => entry.id === item.entry.id);
      const j = button === MOVE_UP ? i - 1 : i + 1;
      if (j < 0 || j >= order.length) return;
      order = order.slice();
      [order[i], order[j]] = [order[j], order[i]];
      render(item.entry);
    });
    quickPick.onDidAccept(() => {
      resolve(order);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

const STRATEGY_DESCRIPTIONS: Record<MergeStrategy, string> = {
  union: 'every parameter and every distinct value; never a conflict',
  intersection: 'only parameters all presets define, with the values they share',
  last_wins: 'each parameter takes the list of the last preset that defines it',
};

/** Picks a merge strategy, the default first. */
export async function pickStrategy(defaultStrategy: MergeStrategy): Promise<MergeStrategy | undefined> {
  const items = [defaultStrategy, ...MERGE_STRATEGIES.filter((s) => s !== defaultStrategy)].map((strategy) => ({
    label: strategy,
    description:
      strategy === defaultStrategy ? `(default) ${STRATEGY_DESCRIPTIONS[strategy]}` : STRATEGY_DESCRIPTIONS[strategy],
    strategy,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Merge strategy',
    placeHolder: 'How to combine the presets',
  });
  return picked?.strategy;
}

/** Picks one preset. */
export async function pickPreset(entries: readonly IndexedPreset[], title: string): Promise<IndexedPreset | undefined> {
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(`${title}: there is no preset to choose.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(entries.map(presetItem), {
    title,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.entry;
}

/** Picks the workspace folder to write into; no prompt with a single folder. */
export async function pickWorkspaceFolder(title: string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: `${title}: which workspace folder?` });
}

/** Asks for a preset name, checking as the user types that it is valid and not taken. */
export function inputPresetName(
  index: PresetIndex,
  options: { title: string; value?: string; allowed?: string },
): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: options.title,
    prompt: 'A unique name, 1–255 characters',
    value: options.value,
    valueSelection: options.value ? [0, options.value.length] : undefined,
    validateInput: (value) => {
      const name = value.trim();
      if (name === '') return 'Enter a name.';
      if (name.length > NAME_MAX_LENGTH) return `At most ${NAME_MAX_LENGTH} characters (now ${name.length}).`;
      if (name !== options.allowed && index.hasName(name)) return `A preset named "${name}" already exists.`;
      const caseTwin = index
        .entries()
        .find(
          (entry) =>
            entry.analysis.name !== undefined &&
            entry.analysis.name !== name &&
            entry.analysis.name.toLowerCase() === name.toLowerCase(),
        );
      if (caseTwin)
        return {
          message: `"${caseTwin.analysis.name}" differs only in case; consider a clearer name.`,
          severity: vscode.InputBoxValidationSeverity.Warning,
        };
      return undefined;
    },
  });
}
