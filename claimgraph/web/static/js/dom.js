// Building DOM nodes safely: every piece of data becomes a text node, never markup.

/**
 * Create an element. `attrs` keys: class, href, title, id, type, name, value, placeholder,
 * role, data (object of data-* values), style (object for element.style), on (object of
 * event listeners); any other key is set with setAttribute. Children may be nodes,
 * strings or numbers (turned into text nodes), arrays, null or undefined (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "data") for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
    else if (key === "style") Object.assign(el.style, value);
    else if (key === "on") for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (key.startsWith("on")) throw new Error("use the `on` key for listeners");
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

/** Append children (nodes, strings, arrays) to a parent; strings go in as text. */
export function append(parent, ...children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Remove every child of an element. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replace the content of the main area with the given children. */
export function render(...children) {
  const main = document.getElementById("app");
  clear(main);
  append(main, children);
  return main;
}

/** URL of a UI page with query parameters (empty ones dropped). */
export function pageUrl(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") qs.set(k, v);
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** Link to an entity's profile. */
export function entityHref(id) {
  return `/ui/entity/${encodeURIComponent(id)}`;
}

/** Link to a document, optionally scrolled to one claim's evidence span. */
export function documentHref(documentId, claimId, start, end) {
  return pageUrl(`/ui/document/${encodeURIComponent(documentId)}`, { claim: claimId, start, end });
}

/** A short error box. */
export function errorBox(message) {
  return h("div", { class: "error", role: "alert" }, message);
}

/** Previous / next links for a paged list at `path` (other query parameters kept). */
export function pager(path, params, offset, shown, total, size) {
  const at = (o) => pageUrl(path, { ...params, offset: o });
  return h("div", { class: "pager" },
    offset > 0 ? h("a", { href: at(Math.max(0, offset - size)) }, "← previous") : null,
    h("span", {}, total ? `${offset + 1}–${offset + shown} of ${total}` : "none"),
    offset + shown < total ? h("a", { href: at(offset + size) }, "next →") : null);
}
