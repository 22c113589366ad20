/**
 * The Merge Preview page. It renders the state the host posts and sends the user's requests back;
 * it computes nothing itself. The protocol is src/shared/mergePreviewProtocol.ts (types only here).
 * It says `ready` first, and keeps the selection and strategy with setState so a reload restores them.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import './main.css';
import './runs.css';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeRadio } from '@vscode-elements/elements/dist/vscode-radio/vscode-radio.js';
import type { HostMessage, MergePreviewState, PageMessage, PersistedState } from '../src/shared/mergePreviewProtocol';
import { h, replaceChildren } from './dom';
import { renderChips, renderConflicts, renderGrid, renderNotices, renderTable, type RenderContext } from './render';
import { renderRuns } from './runs';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const send = (message: PageMessage): void => vscode.postMessage(message);

// ------------------------------------------------------------------ the fixed skeleton

const chipsSlot = h('div', { class: 'chips-slot' });
const addButton = h(
  'vscode-button',
  { secondary: true, id: 'add', title: 'Add presets at the end of the merge' },
  'Add Presets…',
);
const strategyGroup = h('vscode-radio-group', { 'aria-labelledby': 'strategy-heading', id: 'strategy' });
const strategyHint = h('p', { class: 'hint', id: 'strategy-hint' });
const notices = h('div', { class: 'notices-slot' });
const grid = h('section', { class: 'grid', 'aria-label': 'Grid size' });
const table = h('section', { class: 'table', 'aria-labelledby': 'parameters-heading' });
const conflicts = h('section', { class: 'conflicts', 'aria-labelledby': 'conflicts-heading' });
const runs = h('section', { class: 'runs-section', 'aria-labelledby': 'runs-heading' });
const live = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'live' });
/** The host's confirmation of an action ("Copied the parameters as JSON."), shown beside the buttons. */
const actionStatus = h('p', { class: 'action-status', id: 'action-status' });
let actionStatusTimer: ReturnType<typeof setTimeout> | undefined;
const actionButton = (
  id: string,
  label: string,
  title: string,
  message: PageMessage,
  secondary = true,
): VscodeButton => {
  const button = h('vscode-button', { id, title, secondary }, label) as VscodeButton;
  button.addEventListener('click', () => {
    if (!button.disabled) send(message);
  });
  return button;
};
const actions = {
  save: actionButton('save', 'Save as Preset…', 'Write the merged grid to a new preset file', { type: 'save' }, false),
  apply: actionButton('apply', 'Apply to Task…', "Write the merged grid into an autotuner task's parameters", {
    type: 'applyToTask',
  }),
  copy: actionButton('copy', 'Copy JSON', 'Copy the whole merge result (MergeResult) as JSON', {
    type: 'copyJson',
    what: 'result',
  }),
  copyParameters: actionButton('copy-parameters', 'Copy Parameters', 'Copy only the merged parameters as JSON', {
    type: 'copyJson',
    what: 'parameters',
  }),
  export: actionButton('export', 'Export…', "Save the merge in the autotuner's export format", { type: 'export' }),
};
const writeActions = [actions.save, actions.apply, actions.export].map((button) => [button, button.title] as const);
addButton.addEventListener('click', () => send({ type: 'add' }));

const app = document.getElementById('app')!;
replaceChildren(
  app,
  h(
    'section',
    { class: 'presets', 'aria-labelledby': 'presets-heading' },
    h('h2', { id: 'presets-heading' }, 'Presets, in merge order'),
    h('div', { class: 'chips-row' }, chipsSlot, addButton),
    h(
      'p',
      { class: 'hint', id: 'chips-help' },
      'Drag a preset to change the order, or focus it and press Alt+Left / Alt+Right. Delete removes it. Later presets come after earlier ones.',
    ),
  ),
  h(
    'section',
    { class: 'strategy', 'aria-labelledby': 'strategy-heading' },
    h('h2', { id: 'strategy-heading' }, 'Strategy'),
    strategyGroup,
    strategyHint,
  ),
  notices,
  grid,
  table,
  conflicts,
  runs,
  h('section', { class: 'actions', 'aria-label': 'Actions' }, Object.values(actions), actionStatus),
  live,
);
app.removeAttribute('aria-busy');

// ------------------------------------------------------------------ rendering a state

let current: MergePreviewState | undefined;

const context: RenderContext = {
  send,
  showRow(parameter) {
    const cell = Array.from(document.querySelectorAll<HTMLElement>('th[data-row]')).find(
      (element) => element.dataset.row === parameter,
    );
    if (!cell) return;
    cell.focus();
    cell.scrollIntoView({ block: 'center' });
    const row = cell.parentElement!;
    row.classList.remove('flash');
    void row.offsetWidth; // restart the animation
    row.classList.add('flash');
  },
  showConflict(parameter) {
    Array.from(document.querySelectorAll<HTMLElement>('[data-conflict]'))
      .find((element) => element.dataset.conflict === parameter)
      ?.focus();
  },
};

function renderStrategies(state: MergePreviewState): void {
  if (strategyGroup.childElementCount !== state.strategies.length) {
    replaceChildren(
      strategyGroup,
      state.strategies.map((strategy) => {
        const radio = h(
          'vscode-radio',
          { name: 'strategy', value: strategy.id, 'data-strategy': strategy.id, title: strategy.description },
          strategy.label,
        ) as VscodeRadio;
        radio.addEventListener('change', () => {
          if (radio.checked && current && current.strategy !== strategy.id)
            send({ type: 'setStrategy', strategy: strategy.id });
        });
        return radio;
      }),
    );
  }
  for (const radio of Array.from(strategyGroup.querySelectorAll<VscodeRadio>('vscode-radio')))
    radio.checked = radio.value === state.strategy;
  strategyHint.textContent = state.strategies.find((strategy) => strategy.id === state.strategy)?.description ?? '';
}

function render(state: MergePreviewState): void {
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.focus;
  const previous = current;
  current = state;

  replaceChildren(
    chipsSlot,
    state.chips.length ? renderChips(state, context) : h('p', { class: 'none' }, 'No presets selected.'),
  );
  renderStrategies(state);
  replaceChildren(notices, renderNotices(state));
  replaceChildren(grid, renderGrid(state.grid));
  replaceChildren(table, h('h2', { id: 'parameters-heading' }, 'Merged parameters'), renderTable(state, context));
  replaceChildren(conflicts, renderConflicts(state, context));
  replaceChildren(runs, renderRuns(state.runs, { send }));
  document.body.classList.toggle('over-threshold', Boolean(state.grid?.warning));

  const hasResult = !state.empty;
  // A preset and a task need at least one parameter: an intersection with nothing in common has none.
  const hasParameters = state.rows.some((row) => row.status === 'kept');
  for (const button of [actions.copy, actions.copyParameters]) button.disabled = !hasResult;
  for (const [button, title] of writeActions) {
    button.disabled = !hasParameters || !state.canWrite;
    button.title =
      !state.canWrite && state.writeBlockedReason
        ? state.writeBlockedReason
        : hasResult && !hasParameters
          ? 'The merge has no parameters.'
          : title;
  }

  if (focused) restoreFocus(focused, previous, state);
  if (state.summary !== previous?.summary) live.textContent = state.summary;
  vscode.setState({
    version: 1,
    entries: state.chips.map((chip) => ({ id: chip.id, name: chip.name })),
    strategy: state.strategy,
  });
}

/** Keeps the keyboard where it was across a re-render: the same control of the same chip, or its neighbor. */
function restoreFocus(key: string, previous: MergePreviewState | undefined, state: MergePreviewState): void {
  const find = (wanted: string): HTMLElement | undefined =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-focus]')).find(
      (element) => element.dataset.focus === wanted,
    );
  let target = find(key);
  if (target && (target as HTMLButtonElement).disabled) target = find(`chip:${key.slice(key.indexOf(':') + 1)}`);
  if (!target && previous) {
    // The chip was removed: focus the one now at its place, else the Add button.
    const id = key.slice(key.indexOf(':') + 1);
    const at = previous.chips.findIndex((chip) => chip.id === id);
    const neighbor = state.chips[Math.min(at, state.chips.length - 1)];
    target = neighbor ? find(`chip:${neighbor.id}`) : addButton;
  }
  target?.focus();
}

/** Confirms an action where the user clicked, for a while; the live region reads it out. */
function showStatus(text: string): void {
  live.textContent = text;
  actionStatus.textContent = text;
  clearTimeout(actionStatusTimer);
  actionStatusTimer = setTimeout(() => (actionStatus.textContent = ''), 8000);
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  if (message.type === 'state') render(message.state);
  else if (message.type === 'status') showStatus(message.text);
});

send({ type: 'ready' });
