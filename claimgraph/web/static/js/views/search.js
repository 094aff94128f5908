// The start page: search results for ?q=, otherwise the list of entities by type.
import { getJSON } from "../api.js";
import { documentHref, entityHref, h, pageUrl, pager, render } from "../dom.js";
import { facetedClaims } from "../facets.js";

const TYPES = ["", "Organization", "Person", "Country", "Place", "Group", "Event", "Other"];
const PAGE_SIZE = 50;

/** Draw the search page or the entity list. */
export async function showSearch(query) {
  const q = (query.get("q") || "").trim();
  if (q) return showResults(q, query);
  return showEntityList(query);
}

const START_DOCUMENTS = 20;
const START_SOURCES = 15;

async function showResults(q, query) {
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
    entities.length ? h("section", { class: "results", id: "search-claims" },
      h("h2", {}, "Claims about ", h("a", { href: entityHref(entities[0].id) }, entities[0].name || "an unnamed actor")),
      await facetedClaims("/", query, { entity: entities[0].id })) : null,
  );
}

function entityItem(e) {
  return h("li", { class: `entity type-${e.type}` },
    h("a", { href: entityHref(e.id), class: "entity-name" }, e.name || "an unnamed actor"),
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
    getJSON("/api/sources", { limit: START_SOURCES }).catch(() => null),
    getJSON("/api/documents", { limit: START_DOCUMENTS }).catch(() => null),
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
    sources ? sourcesSection(sources, null) : null,
  );
}

function documentsSection(docs, full = false) {
  const list = docs.items || [];
  if (!list.length) return null;
  const total = docs.total ?? list.length;
  return h("section", { class: "documents", id: "documents" },
    h("h2", {}, `Documents (${total})`),
    h("ul", { class: "document-list" }, list.map((d) => h("li", {},
      h("a", { href: documentHref(d.id) }, d.title || d.source || d.id),
      d.published ? h("span", { class: "count" }, ` ${d.published}`) : null,
      d.outlet || d.source ? h("span", { class: "count" }, ` · ${d.outlet || d.source}`) : null))),
    !full && total > list.length ? h("p", {}, h("a", { href: "/ui/documents", id: "all-documents" },
      `all ${total} documents →`)) : null);
}

/** Every document, a page at a time (?offset=, ?source= for one outlet). */
export async function showDocumentList(query) {
  document.title = "Documents — claimgraph";
  const offset = Math.max(0, parseInt(query.get("offset") || "0", 10) || 0);
  const source = query.get("source") || "";
  const docs = await getJSON("/api/documents", { limit: 50, offset, source });
  render(h("h1", {}, "Documents", source ? ` from ${source}` : ""), documentsSection(docs, true),
    pager("/ui/documents", { source }, offset, (docs.items || []).length, docs.total ?? 0, 50));
}

/** Every source, a page at a time. */
export async function showSourceList(query) {
  document.title = "Sources — claimgraph";
  const offset = Math.max(0, parseInt(query.get("offset") || "0", 10) || 0);
  const response = await fetch(pageUrl("/api/sources", { limit: 50, offset }), { headers: { Accept: "application/json" } });
  const list = await response.json();
  const total = parseInt(response.headers.get("X-Total-Count") || String(list.length), 10);
  render(h("h1", {}, "Sources"), sourcesSection(list, total, true),
    pager("/ui/sources", {}, offset, list.length, total, 50));
}

function percent(x) {
  return typeof x === "number" ? `${Math.round(x * 100)}%` : "";
}

function sourcesSection(sources, total, full = false) {
  const list = Array.isArray(sources) ? sources : (sources.items || []);
  if (!list.length) return null;
  const name = (s) => s.document || s.outlet || s.source || s.name || s.id || "?";
  return h("section", { class: "sources", id: "sources" }, h("h2", {}, full ? `Sources (${total})` : "Sources"),
    full ? null : h("p", {}, h("a", { href: "/ui/sources", id: "all-sources" }, "all sources →")),
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
