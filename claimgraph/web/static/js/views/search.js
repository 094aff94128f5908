// The start page: search results for ?q=, otherwise the list of entities by type.
import { getJSON } from "../api.js";
import { documentHref, entityHref, h, pager, render } from "../dom.js";

const TYPES = ["", "Organization", "Person", "Country", "Place", "Group", "Event", "Other"];
const PAGE_SIZE = 50;

/** Draw the search page or the entity list. */
export async function showSearch(query) {
  const q = (query.get("q") || "").trim();
  if (q) return showResults(q);
  return showEntityList(query);
}

async function showResults(q) {
  document.title = `${q} — claimgraph`;
  const data = await getJSON("/api/search", { q, limit: 30 });
  const entities = data.entities || [];
  const documents = data.documents || [];
  render(
    h("h1", {}, "Search: ", h("q", {}, q)),
    h("section", { class: "results", id: "entity-results" },
      h("h2", {}, `Entities (${entities.length})`),
      entities.length ? h("ul", { class: "entity-list" }, entities.map(entityItem))
        : h("p", { class: "empty" }, "No entity has this name.")),
    h("section", { class: "results", id: "document-results" },
      h("h2", {}, `Documents (${documents.length})`),
      documents.length ? h("ul", { class: "document-list" }, documents.map((d) => h("li", {},
        h("a", { href: documentHref(d.id) }, d.title || d.id),
        d.snippet ? h("p", { class: "snippet" }, d.snippet) : null)))
        : h("p", { class: "empty" }, "No document contains this text.")),
  );
}

function entityItem(e) {
  return h("li", { class: `entity type-${e.type}` },
    h("a", { href: entityHref(e.id), class: "entity-name" }, e.name || e.id),
    h("span", { class: "type" }, e.type),
    typeof e.claims === "number" ? h("span", { class: "count" }, `${e.claims} ${e.claims === 1 ? "claim" : "claims"}`) : null,
    (e.aliases || []).length ? h("span", { class: "aliases" }, `also: ${e.aliases.slice(0, 6).join(", ")}`) : null);
}

async function showEntityList(query) {
  document.title = "Entities — claimgraph";
  const type = query.get("type") || "";
  const name = query.get("name") || "";
  const offset = Math.max(0, parseInt(query.get("offset") || "0", 10) || 0);
  const [data, sources, docs] = await Promise.all([
    getJSON("/api/entities", { type, q: name, limit: PAGE_SIZE, offset }),
    getJSON("/api/sources").catch(() => null),
    getJSON("/api/documents", { limit: 50 }).catch(() => null),
  ]);
  const items = data.items || [];
  const total = data.total ?? items.length;
  const filter = h("form", { class: "filters", method: "get", action: "/" },
    h("label", {}, "Type ", h("select", { name: "type" }, TYPES.map((t) => {
      const opt = h("option", { value: t }, t || "any");
      if (t === type) opt.selected = true;
      return opt;
    }))),
    h("label", {}, "Name ", h("input", { type: "text", name: "name", value: name })),
    h("button", { type: "submit" }, "Filter"));

  render(
    h("h1", {}, "Entities"),
    filter,
    items.length ? h("ul", { class: "entity-list", id: "entity-list" }, items.map(entityItem))
      : h("p", { class: "empty" }, "No entities stored yet: ingest some documents first."),
    pager("/", { type, name }, offset, items.length, total, PAGE_SIZE),
    docs ? documentsSection(docs) : null,
    sources ? sourcesSection(sources) : null,
  );
}

function documentsSection(docs) {
  const list = docs.items || [];
  if (!list.length) return null;
  return h("section", { class: "documents", id: "documents" },
    h("h2", {}, `Documents (${docs.total ?? list.length})`),
    h("ul", { class: "document-list" }, list.map((d) => h("li", {},
      h("a", { href: documentHref(d.id) }, d.title || d.source || d.id),
      d.published ? h("span", { class: "count" }, ` ${d.published}`) : null,
      d.title && d.source ? h("span", { class: "count" }, ` · ${d.source}`) : null))));
}

function percent(x) {
  return typeof x === "number" ? `${Math.round(x * 100)}%` : "";
}

function sourcesSection(sources) {
  const list = Array.isArray(sources) ? sources : (sources.items || []);
  if (!list.length) return null;
  const name = (s) => s.document || s.outlet || s.source || s.name || s.id || "?";
  return h("section", { class: "sources", id: "sources" }, h("h2", {}, `Sources (${list.length})`),
    h("table", { class: "source-table" },
      h("thead", {}, h("tr", {}, ["Source", "Documents", "Claims", "Hedged", "Attributed", "Denied", "Errata"]
        .map((t) => h("th", {}, t)))),
      h("tbody", {}, list.map((s) => h("tr", {},
        h("td", {}, s.document_id ? h("a", { href: documentHref(s.document_id) }, name(s)) : name(s),
          s.copy_of ? h("span", { class: "count" }, " (copy)") : null),
        h("td", {}, String(s.documents ?? (s.document_id ? 1 : ""))),
        h("td", {}, String(s.claims ?? s.evidence ?? "")),
        h("td", {}, percent(s.share_hedged)),
        h("td", {}, percent(s.share_attributed)),
        h("td", {}, percent(s.share_negated)),
        h("td", {}, String(s.errata ?? "")))))));
}
