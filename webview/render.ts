/**
 * Builds the Merge Preview's sections from the state the host posts. Everything from the workspace
 * (names, paths, values, reasons) is inserted as text through `h`; nothing is parsed as HTML.
 */
import type { ConflictKind } from '../src/core/model';
import type {
  ChipView,
  ConflictGroupView,
  ConflictView,
  GridView,
  ListView,
  MergePreviewState,
  PageMessage,
  RowView,
  ValueView,
} from '../src/shared/mergePreviewProtocol';
import { h, srOnly, type Child } from './dom';

export interface RenderContext {
  readonly send: (message: PageMessage) => void;
  /** Moves the keyboard focus to a parameter's row and highlights it. */
  readonly showRow: (parameter: string) => void;
  /** Moves the keyboard focus to a parameter's first conflict. */
  readonly showConflict: (parameter: string) => void;
}

const STATUS_LABELS: Record<ChipView['status'], string | undefined> = {
  ok: undefined,
  warning: 'has warnings',
  invalid: 'invalid, left out',
  missing: 'file deleted, left out',
};

const CONFLICT_LABELS: Record<ConflictKind, string> = {
  overridden: 'overridden',
  missing: 'not in every preset',
  empty_intersection: 'no common value',
};

// ------------------------------------------------------------------ chips

/** The selected presets in merge order: drag to reorder, or Alt+Arrow keys; Delete removes. */
export function renderChips(state: MergePreviewState, context: RenderContext): HTMLElement {
  const list = h('ol', { class: 'chips', 'aria-label': 'Presets in merge order', 'aria-describedby': 'chips-help' });
  const ids = state.chips.map((chip) => chip.id);
  const moveTo = (id: string, target: number): void => {
    const from = ids.indexOf(id);
    if (from < 0 || target < 0 || target >= ids.length || target === from) return;
    const order = ids.filter((other) => other !== id);
    order.splice(target, 0, id);
    context.send({ type: 'reorder', ids: order });
  };
  let dragged: string | undefined;

  for (const chip of state.chips) {
    const i = chip.position - 1;
    const status = STATUS_LABELS[chip.status];
    const main = h(
      'button',
      {
        type: 'button',
        class: 'chip-main',
        'data-focus': `chip:${chip.id}`,
        title: chip.problem ?? `${chip.location}: open the file`,
        'aria-describedby': 'chips-help',
      },
      srOnly(`${chip.position}. `),
      h('span', { class: 'chip-name' }, chip.name),
      h('span', { class: 'chip-location' }, chip.location),
      status ? srOnly(`, ${status}`) : null,
    );
    main.addEventListener('click', () => context.send({ type: 'open', id: chip.id }));
    main.addEventListener('keydown', (event) => {
      const earlier = event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowUp');
      const later = event.altKey && (event.key === 'ArrowRight' || event.key === 'ArrowDown');
      if (earlier || later) {
        event.preventDefault();
        moveTo(chip.id, earlier ? i - 1 : i + 1);
      } else if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        context.send({ type: 'remove', id: chip.id });
      }
    });

    const button = (
      label: string,
      symbol: string,
      focus: string,
      disabled: boolean,
      onClick: () => void,
    ): HTMLButtonElement => {
      const element = h(
        'button',
        {
          type: 'button',
          class: 'chip-button',
          'aria-label': label,
          title: label,
          'data-focus': `${focus}:${chip.id}`,
          disabled,
        },
        h('span', { 'aria-hidden': 'true' }, symbol),
      );
      element.addEventListener('click', onClick);
      return element;
    };

    const item = h(
      'li',
      {
        class: `chip c-${chip.color} status-${chip.status}`,
        'data-id': chip.id,
        'data-position': chip.position,
        draggable: 'true',
      },
      h('span', { class: 'chip-index', 'aria-hidden': 'true' }, String(chip.position)),
      main,
      status
        ? h(
            'span',
            { class: 'chip-flag', 'aria-hidden': 'true', title: chip.problem ?? status },
            chip.status === 'warning' ? '⚠' : '✕ ' + (chip.status === 'missing' ? 'deleted' : 'invalid'),
          )
        : null,
      button(`Move "${chip.name}" earlier`, '◀', 'earlier', i === 0, () => moveTo(chip.id, i - 1)),
      button(`Move "${chip.name}" later`, '▶', 'later', i === state.chips.length - 1, () => moveTo(chip.id, i + 1)),
      button(`Remove "${chip.name}" from the merge`, '✕', 'remove', false, () =>
        context.send({ type: 'remove', id: chip.id }),
      ),
    );

    item.addEventListener('dragstart', (event) => {
      dragged = chip.id;
      item.classList.add('dragging');
      event.dataTransfer?.setData('text/plain', chip.name);
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
    });
    item.addEventListener('dragend', () => {
      dragged = undefined;
      item.classList.remove('dragging');
      for (const other of Array.from(list.querySelectorAll('.drop-before, .drop-after')))
        other.classList.remove('drop-before', 'drop-after');
    });
    const after = (event: DragEvent): boolean => {
      const rect = item.getBoundingClientRect();
      return event.clientX > rect.left + rect.width / 2;
    };
    item.addEventListener('dragover', (event) => {
      if (dragged === undefined || dragged === chip.id) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
      item.classList.toggle('drop-after', after(event));
      item.classList.toggle('drop-before', !after(event));
    });
    item.addEventListener('dragleave', () => item.classList.remove('drop-before', 'drop-after'));
    item.addEventListener('drop', (event) => {
      event.preventDefault();
      item.classList.remove('drop-before', 'drop-after');
      if (dragged === undefined || dragged === chip.id) return;
      const from = ids.indexOf(dragged);
      let target = i + (after(event) ? 1 : 0);
      if (from < target) target--;
      moveTo(dragged, target);
    });
    list.append(item);
  }
  return list;
}

/** A small colored square with a preset's position: the key that ties values to their presets. */
function chipRef(state: MergePreviewState, index: number, withName = false): HTMLElement {
  const chip = state.chips[index];
  if (!chip) return h('span', { class: 'src' }, '?');
  return h(
    'span',
    { class: `src c-${chip.color}`, title: chip.name },
    h('span', { class: 'src-index', 'aria-hidden': 'true' }, String(chip.position)),
    withName ? h('span', { class: 'src-name' }, chip.name) : srOnly(chip.name),
  );
}

function sourcesOf(state: MergePreviewState, sources: readonly number[]): HTMLElement {
  return h(
    'span',
    { class: 'sources' },
    srOnly(' from '),
    sources.map((source, i) => [i > 0 ? srOnly(', ') : null, chipRef(state, source)]),
  );
}

function valueText(value: ValueView): HTMLElement {
  return h('code', { class: `v v-${value.kind}` }, value.text);
}

function valueList(values: readonly ValueView[]): Child {
  return h(
    'span',
    { class: 'list' },
    '[',
    values.map((value, i) => [i > 0 ? ', ' : null, valueText(value)]),
    ']',
  );
}

// ------------------------------------------------------------------ table

export function renderTable(state: MergePreviewState, context: RenderContext): HTMLElement {
  if (state.empty) return h('p', { class: 'empty' }, state.empty);
  const kept = state.rows.filter((row) => row.status === 'kept').length;
  const dropped = state.rows.length - kept;
  return h(
    'table',
    { class: 'parameters' },
    h(
      'caption',
      null,
      `${kept} merged ${kept === 1 ? 'parameter' : 'parameters'}${dropped ? `, ${dropped} left out` : ''}`,
    ),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Parameter'),
        h('th', { scope: 'col' }, 'Values, with the presets they came from'),
        h('th', { scope: 'col', class: 'count' }, 'Count'),
      ),
    ),
    h(
      'tbody',
      null,
      state.rows.map((row) => renderRow(state, row, context)),
    ),
  );
}

function leftOutLabel(row: RowView): string {
  const why = row.conflicts.find((kind) => kind !== 'overridden');
  return why ? `left out: ${CONFLICT_LABELS[why]}` : 'left out';
}

function renderRow(state: MergePreviewState, row: RowView, context: RenderContext): HTMLElement {
  const classes = [
    'row',
    row.status,
    ...row.conflicts.map((kind) => `conflict-${kind}`),
    row.conflicts.length ? 'has-conflict' : '',
  ].filter(Boolean);
  const header = h(
    'th',
    { scope: 'row', tabindex: '-1', 'data-row': row.parameter },
    h('code', { class: 'parameter' }, row.parameter),
    // A left-out row gets one badge saying why; a merged row one per kind of conflict.
    row.status === 'dropped'
      ? h('span', { class: 'badge badge-dropped' }, leftOutLabel(row))
      : [...new Set(row.conflicts)].map((kind) => h('span', { class: `badge badge-${kind}` }, CONFLICT_LABELS[kind])),
    row.flagProblems?.length
      ? h(
          'span',
          { class: 'badge badge-flag', title: row.flagProblems.join('\n') },
          row.flagProblems.length === 1 ? 'flag problem' : `${row.flagProblems.length} flag problems`,
        )
      : null,
    // The message itself, not only a tooltip: the launched server would fail on it.
    row.flagProblems?.length
      ? h(
          'ul',
          { class: 'flag-problems' },
          row.flagProblems.map((message) => h('li', null, message)),
        )
      : null,
  );
  if (row.conflicts.length) {
    header.title = 'Click to go to the conflict';
    header.addEventListener('click', () => context.showConflict(row.parameter));
  }
  return h(
    'tr',
    { class: classes.join(' '), 'data-parameter': row.parameter },
    header,
    h(
      'td',
      null,
      h(
        'ul',
        { class: 'values' },
        row.values.map((value) => h('li', { class: 'value' }, valueText(value), sourcesOf(state, value.sources))),
      ),
    ),
    h(
      'td',
      { class: 'count' },
      // The narrow layout drops the header row: there the count reads "× 2", as in the grid's factors.
      row.status === 'kept'
        ? [h('span', { class: 'count-times', 'aria-hidden': 'true' }, '× '), String(row.values.length)]
        : '—',
    ),
  );
}

// ------------------------------------------------------------------ conflicts

export function renderConflicts(state: MergePreviewState, context: RenderContext): Child[] {
  const total = state.conflicts.reduce((sum, group) => sum + group.count, 0);
  return [
    h('h2', { id: 'conflicts-heading' }, total ? `Conflicts (${total})` : 'Conflicts'),
    total === 0
      ? h('p', { class: 'none' }, state.empty ? 'None.' : 'No conflicts.')
      : state.conflicts.map((group) => renderGroup(state, group, context)),
  ];
}

function renderGroup(state: MergePreviewState, group: ConflictGroupView, context: RenderContext): HTMLElement {
  return h(
    'section',
    { class: `conflict-group group-${group.kind}`, 'data-kind': group.kind },
    h('h3', null, `${group.title} (${group.count})`),
    h('p', { class: 'hint' }, group.description),
    h(
      'ul',
      { class: 'conflict-list' },
      group.items.map((item) => renderConflict(state, item, context)),
    ),
  );
}

function renderConflict(state: MergePreviewState, conflict: ConflictView, context: RenderContext): HTMLElement {
  const links = conflict.parameters.map((parameter) => {
    const link = h(
      'button',
      { type: 'button', class: 'link', 'data-conflict': parameter, title: 'Go to the row' },
      h('code', null, parameter),
    );
    link.addEventListener('click', () => context.showRow(parameter));
    return h('li', null, link);
  });
  const list = (view: ListView): Child => [valueList(view.values), ' from ', chipRef(state, view.chip, true)];
  let detail: Child;
  switch (conflict.detail.kind) {
    case 'overridden':
      detail = h(
        'p',
        { class: 'detail replaced' },
        list(conflict.detail.replaced),
        h('span', { class: 'arrow' }, ' → replaced by '),
        list(conflict.detail.by),
      );
      break;
    case 'missing':
      detail = h(
        'p',
        { class: 'detail' },
        'Not defined by ',
        conflict.detail.lacking.map((chip, i) => [i > 0 ? ', ' : null, chipRef(state, chip, true)]),
      );
      break;
    case 'empty_intersection':
      detail = h(
        'ul',
        { class: 'detail lists' },
        conflict.detail.lists.map((view) =>
          h('li', null, chipRef(state, view.chip, true), ': ', valueList(view.values)),
        ),
      );
      break;
  }
  return h(
    'li',
    { class: 'conflict' },
    h('ul', { class: 'conflict-parameters', 'aria-label': 'Parameters' }, links),
    h('p', { class: 'reason' }, conflict.reason),
    detail,
  );
}

// ------------------------------------------------------------------ grid size and notices

export function renderGrid(grid: GridView | undefined): Child[] {
  if (!grid) return [h('h2', null, 'Grid size'), h('p', { class: 'none' }, '—')];
  if (grid.nothingToRun)
    return [
      h('h2', null, 'Grid size'),
      h('p', { class: 'runs' }, h('strong', { class: 'run-count nothing' }, grid.label)),
      h('p', { class: 'nothing-to-run' }, grid.nothingToRun),
    ];
  return [
    h('h2', null, 'Grid size'),
    h(
      'p',
      { class: 'runs' },
      h('strong', { class: 'run-count' }, grid.label),
      grid.factors.length > 1
        ? h('span', { class: 'formula' }, ` = ${grid.factors.map((f) => f.count).join(' × ')}`)
        : null,
    ),
    grid.warning
      ? h('p', { class: 'warning', role: 'note' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), grid.warning)
      : null,
    grid.factors.length
      ? h(
          'ul',
          { class: 'factors', 'aria-label': 'Values per parameter' },
          grid.factors.map((factor) =>
            h('li', null, h('code', null, factor.parameter), h('span', { class: 'factor' }, ` × ${factor.count}`)),
          ),
        )
      : null,
  ];
}

export function renderNotices(state: MergePreviewState): Child {
  if (state.notices.length === 0) return null;
  return h(
    'ul',
    { class: 'notices' },
    state.notices.map((notice) => h('li', null, h('span', { 'aria-hidden': 'true' }, '⚠ '), notice)),
  );
}
