/**
 * The Runs section of the Merge Preview page (webview/runs.ts) on a small stand-in for the DOM: it shows
 * what the host's view model says (runs, failing runs, the task's cut, Show more) and sends the section's
 * messages; task names, paths, models and values from the workspace become text, never markup.
 */
import * as assert from 'node:assert/strict';
import type { PageMessage } from '../../../src/shared/mergePreviewProtocol';
import { buildRunsSection } from '../../../src/extension/mergePreview/runsView';
import { readTaskContext } from '../../../src/core/runtime/taskRuns';
import { renderRuns } from '../../../webview/runs';

class FakeText {
  constructor(readonly data: string) {}
}

class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly children: (FakeElement | FakeText)[] = [];
  readonly listeners = new Map<string, () => void>();
  readonly classes = new Set<string>();
  readonly classList = { add: (name: string) => this.classes.add(name) };
  disabled = false;
  constructor(readonly tagName: string) {}
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
    if (name === 'class') for (const c of value.split(' ')) this.classes.add(c);
  }
  appendChild(child: FakeElement | FakeText): void {
    this.children.push(child);
  }
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, listener);
  }
  get text(): string {
    return this.children.map((c) => (c instanceof FakeText ? c.data : c.text)).join('');
  }
  all(className: string): FakeElement[] {
    const found: FakeElement[] = [];
    const walk = (node: FakeElement | FakeText): void => {
      if (node instanceof FakeText) return;
      if (node.classes.has(className)) found.push(node);
      node.children.forEach(walk);
    };
    walk(this);
    return found;
  }
  set innerHTML(_: string) {
    assert.fail('innerHTML is never set');
  }
}

function render(view: Parameters<typeof renderRuns>[0]): { root: FakeElement; sent: PageMessage[] } {
  const sent: PageMessage[] = [];
  const global = globalThis as { document?: unknown };
  const previous = global.document;
  global.document = {
    createElement: (tag: string) => new FakeElement(tag),
    createTextNode: (text: string) => new FakeText(text),
  };
  try {
    const root = new FakeElement('section');
    for (const child of renderRuns(view, { send: (m) => sent.push(m) }))
      if (child && typeof child === 'object') root.appendChild(child as unknown as FakeElement);
    return { root, sent };
  } finally {
    global.document = previous;
  }
}

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('Merge Preview page: the Runs section', () => {
  const context = readTaskContext({
    base_runtime: 'sglang',
    runtime_image_tag: HOSTILE,
    model: { id_or_path: HOSTILE },
    optimization: { max_iterations: 2, timeout_per_iteration: 60 },
  });
  const { view } = buildRunsSection({
    parameters: { 'tp-size': Array.from({ length: 30 }, (_, i) => i + 1), 'served-model-name': [HOSTILE] },
    runtime: 'sglang',
    listed: 20,
    task: { location: `tasks/${HOSTILE}.json`, taskName: HOSTILE, context },
  });

  it('shows the total, the runs, the cut and a Show more button that asks the host', () => {
    const { root, sent } = render(view);
    assert.equal(root.all('runs-total')[0]!.text, '30 runs');
    assert.equal(root.all('run').length, 20);
    assert.equal(root.all('run-untried').length, 18, 'the runs past max_iterations are marked');
    assert.equal(root.all('task-cut')[0]!.text, '30 runs; the task stops after 2 (max_iterations), in at most 2 min');
    const more = root.all('runs-more')[0]!;
    assert.equal(more.text, 'Show 10 more');
    more.listeners.get('click')!();
    root.all('copy')[4]!.listeners.get('click')!();
    assert.deepEqual(sent, [{ type: 'moreRuns' }, { type: 'copyCommand', index: 4 }]);
  });

  it('shows what union mode would try, as text, only when the host says it', () => {
    assert.equal(render(view).root.all('task-union-cut').length, 0);
    const unionCut = `With the task's own values: ${HOSTILE}`;
    const { root } = render({ ...view, task: { ...view.task!, unionCut } });
    assert.equal(root.all('task-union-cut')[0]!.text, unionCut);
    assert.ok(root.text.includes('In union mode'));
  });

  it('shows workspace text as text only', () => {
    const { root } = render(view);
    const attributes: string[] = [];
    const walk = (node: FakeElement | FakeText): void => {
      if (node instanceof FakeText) return;
      assert.ok(!['img', 'script', 'iframe'].includes(node.tagName), `no <${node.tagName}>`);
      for (const [name, value] of node.attributes) {
        assert.doesNotMatch(name, /^on|^(href|src|style)$/);
        attributes.push(value);
      }
      node.children.forEach(walk);
    };
    walk(root);
    assert.ok(!attributes.some((value) => value.includes(HOSTILE)), 'no workspace text in an attribute');
    assert.equal(root.all('task-model')[0]!.text, HOSTILE);
    assert.equal(root.all('task-image')[0]!.text, HOSTILE);
    assert.ok(root.text.includes(`${HOSTILE} (tasks/${HOSTILE}.json)`));
    // Split on whitespace as the autotuner splits it, each word quoted for a shell where it needs it.
    assert.ok(root.all('command')[0]!.text.endsWith(`--served-model-name '<img' src=x 'onerror=alert(1)>'`));
  });

  it("lists a failing run's problems, or points to the earlier run that has the same ones", () => {
    const failing = { command: 'python3 -m sglang.launch_server', gpus: 1, problems: [`parameters.x: ${HOSTILE}`] };
    const { root } = render({
      ...view!,
      runs: [
        { index: 0, ...failing },
        { index: 1, ...failing, problemsAsRun: 0 },
        { index: 2, command: 'python3 -m sglang.launch_server', gpus: 1, problems: [] },
      ],
    });
    const problems = root.all('run-problems');
    assert.deepEqual(
      problems.map((node) => [node.tagName, node.text]),
      [
        ['ul', `parameters.x: ${HOSTILE}`],
        ['p', 'Same problems as run 1.'],
      ],
    );
    assert.equal(root.all('failing').length, 2);
  });

  it('says there is nothing to run without runs', () => {
    const { root } = render(undefined);
    assert.match(root.text, /Nothing to run/);
  });
});
