/**
 * The Merge Preview page renders every preset string as text. The page's renderers run here on a small
 * stand-in for the DOM that records what they build, fed with presets whose names, categories, file
 * paths, parameter names, values and problems hold script tags, event-handler attributes, `javascript:`
 * URLs and CSS injection (a fixed set, then random strings). What they build must contain no element or
 * attribute those strings could have made: only the renderer's own tags, no `on*`, `href`, `src` or
 * `style` attribute, data only in text nodes and in a few inert attributes (title, aria-label, data-*).
 * The end-to-end test checks the same in the real webview for one preset.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Scalar } from '../../../src/core/model';
import { buildPreview, type SelectedPreset } from '../../../src/extension/mergePreview/viewModel';
import { CHART_COLORS, type MergePreviewState } from '../../../src/shared/mergePreviewProtocol';
import {
  renderChips,
  renderConflicts,
  renderGrid,
  renderNotices,
  renderTable,
  type RenderContext,
} from '../../../webview/render';
import { fuzzParameters } from '../helpers/fuzz';

// ------------------------------------------------------------------ a stand-in for the DOM

class FakeText {
  constructor(readonly data: string) {}
}

class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly children: (FakeElement | FakeText)[] = [];
  readonly listeners: string[] = [];
  readonly classList = { add: () => undefined, remove: () => undefined, toggle: () => undefined };
  constructor(readonly tagName: string) {}
  setAttribute(name: string, value: string): void {
    this.attributes.set(name.toLowerCase(), String(value));
  }
  set title(value: string) {
    this.setAttribute('title', value);
  }
  appendChild(child: FakeElement | FakeText): void {
    assert.ok(
      child instanceof FakeElement || child instanceof FakeText,
      `only nodes are appended, got ${typeof child}`,
    );
    this.children.push(child);
  }
  append(...children: (FakeElement | FakeText | string)[]): void {
    for (const child of children) this.appendChild(typeof child === 'string' ? new FakeText(child) : child);
  }
  replaceChildren(): void {
    this.children.length = 0;
  }
  addEventListener(type: string): void {
    this.listeners.push(type);
  }
  querySelectorAll(): FakeElement[] {
    return [];
  }
  set innerHTML(_: string) {
    assert.fail('innerHTML is never set');
  }
  set outerHTML(_: string) {
    assert.fail('outerHTML is never set');
  }
  insertAdjacentHTML(): void {
    assert.fail('insertAdjacentHTML is never called');
  }
}

const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag.toLowerCase()),
  createTextNode: (text: string) => new FakeText(text),
};

function withFakeDocument<T>(render: () => T): T {
  const global = globalThis as { document?: unknown };
  const previous = global.document;
  global.document = fakeDocument;
  try {
    return render();
  } finally {
    global.document = previous;
  }
}

/** Every element the renderers make, and the tags they may make: nothing that loads, runs or styles. */
const RENDERER_TAGS = new Set([
  'ol',
  'ul',
  'li',
  'button',
  'span',
  'code',
  'p',
  'table',
  'caption',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'h2',
  'h3',
  'section',
  'strong',
]);
/** Attributes where preset text may appear: shown or read out as text, never run or fetched. */
const INERT_ATTRIBUTES = /^(title|aria-label|data-[a-z-]+)$/;

interface Rendered {
  readonly text: string;
  readonly attributes: [string, string][];
}

function collect(nodes: unknown[]): Rendered {
  let text = '';
  const attributes: [string, string][] = [];
  const walk = (node: unknown): void => {
    if (node === null || node === undefined || node === false) return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (node instanceof FakeText) {
      text += node.data + '\u0000';
      return;
    }
    assert.ok(node instanceof FakeElement, `a node, got ${String(node)}`);
    assert.ok(RENDERER_TAGS.has(node.tagName), `unexpected element <${node.tagName}>`);
    for (const [name, value] of node.attributes) {
      assert.doesNotMatch(name, /^on|^(href|src|srcdoc|style|action|formaction|xlink:href)$/, `attribute ${name}`);
      attributes.push([name, value]);
    }
    node.children.forEach(walk);
  };
  nodes.forEach(walk);
  return { text, attributes };
}

const context: RenderContext = { send: () => undefined, showRow: () => undefined, showConflict: () => undefined };

function renderAll(state: MergePreviewState): Rendered {
  return withFakeDocument(() =>
    collect([
      renderChips(state, context),
      renderTable(state, context),
      renderConflicts(state, context),
      renderGrid(state.grid),
      renderNotices(state),
    ]),
  );
}

/** The attributes that are not inert, as `name=value` in a fixed order, so that two renderings compare. */
function activeAttributes(rendered: Rendered): string[] {
  return rendered.attributes
    .filter(([name]) => !INERT_ATTRIBUTES.test(name))
    .map(([name, value]) => `${name}=${value}`)
    .sort();
}

/**
 * Checks one state against the same selection under plain names: the structure is the renderer's own, the
 * attributes that are not inert (class, type, scope…) are exactly those of the plain rendering, so no preset
 * text reached them, and each hostile string is shown as text. Comparing with the plain rendering, not
 * searching the attributes for the string, keeps a string that happens to spell the renderer's words (such as
 * "w k", inside the class "row kept") from failing the check.
 */
function assertRenderedAsText(state: MergePreviewState, plain: MergePreviewState, hostile: readonly string[]): void {
  const rendered = renderAll(state);
  for (const [name, value] of rendered.attributes) {
    if (INERT_ATTRIBUTES.test(name)) continue;
    assert.match(
      value,
      /^[\w .:-]*$/,
      `the ${name} attribute holds only the renderer's words: ${JSON.stringify(value)}`,
    );
  }
  assert.deepEqual(activeAttributes(rendered), activeAttributes(renderAll(plain)), 'no preset text in an attribute');
  for (const text of hostile) assert.ok(rendered.text.includes(text), `${JSON.stringify(text)} is shown as text`);
}

// ------------------------------------------------------------------ hostile presets

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '" onmouseover="alert(3)',
  "' autofocus onfocus='alert(4)",
  'javascript:alert(5)',
  '<a href="javascript:alert(6)">click</a>',
  '</style><style>*{display:none}</style>',
  'red;background:url(javascript:alert(7))',
  '<svg onload=alert(8)>',
  '{{constructor.constructor("alert(9)")()}}',
  '<iframe srcdoc="<script>alert(10)</script>">',
  '&lt;b&gt;entity&lt;/b&gt;',
];

function selected(
  i: number,
  name: string,
  parameters: Record<string, Scalar[]>,
  extra: Partial<SelectedPreset> = {},
): SelectedPreset {
  return {
    id: `file:///w/${encodeURIComponent(name)}-${i}.preset.json`,
    name,
    color: CHART_COLORS[i % CHART_COLORS.length],
    origin: 'workspace',
    location: `presets/${name}.preset.json`,
    status: 'ok',
    preset: { name, parameters, runtime: i % 2 ? 'sglang' : 'vllm' },
    ...extra,
  };
}

/** Three presets named by four distinct strings, with parameters and values made of them too. */
function hostileSelection([a, b, c, d]: readonly string[]): SelectedPreset[] {
  return [
    // The first two overlap, so every strategy has rows, and intersection and last_wins have conflicts.
    selected(0, a, { [b]: [c, d, 1], [d]: [a], shared: [a, b] }),
    selected(1, b, { [b]: [d, true, null], shared: [c], [c]: [b] }),
    { ...selected(2, c, {}), status: 'invalid', preset: undefined, problem: `${c}: line 1: ${d}` },
  ];
}

/** Names that spell nothing the renderer writes, for the plain rendering to compare with. */
const PLAIN = ['plain-a', 'plain-b', 'plain-c', 'plain-d'];

/** The preview of `hostileSelection(strings)`; with `writeBlockedReason`, one that cannot be written. */
function previewOf(
  strings: readonly string[],
  strategy: 'union' | 'intersection' | 'last_wins',
  writeBlockedReason?: string,
): MergePreviewState {
  const blocked = writeBlockedReason === undefined ? { canWrite: true } : { canWrite: false, writeBlockedReason };
  return buildPreview({ selection: hostileSelection(strings), strategy, threshold: 1, ...blocked }).state;
}

describe('Merge Preview page: flag problems', () => {
  it("badges a merged parameter's flag problems and shows each message, hostile text as text", () => {
    const message = `enable-mixed-chunking: unknown flag ${HOSTILE[0]}`;
    const { state } = buildPreview({
      selection: [selected(0, 'A', { 'tp-size': [1], 'enable-mixed-chunking': [true] })],
      strategy: 'union',
      threshold: 1000,
      canWrite: true,
      flagProblems: () => new Map([['enable-mixed-chunking', [message, 'second']]]),
    });
    const rows = withFakeDocument(() => renderTable(state, context)) as unknown as FakeElement;
    const byParameter = new Map<string, FakeElement>();
    const walk = (node: FakeElement | FakeText): void => {
      if (node instanceof FakeText) return;
      const parameter = node.attributes.get('data-parameter');
      if (node.tagName === 'tr' && parameter) byParameter.set(parameter, node);
      node.children.forEach(walk);
    };
    walk(rows);
    const marked = collect([byParameter.get('enable-mixed-chunking')]);
    assert.ok(marked.text.includes('2 flag problems'), marked.text);
    assert.ok(marked.text.includes(message) && marked.text.includes('second'), 'each message is shown');
    assert.ok(marked.attributes.some(([name, value]) => name === 'class' && value.includes('badge-flag')));
    assert.ok(!collect([byParameter.get('tp-size')]).text.includes('flag problem'), 'a clean row has no badge');
  });
});

describe('Merge Preview page: preset text is rendered as text', () => {
  for (const strategy of ['union', 'intersection', 'last_wins'] as const) {
    it(`${strategy}: script tags, event handlers, javascript: URLs and CSS injection in every field build nothing`, () => {
      for (let i = 0; i < HOSTILE.length; i++) {
        const strings = [0, 1, 2, 3].map((k) => HOSTILE[(i + k) % HOSTILE.length]);
        const state = previewOf(strings, strategy, strings[0]);
        assert.ok(state.rows.length > 0, 'there is something to render');
        assertRenderedAsText(state, previewOf(PLAIN, strategy, PLAIN[0]), strings.slice(0, 2));
      }
    });
  }

  it('random strings in names, paths, parameter names, values and problems build nothing either', () => {
    // Trimmed, as preset names are; at least three characters, so "shown as text" is not met by chance.
    const text = fc
      .oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(...HOSTILE))
      .map((s) => s.trim())
      // Not "shared", the parameter every selection has, which would change the selection's shape.
      .filter((s) => s.length >= 3 && s !== 'shared');
    fc.assert(
      fc.property(
        fc.uniqueArray(text, { minLength: 4, maxLength: 4 }),
        fc.constantFrom('union' as const, 'intersection' as const, 'last_wins' as const),
        (strings, strategy) => {
          assertRenderedAsText(previewOf(strings, strategy), previewOf(PLAIN, strategy), strings.slice(0, 2));
        },
      ),
      fuzzParameters(),
    );
  });
});
