/**
 * The Merge Preview's Runs section: what the merged grid launches. It renders the host's `RunsView`
 * (the host lists the runs; the page never enumerates the grid) and sends the section's requests: the
 * next batch of runs, copying one run's command line, choosing or clearing the task.
 */
import type { PageMessage, RunsTaskView, RunsView, RunView } from '../src/shared/mergePreviewProtocol';
import { h, type Child } from './dom';

export interface RunsContext {
  readonly send: (message: PageMessage) => void;
}

export function renderRuns(runs: RunsView | undefined, context: RunsContext): Child[] {
  const heading = h('h2', { id: 'runs-heading' }, 'Runs');
  if (!runs) return [heading, h('p', { class: 'none' }, 'Nothing to run.')];
  return [
    heading,
    h(
      'p',
      { class: 'runs-summary' },
      h('strong', { class: 'runs-total' }, runs.total),
      h('span', { class: 'runs-gpus' }, ` · ${runs.gpus}`),
    ),
    h('p', { class: 'hint runs-checked' }, `Checked against ${runs.checkedWith}.`),
    runs.failing
      ? h(
          'p',
          { class: 'warning runs-failing', role: 'note' },
          h('span', { 'aria-hidden': 'true' }, '⚠ '),
          runs.failing,
        )
      : null,
    renderTask(runs.task, context),
    runs.notices.length
      ? h(
          'ul',
          { class: 'notices runs-notices' },
          runs.notices.map((notice) => h('li', null, h('span', { 'aria-hidden': 'true' }, '⚠ '), notice)),
        )
      : null,
    h(
      'ol',
      { class: 'run-list', 'aria-label': `The first ${runs.runs.length} runs, in the order the task tries them` },
      runs.runs.map((run) => renderRun(run, runs.task, context)),
    ),
    runs.remaining > 0 ? moreButton(runs, context) : null,
  ];
}

function renderTask(task: RunsTaskView | undefined, context: RunsContext): HTMLElement {
  const choose = button(
    task ? 'Change Task…' : 'Choose a Task…',
    task
      ? 'Measure the grid against another task'
      : 'See how many runs a task tries, its model and the time it can take',
    { type: 'chooseTask' },
    context,
    'runs:task',
  );
  if (!task) return h('div', { class: 'runs-task none-chosen' }, choose);
  const clear = button('Clear', 'Show the runs without a task', { type: 'clearTask' }, context, 'runs:clear-task');
  return h(
    'div',
    { class: 'runs-task' },
    h(
      'dl',
      { class: 'task-facts' },
      fact('Task', h('span', null, task.taskName, h('span', { class: 'task-location' }, ` (${task.location})`))),
      fact('Model', h('code', { class: 'task-model' }, task.model)),
      fact('Image tag', h('code', { class: 'task-image' }, task.imageTag)),
      fact('Runs tried', h('span', { class: task.cutShort ? 'task-cut short' : 'task-cut' }, task.cut)),
      task.unionCut !== undefined ? fact('In union mode', h('span', { class: 'task-union-cut' }, task.unionCut)) : [],
      fact('Time bound', h('span', { class: 'task-time' }, task.timeBound)),
    ),
    h('div', { class: 'task-buttons' }, choose, clear),
  );
}

function fact(term: string, description: Child): Child[] {
  return [h('dt', null, term), h('dd', null, description)];
}

function renderRun(run: RunView, task: RunsTaskView | undefined, context: RunsContext): HTMLElement {
  const number = (run.index + 1).toLocaleString('en-US');
  const failing = run.problems.length > 0;
  const copy = button(
    'Copy',
    `Copy the command line of run ${number}`,
    { type: 'copyCommand', index: run.index },
    context,
    `copy:${run.index}`,
  );
  copy.classList.add('copy');
  return h(
    'li',
    { class: failing ? 'run failing' : 'run', 'data-run': run.index },
    h(
      'div',
      { class: 'run-head' },
      h('span', { class: 'run-number' }, `Run ${number}`),
      h('span', { class: 'run-gpus' }, `${run.gpus} ${run.gpus === 1 ? 'GPU' : 'GPUs'}`),
      failing ? h('span', { class: 'run-fails' }, h('span', { 'aria-hidden': 'true' }, '✖ '), 'fails at launch') : null,
      task?.cutShort && run.index >= task.runsTried
        ? h('span', { class: 'run-untried' }, 'not tried: past max_iterations')
        : null,
      copy,
    ),
    h('code', { class: 'command' }, commandWords(run.command)),
    !failing
      ? null
      : run.problemsAsRun !== undefined
        ? h(
            'p',
            { class: 'run-problems same' },
            `Same problems as run ${(run.problemsAsRun + 1).toLocaleString('en-US')}.`,
          )
        : h(
            'ul',
            { class: 'run-problems' },
            run.problems.map((problem) => h('li', null, problem)),
          ),
  );
}

/** The command line's words, each kept whole on a line when it fits (a line break after "--" misleads). */
function commandWords(command: string): Child[] {
  return command.split(' ').flatMap((word, i) => [i > 0 ? ' ' : null, h('span', { class: 'word' }, word)]);
}

function moreButton(runs: RunsView, context: RunsContext): HTMLElement {
  const next = runs.nextBatch;
  const more = button(
    `Show ${next.toLocaleString('en-US')} more`,
    `${runs.remaining.toLocaleString('en-US')} more runs follow`,
    { type: 'moreRuns' },
    context,
    'runs:more',
  );
  more.classList.add('runs-more');
  return h(
    'p',
    { class: 'runs-more-row' },
    more,
    h('span', { class: 'hint' }, ` ${runs.remaining.toLocaleString('en-US')} more after these.`),
  );
}

function button(
  label: string,
  title: string,
  message: PageMessage,
  context: RunsContext,
  focus: string,
): HTMLButtonElement {
  const element = h('button', { type: 'button', class: 'runs-button', title, 'data-focus': focus }, label);
  element.addEventListener('click', () => {
    if (!element.disabled) context.send(message);
  });
  return element;
}
