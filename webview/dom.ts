/**
 * Minimal DOM builder. Text goes in through `textContent` / text nodes only: feature names, file
 * names and messages are user data and are never parsed as HTML (house-style §10.7).
 */
type Child = Node | string | null | undefined | false;

export interface Attrs {
  id?: string;
  class?: string;
  /** Attributes set with setAttribute (never `style`: the CSP has no 'unsafe-inline'). */
  attrs?: Record<string, string | number | boolean | undefined>;
  /** Properties assigned on the element (e.g. `value`, `checked`). */
  props?: Record<string, unknown>;
  text?: string;
  on?: Record<string, (ev: Event) => void>;
}

export function h<K extends string>(tag: K, a: Attrs = {}, children: Child[] = []): K extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[K] : HTMLElement {
  const el = document.createElement(tag);
  if (a.id) el.id = a.id;
  if (a.class) el.className = a.class;
  for (const [k, v] of Object.entries(a.attrs ?? {})) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const [k, v] of Object.entries(a.props ?? {})) (el as unknown as Record<string, unknown>)[k] = v;
  if (a.text !== undefined) el.textContent = a.text;
  for (const [ev, fn] of Object.entries(a.on ?? {})) el.addEventListener(ev, fn);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el as never;
}

/** Replaces an element's children with plain text. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
