// A small form to pick the entity a timeline, map or graph is about.
import { getJSON } from "./api.js";
import { h, pageUrl, clear, append } from "./dom.js";

/** A form whose results link to `path?entity=ID`; shows the current entity's name if given. */
export function entityPicker(path, current) {
  const results = h("ul", { class: "picker-results" });
  const input = h("input", { type: "search", name: "pick", placeholder: "Entity name", "aria-label": "Entity name" });
  const form = h("form", { class: "picker", on: { submit: async (ev) => {
    ev.preventDefault();
    clear(results);
    const q = input.value.trim();
    if (!q) return;
    const data = await getJSON("/api/search", { q, limit: 15 });
    const found = data.entities || [];
    if (!found.length) append(results, h("li", { class: "empty" }, "no entity with this name"));
    append(results, found.map((e) => h("li", {}, h("a", { href: pageUrl(path, { entity: e.id }) }, e.name),
      h("span", { class: "type" }, ` ${e.type}`))));
  } } },
  current ? h("span", { class: "current" }, "Showing: ", h("strong", {}, current.name || current.id), " · ",
    h("a", { href: path }, "all")) : null,
  h("label", {}, " Focus on ", input), h("button", { type: "submit" }, "Find"));
  return h("div", { class: "picker-box" }, form, results);
}

/** The name record of an entity id, or a stand-in when the profile cannot be read. */
export async function entityName(entityId) {
  if (!entityId) return null;
  try {
    const p = await getJSON(`/api/entities/${encodeURIComponent(entityId)}/profile`);
    const entity = p.entity || { id: entityId };
    return { ...entity, name: entity.name || entity.id || entityId };
  } catch (_) {
    return { id: entityId, name: entityId };
  }
}
