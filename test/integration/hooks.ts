/**
 * The extension's test hooks (exported by activate() when VS Code runs it in test mode), typed through
 * a type-only import: the values are the running extension's own, never a second copy of src/.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionExports } from '../../src/extension';
import type { TreeNode } from '../../src/extension/presetTreeModel';
import { activatedExtension } from './helpers';

export type Hooks = NonNullable<ExtensionExports['testHooks']>;

type Shown = { severity: 'info' | 'warning' | 'error'; message: string };
const shown: Shown[] = [];
let recording = false;

/**
 * Records the messages shown through the `vscode` API this extension's code (tests included) gets, so a
 * test can assert what a user was told. The extension itself keeps no memory of them.
 */
function recordMessages(): void {
  if (recording) return;
  recording = true;
  const window = vscode.window as unknown as Record<string, (message: string, ...rest: unknown[]) => unknown>;
  const methods = [
    ['showInformationMessage', 'info'],
    ['showWarningMessage', 'warning'],
    ['showErrorMessage', 'error'],
  ] as const;
  for (const [method, severity] of methods) {
    const original = window[method];
    window[method] = (message: string, ...rest: unknown[]) => {
      shown.push({ severity, message });
      return original.call(vscode.window, message, ...rest);
    };
  }
}

/** The extension's API and test hooks, after the workspace has been indexed. */
export async function extensionUnderTest(): Promise<{ api: ExtensionExports; hooks: Hooks }> {
  recordMessages();
  const extension = await activatedExtension();
  const api = extension.exports as ExtensionExports;
  assert.ok(api.testHooks, 'the extension exposes test hooks only in test mode: is this an extension test run?');
  await api.ready();
  return { api, hooks: api.testHooks };
}

/** The tree's rows as text: `System/performance/High Throughput`, for readable assertions. */
export function treePaths(hooks: Hooks): string[] {
  const paths: string[] = [];
  const walk = (node: TreeNode, prefix: string): void => {
    const label =
      node.kind === 'preset' ? (node.entry.analysis.name ?? node.entry.uri.path.split('/').pop()!) : node.label;
    const path = prefix ? `${prefix}/${label}` : label;
    if (node.kind === 'preset' || node.kind === 'placeholder') paths.push(path);
    if (node.kind === 'group' || node.kind === 'category') for (const child of node.children) walk(child, path);
  };
  for (const root of hooks.model.getRoots()) walk(root, '');
  return paths;
}

/** Resolves once `condition` holds, polling; rejects with `what` after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting until ${what}`);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The newest message the extension showed, for asserting what the user was told. */
export function lastMessage(_hooks?: Hooks): { severity: string; message: string } | undefined {
  return shown[shown.length - 1];
}

/** The next preset picker or name box the extension shows (see `presetInputs` in the test hooks). */
export function nextPresetInput<T extends vscode.QuickInput = vscode.QuickPick<vscode.QuickPickItem>>(
  hooks: Hooks,
  timeoutMs = 15_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no preset picker or name box was shown within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = hooks.presetInputs((input) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(input as T);
    });
  });
}

/** Types `value` into a name box the extension shows and presses Enter, as a user would. */
export async function answerNameBox(input: vscode.InputBox, value: string): Promise<void> {
  input.value = value;
  await vscode.commands.executeCommand('quickInput.accept');
}

/** A picker item's label without its icon: `$(lock) Balanced` is `Balanced`. */
export function plainLabel(item: vscode.QuickPickItem): string {
  return item.label.replace(/^\$\([\w-]+\)\s*/, '');
}

type Prompts = {
  /** Answers `window.showInputBox`, by its title. */
  readonly inputBox?: (options: vscode.InputBoxOptions) => string | undefined;
  /** Answers `window.showQuickPick`, by its title; returns the item (or label) to pick. */
  readonly quickPick?: (items: readonly (string | vscode.QuickPickItem)[], options: vscode.QuickPickOptions) => unknown;
};

/**
 * Answers the extension's `showInputBox` and `showQuickPick` prompts for the duration of `body`, as a
 * user would; the test shares the extension's `vscode` API object, so the extension sees the stand-ins.
 */
export async function answeringPrompts<T>(
  prompts: Prompts,
  body: () => Thenable<T>,
): Promise<{ result: T; asked: string[] }> {
  const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = { showInputBox: window.showInputBox, showQuickPick: window.showQuickPick };
  const asked: string[] = [];
  if (prompts.inputBox)
    window.showInputBox = (options: unknown) => {
      asked.push(String((options as vscode.InputBoxOptions | undefined)?.title));
      return Promise.resolve(prompts.inputBox!((options ?? {}) as vscode.InputBoxOptions));
    };
  if (prompts.quickPick)
    window.showQuickPick = async (items: unknown, options: unknown) => {
      asked.push(String((options as vscode.QuickPickOptions | undefined)?.title));
      return prompts.quickPick!(
        await (items as Thenable<(string | vscode.QuickPickItem)[]>),
        (options ?? {}) as vscode.QuickPickOptions,
      );
    };
  try {
    return { result: await body(), asked };
  } finally {
    Object.assign(window, originals);
  }
}
