/**
 * The only way dashboard code builds markup. Text always becomes a text node, so API data
 * can never turn into HTML; attributes that could run script or load from elsewhere are
 * refused outright rather than escaped.
 */

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Builds an element with attributes and children. Strings become text, never markup. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    setAttribute(element, name, value === true ? "" : String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children, turning strings and numbers into text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

function setAttribute(element: Element, name: string, value: string): void {
  const lower = name.toLowerCase();
  // Handlers would be inline script, and inline styles break under the CSP anyway.
  if (lower.startsWith("on") || lower === "style" || lower === "srcdoc") {
    throw new Error(`Refusing to set the ${name} attribute.`);
  }
  if ((lower === "href" || lower === "src" || lower === "action") && !isLocalUrl(value)) {
    throw new Error(`Refusing a non-local URL in ${name}.`);
  }
  element.setAttribute(lower === "classname" ? "class" : name, value);
}

/**
 * A path on this site: `/x`, `?q`, `#id`. Rules out `javascript:`, `data:` and
 * protocol-relative `//host` links, which the dashboard never needs.
 */
export function isLocalUrl(url: string): boolean {
  return /^(\/(?![/\\])|\?|#)/.test(url);
}

/** The element with `id`, checked to be of the expected type; throws if the page lacks it. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id} is missing from the page.`);
  return element;
}

/** Shows or hides an element with the `hidden` attribute. */
export function show(element: HTMLElement, visible = true): void {
  element.hidden = !visible;
}
