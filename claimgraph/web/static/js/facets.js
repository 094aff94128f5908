// A faceted claim list (datasette-style): URL-addressable filters, counts per value, paging,
// review buttons on every claim and downloads of exactly the claims shown.
import { getJSON } from "./api.js";
import { h, pageUrl } from "./dom.js";
import { MODALITY_LABELS, claimLine, describeClaim, predicateLabel } from "./claims.js";
import { reviewControls, tokenBox } from "./review.js";

/** Query parameters that filter claims; the same names on every page and in the API. */
export const FILTER_KEYS = ["modality", "source", "predicate", "status", "speaker", "time_from", "time_to",
  "min_confidence"];
const FACET_TITLES = { modality: "How it is said", source: "Source", speaker: "Speaker", predicate: "Claim type",
  year: "Year", status: "Status", confidence: "Confidence", polarity: "Polarity" };
const FACET_PARAM = { year: null, confidence: "min_confidence", polarity: null };
const PAGE_SIZE = 25;
const EXPORTS = [["jsonl", "claims JSONL"], ["csv", "CSV tables"], ["ftm", "FollowTheMoney"], ["gexf", "GEXF graph"],
  ["geojson", "GeoJSON"]];

/** The claim filters in a URL query (empty ones dropped). */
export function filtersFrom(query) {
  const out = {};
  for (const key of FILTER_KEYS) if (query.get(key)) out[key] = query.get(key);
  return out;
}

function facetLink(path, query, param, value, label, count) {
  const params = Object.fromEntries(query.entries());
  delete params.coffset;
  const active = query.get(param) === String(value);
  if (active) delete params[param];
  else params[param] = value;
  return h("li", { class: active ? "active" : "" },
    h("a", { href: pageUrl(path, params), class: "facet-value", data: { param, value },
      "aria-current": active ? "true" : null }, label),
    h("span", { class: "count" }, ` ${count}`));
}

function facetBlock(path, query, name, values) {
  if (!values || !values.length) return null;
  const param = name in FACET_PARAM ? FACET_PARAM[name] : name;
  const items = values.map((v) => {
    const label = name === "modality" ? (MODALITY_LABELS[v.value] || v.value)
      : name === "predicate" ? predicateLabel(v.value) : (v.label || v.value);
    if (name === "year") {
      return facetLinkYear(path, query, v);
    }
    if (param === null) return h("li", {}, label, h("span", { class: "count" }, ` ${v.count}`));
    return facetLink(path, query, param, name === "confidence" ? v.min : v.value, label, v.count);
  });
  return h("section", { class: `facet facet-${name}`, "aria-label": FACET_TITLES[name] || name },
    h("h3", {}, FACET_TITLES[name] || name), h("ul", {}, items));
}

function facetLinkYear(path, query, v) {
  const params = Object.fromEntries(query.entries());
  delete params.coffset;
  const active = query.get("time_from") === v.value && query.get("time_to") === v.value;
  if (active) { delete params.time_from; delete params.time_to; } else { params.time_from = v.value; params.time_to = v.value; }
  return h("li", { class: active ? "active" : "" },
    h("a", { href: pageUrl(path, params), class: "facet-value", data: { param: "year", value: v.value } }, v.value),
    h("span", { class: "count" }, ` ${v.count}`));
}

function activeFilters(path, query, filters) {
  const keys = Object.keys(filters);
  if (!keys.length) return null;
  return h("p", { class: "active-filters", id: "active-filters" }, "Filtered by ",
    keys.map((k) => {
      const params = Object.fromEntries(query.entries());
      delete params[k];
      delete params.coffset;
      return h("a", { class: "filter-chip", href: pageUrl(path, params), title: "remove this filter",
        data: { param: k } }, `${k.replace("_", " ")}: ${filters[k]} ×`);
    }));
}

// Rejected claims stay listed (a reviewer may undo a rejection) but no count elsewhere includes them: say so
// beside the total, so "23 claims" on the overview and 24 here do not read as a contradiction.
function rejectedNote(filters, statusFacet) {
  if (filters.status) return null;
  const rejected = (statusFacet || []).find((v) => v.value === "rejected");
  return rejected ? h("span", { class: "count rejected-note" },
    ` · ${rejected.count} rejected, left out of every other count`) : null;
}

/** Links downloading the claims this list shows, in each export format. */
export function exportLinks(params) {
  return h("p", { class: "exports", id: "exports" }, "Download this view: ",
    EXPORTS.map(([fmt, label]) => h("a", { href: pageUrl("/api/export", { ...params, format: fmt }),
      class: "export-link", download: "", data: { format: fmt } }, label)));
}

/**
 * The faceted claim list for a page at `path`: `scope` holds the fixed filter of the page
 * ({entity} or {document}); the URL adds the rest and `coffset` pages the list.
 */
export async function facetedClaims(path, query, scope) {
  const filters = filtersFrom(query);
  const offset = Math.max(0, parseInt(query.get("coffset") || "0", 10) || 0);
  const sort = query.get("sort") || "confidence";
  const params = { ...scope, ...filters };
  const [facets, page] = await Promise.all([
    getJSON("/api/claims/facets", params),
    getJSON("/api/claims", { ...params, limit: PAGE_SIZE, offset, sort }),
  ]);
  const items = page.items || [];
  const total = page.total ?? items.length;
  const sortLinks = [["confidence", "most confident"], ["time", "by time"], ["id", "stable order"]].map(([key, label]) => {
    const p = Object.fromEntries(query.entries());
    p.sort = key;
    delete p.coffset;
    return h("a", { href: pageUrl(path, p), class: key === sort ? "active" : "" }, label);
  });
  const at = (o) => { const p = Object.fromEntries(query.entries()); p.coffset = o; return pageUrl(path, p); };
  const list = h("ul", { class: "claims faceted-list", id: "claim-list" }, items.map((c) => {
    const line = claimLine(c.text || describeClaim(c), c);
    line.querySelector(".claim-meta").appendChild(reviewControls("claim", c.id, (action) => {
      line.classList.toggle("status-rejected", action === "reject");
    }));
    return line;
  }));
  return h("section", { class: "faceted", id: "claims-browser" },
    h("h2", {}, `All claims (${total})`,
      rejectedNote(filters, (facets.facets || {}).status)),
    h("p", { class: "hint" }, "Filter with the counts on the left; every filter is in the address, so a view can be ",
      "bookmarked or shared."),
    tokenBox(),
    activeFilters(path, query, filters),
    h("div", { class: "facet-layout" },
      h("nav", { class: "facets", id: "facets", "aria-label": "Filters" },
        ["modality", "source", "speaker", "predicate", "year", "confidence", "status"]
          .map((name) => facetBlock(path, query, name, (facets.facets || {})[name]))),
      h("div", { class: "facet-results" },
        h("p", { class: "sort" }, "Sort: ", sortLinks),
        exportLinks(params),
        items.length ? list : h("p", { class: "empty" }, "No claim matches these filters."),
        h("div", { class: "pager", id: "claims-pager" },
          offset > 0 ? h("a", { href: at(Math.max(0, offset - PAGE_SIZE)) }, "← previous") : null,
          h("span", {}, total ? `${offset + 1}–${offset + items.length} of ${total}` : "none"),
          offset + items.length < total ? h("a", { href: at(offset + PAGE_SIZE), class: "next" }, "next →") : null))));
}
