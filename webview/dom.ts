/**
 * A small DOM builder. Strings always become text nodes and attribute values go through
 * setAttribute, so preset names, values and messages are shown as text, never parsed as HTML.
 */

export type Child = Node | string | false | null | undefined | readonly Child[];

type Attributes = Record<string, string | number | boolean | undefined | null>;

/** Creates an element: `h('li', { class: 'chip', 'data-id': id }, name)`. false/null/undefined attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes?: Attributes | null,
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function h(tag: string, attributes?: Attributes | null, ...children: Child[]): HTMLElement;
export function h(tag: string, attributes?: Attributes | null, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    // Event handlers are wired with addEventListener, never as attributes.
    if (/^on/i.test(name)) throw new Error(`h(): refusing the attribute ${name}`);
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children; strings as text nodes. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : (child as Node));
  }
}

/** Replaces all of an element's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Text only screen readers read. */
export function srOnly(text: string): HTMLElement {
  return h('span', { class: 'visually-hidden' }, text);
}
