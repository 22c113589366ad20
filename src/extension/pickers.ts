/** The quick picks and input boxes commands share. Each resolves to undefined when dismissed. */
import vscode = require('vscode');
import { formatRunCount, gridSize } from '../core/grid';
import { MERGE_STRATEGIES, type MergeStrategy } from '../core/model';
import { presetNameProblem } from '../core/presetName';
import { CATEGORY_MAX_LENGTH, NAME_MAX_LENGTH } from '../core/presetRules';
import { UNCATEGORIZED, entryCategory } from '../core/catalog';
import { orCancel } from './errors';
import { displayName } from './presetTreeModel';
import type { IndexedPreset, PresetIndex } from './presetIndex';

interface PresetItem extends vscode.QuickPickItem {
  readonly entry: IndexedPreset;
}

const shownEmitter = new vscode.EventEmitter<vscode.QuickInput>();
/**
 * Fires with each preset picker and name box as it is shown, so in-host tests can read what the user is
 * offered (items, picks, value) and answer it, as a user would.
 */
export const onDidShowPresetInput = shownEmitter.event;

function presetItem(entry: IndexedPreset, recent?: ReadonlySet<string>): PresetItem {
  const preset = entry.analysis.preset;
  const recently = recent?.has(displayName(entry)) ? '$(history) merged recently · ' : '';
  return {
    label: `$(${entry.origin === 'system' ? 'lock' : 'beaker'}) ${displayName(entry)}`,
    description: preset
      ? `${recently}${entryCategory(entry)} · ${preset.runtime ?? 'any runtime'} · ${formatRunCount(gridSize(preset.parameters))}`
      : undefined,
    detail: entry.origin === 'workspace' ? entry.label : undefined,
    entry,
  };
}

/**
 * Picks several presets; the order of picking is the merge order, shown on each item as it is picked.
 * `initial` entries start picked, in that order; names in `recent` are marked as merged recently.
 */
export function pickPresetsInOrder(
  entries: readonly IndexedPreset[],
  options: { title: string; initial?: readonly IndexedPreset[]; recent?: ReadonlySet<string> },
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
    const items = entries.map((entry) => presetItem(entry, options.recent));
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
    shownEmitter.fire(quickPick);
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
    shownEmitter.fire(quickPick);
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
  const picked = await vscode.window.showQuickPick(
    entries.map((entry) => presetItem(entry)),
    {
      title,
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  return picked?.entry;
}

/** Picks the workspace folder to write into; no prompt with a single folder. */
export async function pickWorkspaceFolder(title: string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: `${title}: which workspace folder?` });
}

/** The core's name check (src/core/presetName.ts) over the index, as an input box shows it. */
export function presetNameMessage(
  index: PresetIndex,
  value: string,
  allowed?: string,
): vscode.InputBoxValidationMessage | undefined {
  const names = {
    hasName: (name: string) => index.hasName(name),
    names: () => index.entries().flatMap((entry) => (entry.analysis.name === undefined ? [] : [entry.analysis.name])),
  };
  const problem = presetNameProblem(value, names, allowed);
  if (!problem) return undefined;
  const severity =
    problem.severity === 'error' ? vscode.InputBoxValidationSeverity.Error : vscode.InputBoxValidationSeverity.Warning;
  return { message: problem.message, severity };
}

/**
 * Asks for a preset name, checking as the user types that it is valid and not taken; `value` is the
 * proposal, selected so typing replaces it. Resolves to the trimmed name, or undefined when dismissed.
 */
export function inputPresetName(
  index: PresetIndex,
  options: { title: string; value?: string; allowed?: string; prompt?: string },
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const input = vscode.window.createInputBox();
    input.title = options.title;
    input.prompt = options.prompt ?? `A unique name, 1–${NAME_MAX_LENGTH} characters`;
    input.value = options.value ?? '';
    if (options.value) input.valueSelection = [0, options.value.length];
    const validate = (): boolean => {
      const problem = presetNameMessage(index, input.value, options.allowed);
      input.validationMessage = problem;
      return problem?.severity !== vscode.InputBoxValidationSeverity.Error;
    };
    validate();
    input.onDidChangeValue(validate);
    input.onDidAccept(() => {
      if (!validate()) return;
      resolve(input.value.trim());
      input.hide();
    });
    input.onDidHide(() => {
      resolve(undefined);
      input.dispose();
    });
    input.show();
    shownEmitter.fire(input);
  });
}

/** Asks for an optional one-line description; an empty answer is no description. */
export async function inputDescription(title: string): Promise<string | null> {
  const typed = orCancel(
    await vscode.window.showInputBox({
      title,
      prompt: 'Optional: what the preset is for, shown in its tooltip. Leave empty for none.',
      placeHolder: 'e.g. High batch sizes for offline throughput runs',
    }),
  );
  return typed.trim() === '' ? null : typed.trim();
}

/** Picks a category: one the presets already use, none, or a new one typed in. */
export async function pickCategory(index: PresetIndex, title: string): Promise<string | null> {
  const existing = [...new Set(index.entries().map(entryCategory))]
    .filter((c) => c !== UNCATEGORIZED)
    .sort((a, b) => a.localeCompare(b));
  const NEW = '$(add) New category…';
  const picked = orCancel(
    await vscode.window.showQuickPick([...existing, UNCATEGORIZED, NEW], {
      title,
      placeHolder: 'Group shown in the sidebar',
    }),
  );
  if (picked === UNCATEGORIZED) return null;
  if (picked !== NEW) return picked;
  const typed = orCancel(
    await vscode.window.showInputBox({
      title: `${title}: new category`,
      validateInput: (v) =>
        v.trim() === ''
          ? 'Enter a category.'
          : [...v.trim()].length > CATEGORY_MAX_LENGTH
            ? `At most ${CATEGORY_MAX_LENGTH} characters.`
            : undefined,
    }),
  );
  return typed.trim();
}
