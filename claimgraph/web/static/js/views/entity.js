// An entity's profile, Mapping Militants style: every line a cited claim, conflicts side by side.
import { getJSON } from "../api.js";
import { entityHref, h, pageUrl, render } from "../dom.js";
import { claimLine, describeClaim, isDenial, modalityLegend, predicateLabel, termText } from "../claims.js";
import { changeBlock, disagreementBlock, isChange, relationChangeBlock } from "../disagreements.js";
import { facetedClaims, filtersFrom } from "../facets.js";
import { curationBox } from "../review.js";

// Profile section titles as the API names them, in the order a reader expects them.
const SECTION_ORDER = [
  "Founding", "Founders and leaders", "Ideology", "Bases", "Supporters and allies", "Adversaries",
  "Designations", "Events", "Memberships and statements",
];
const OPEN_CONFLICTS = 4;
const PROFILE_PAGE = 100;  // claims a profile page reads (the API's default page)
const SECTION_LABELS = {
  "Founding": "Founding", "Founders and leaders": "Founders and leaders", "Events": "Major events",
};

/** Draw the profile of one entity: its first page of claims, with a "more" control while pages remain. */
export async function showEntity(entityId, query = new URLSearchParams()) {
  const state = { entityId, profile: null, claims: [], claimsTotal: 0, claimsCursor: null, nextOffset: null };
  await loadPage(state, 0);
  const entityKey = state.profile.entity?.id || entityId;
  const path = `/ui/entity/${encodeURIComponent(entityKey)}`;
  const browser = await facetedClaims(path, query, { entity: entityKey });
  draw(state, browser, query);
}

/** Read one page of the profile (and of the entity's claims, for those no section covers) into `state`. */
async function loadPage(state, offset) {
  const page = await getJSON(`/api/entities/${encodeURIComponent(state.entityId)}/profile`,
    { limit: PROFILE_PAGE, offset });
  if (!state.profile) state.profile = { ...page, sections: {}, conflicts: [], changes: [] };
  const profile = state.profile;
  for (const [title, lines] of Object.entries(page.sections || {})) {
    profile.sections[title] = [...(profile.sections[title] || []), ...lines];
  }
  // a conflict or change naming claims of two pages comes with both: kept once
  const known = new Set(profile.conflicts.map((c) => `${c.kind}|${(c.claims || []).join(",")}`));
  for (const c of page.conflicts || []) {
    const key = `${c.kind}|${(c.claims || []).join(",")}`;
    if (!known.has(key)) { known.add(key); profile.conflicts.push(c); }
  }
  const changed = new Set(profile.changes.map((c) => (c.claims || []).join(",")));
  for (const c of page.changes || []) {
    const key = (c.claims || []).join(",");
    if (!changed.has(key)) { changed.add(key); profile.changes.push(c); }
  }
  profile.total = page.total;
  state.nextOffset = page.next_offset ?? null;
  const entityKey = profile.entity?.id || state.entityId;
  // the entity's claim list is walked by cursor (the page after the last claim read), counted once
  if (offset === 0 || state.claimsCursor) {
    try {
      const all = await getJSON("/api/claims", { entity: entityKey, limit: PROFILE_PAGE,
        ...(state.claimsCursor ? { cursor: state.claimsCursor, total: false } : {}) });
      state.claims.push(...(all.items || []));
      if (offset === 0) state.claimsTotal = all.total ?? state.claims.length;
      state.claimsCursor = all.next_cursor ?? null;
    } catch (_) { /* the profile alone is enough */ }
  }
}

function draw(state, browser, query) {
  const profile = state.profile;
  const entity = { id: state.entityId, type: "Other", ...(profile.entity || {}) };
  entity.name = entity.name || "an unnamed actor";
  const entityKey = entity.id || state.entityId;
  document.title = `${entity.name} — claimgraph`;
  const sections = profile.sections || {};
  const byId = new Map();
  let lastShown = "";
  for (const lines of Object.values(sections)) {
    for (const line of lines) {
      byId.set(line.claim.id, line);
      if (line.claim.id > lastShown) lastShown = line.claim.id;
    }
  }
  // Claims whose predicate no profile section covers are still shown, under "Other claims"; while profile
  // pages remain, only those before the last claim shown (a later page may yet hold the others in a section).
  const others = state.claims.filter((c) => !byId.has(c.id) && c.status !== "rejected"
      && (state.nextOffset === null || c.id <= lastShown))
    .map((c) => ({ text: describeClaim(c), claim: c }));
  for (const line of others) byId.set(line.claim.id, line);

  const titles = [...SECTION_ORDER.filter((t) => sections[t]),
    ...Object.keys(sections).filter((t) => !SECTION_ORDER.includes(t))];
  const allLines = [...byId.values()];
  const shared = filtersFrom(query);
  render(
    h("article", { class: "profile", id: "profile", data: { entityId: entityKey } },
      h("header", { class: "profile-head" },
        h("h1", {}, entity.name),
        h("span", { class: `type type-${entity.type}` }, entity.type),
        h("nav", { class: "profile-links" },
          h("a", { href: pageUrl("/ui/graph", { entity: entityKey, ...shared }), id: "to-graph" }, "relationship graph"),
          h("a", { href: pageUrl("/ui/timeline", { entity: entityKey, ...shared }), id: "to-timeline" }, "timeline"),
          h("a", { href: pageUrl("/ui/map", { entity: entityKey, ...shared }), id: "to-map" }, "map"))),
      h("p", { class: "banner", role: "note" },
        "Each line below is what a source claims, not a fact. Click a line to read the passage it comes from."),
      modalityLegend(),
      contents([["overview", "Overview"], ["claims-browser", "All claims"], ["names", "Names"],
        (profile.conflicts || []).some((c) => !isChange(c)) ? ["conflicts", "Disagreements"] : null,
        (profile.conflicts || []).some(isChange) || (profile.changes || []).length ? ["changes", "Changes over time"]
          : null,
        (profile.reference || []).length ? ["reference", "Reference data"] : null,
        ...titles.map((t) => [sectionId(t), SECTION_LABELS[t] || t]),
        others.length ? [sectionId("Other claims"), "Other claims"] : null,
        ["relationships", "Relationships"]]),
      overview(entity, allLines, profile.claim_count),
      browser,
      namesSection(entity, profile.aliases || entity.aliases || []),
      conflictsSection((profile.conflicts || []).filter((c) => !isChange(c)), byId),
      changesSection((profile.conflicts || []).filter(isChange), profile.changes || [], byId),
      referenceSection(profile.reference || []),
      titles.map((t) => claimSection(t, SECTION_LABELS[t] || t, sections[t])),
      others.length ? claimSection("Other claims", "Other claims", others) : null,
      moreControl(state, browser, query),
      relationships(entityKey, allLines),
      curationBox({ id: entityKey, name: entity.name }, (profile.aliases || entity.aliases || [])
        .filter((a) => a !== entity.name)),
      allLines.length ? null : h("p", { class: "empty" }, "No source makes a claim about this entity yet.")),
  );
}

/** "N of M claims shown" and a button reading the next page into the profile, while pages remain. */
function moreControl(state, browser, query) {
  const total = state.profile.total ?? 0;
  if (state.nextOffset === null) return null;
  const shown = state.nextOffset;
  const button = h("button", { type: "button", id: "more-claims" }, `Show ${Math.min(PROFILE_PAGE, total - shown)} more`);
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = "Reading…";
    const y = window.scrollY;
    try {
      await loadPage(state, state.nextOffset);
    } catch (err) {
      button.disabled = false;
      button.textContent = `Could not read more claims (${err.message}); try again`;
      return;
    }
    draw(state, browser, query);
    window.scrollTo(0, y);  // the reader stays where the new lines begin
    document.getElementById("more-claims")?.focus();
  });
  return h("nav", { class: "more-claims", id: "profile-more", "aria-label": "More claims" },
    h("span", { id: "profile-shown" }, `${shown} of ${total} claims shown. `), button);
}

// `count` is the server's one claim count of the entity (the entity list and search show the same number)
function overview(entity, lines, count) {
  const docs = new Set();
  const sources = new Set();
  const modalities = {};
  for (const { claim } of lines) {
    for (const ev of claim.evidence || []) {
      docs.add(ev.document_id);
      sources.add(ev.document || ev.document_id);
    }
    modalities[claim.modality] = (modalities[claim.modality] || 0) + 1;
  }
  const geo = entity.geo;
  return h("section", { class: "overview", id: "overview" },
    h("h2", {}, "Overview"),
    h("dl", {},
      h("dt", {}, "Type"), h("dd", {}, entity.type),
      h("dt", {}, "Claims"), h("dd", { id: "claim-count" }, `${count ?? lines.length} (${Object.entries(modalities)
        .map(([m, n]) => `${n} ${m}`).join(", ") || "none"})`),
      h("dt", {}, "Documents"), h("dd", {}, `${docs.size}: ${[...sources].slice(0, 8).join(", ")}`),
      geo ? [h("dt", {}, "Location"), h("dd", {},
        `${Number(geo.lat).toFixed(3)}, ${Number(geo.lon).toFixed(3)}`,
        geo.uncertainty_km ? ` (± ${geo.uncertainty_km} km, ${geo.method || "?"})` : "",
        " ", h("a", { href: pageUrl("/ui/map", { entity: entity.id }) }, "on the map"))] : null));
}

function namesSection(entity, aliases) {
  const names = [entity.name, ...aliases.filter((a) => a !== entity.name)];
  return h("section", { class: "names", id: "names" }, h("h2", {}, "Names"),
    h("ul", { class: "name-list" }, names.map((n) => h("li", {}, n))));
}

function claimSection(key, label, lines) {
  const id = sectionId(key);
  return h("section", { class: "claims-section", id },
    h("h2", {}, label, h("span", { class: "count" }, ` (${lines.length})`)),
    h("ul", { class: "claims" }, lines.map((line) => claimLine(line.text, line.claim))));
}

function conflictsSection(conflicts, byId) {
  if (!conflicts.length) return null;
  const lineOf = (id) => byId.get(id) || null;
  // a long list is folded so the profile's sections stay in reach
  const list = h("details", { class: "conflict-list", open: conflicts.length <= OPEN_CONFLICTS },
    h("summary", {}, `${conflicts.length} disagreements: all sides are kept, none is chosen as the truth`),
    conflicts.map((c) => disagreementBlock(c, lineOf)));
  return h("section", { class: "conflicts", id: "conflicts" },
    h("h2", {}, `Disagreements between sources (${conflicts.length})`), list);
}

// a later claim ending an earlier one, or a relation denied for one period and said for another: no disagreement
function changesSection(superseded, changes, byId) {
  const n = superseded.length + changes.length;
  if (!n) return null;
  const lineOf = (id) => byId.get(id) || null;
  return h("section", { class: "changes", id: "changes" },
    h("h2", {}, `Changes over time (${n})`),
    h("details", { class: "change-list", open: n <= OPEN_CONFLICTS },
      h("summary", {}, `${n} changes: the earlier claim held until a later one ended it; neither is shown as false`),
      superseded.map((c) => changeBlock(c, lineOf)), changes.map((c) => relationChangeBlock(c, lineOf))));
}

// gazetteer and built-in tables: what the software knows, never what a document says
function referenceSection(reference) {
  if (!reference.length) return null;
  return h("section", { class: "reference", id: "reference" },
    h("h2", {}, "Reference data", h("span", { class: "count" }, ` (${reference.length})`)),
    h("p", { class: "note", role: "note" }, "From the built-in gazetteer and reference tables, not from any document: ",
      "no source is cited for these."),
    h("ul", { class: "reference-list" }, reference.map((r) => {
      const fact = r.fact || {};
      const provenance = fact.provenance || {};
      return h("li", { class: "reference-fact", data: { factId: fact.id || "" } },
        h("span", { class: "badge reference-source", title: provenance.rule ? `rule: ${provenance.rule}` : "" },
          provenance.source || "reference"), " ",
        fact.subject && fact.object ? [h("a", { href: entityHref(fact.subject.id) }, termText(fact.subject)), " ",
          predicateLabel(fact.predicate), " ", fact.object.id ? h("a", { href: entityHref(fact.object.id) },
            termText(fact.object)) : termText(fact.object)] : r.text);
    })));
}

function contents(links) {
  return h("nav", { class: "toc", "aria-label": "Sections" },
    links.filter(Boolean).map(([id, label]) => h("a", { href: `#${id}` }, label)));
}

function sectionId(key) {
  return `section-${key.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

function relationships(entityId, lines) {
  // a denial is no link: its counterparts are listed apart, as what a source says is not so
  const links = new Map();
  const denials = new Map();
  const add = (table, term, link) => {
    if (!term || typeof term !== "object" || !term.id || term.id === entityId) return;
    const entry = table.get(term.id) || { term, predicates: new Set(), n: 0 };
    entry.predicates.add(link);
    entry.n += 1;
    table.set(term.id, entry);
  };
  for (const { claim } of lines) {
    const table = isDenial(claim) ? denials : links;
    add(table, claim.subject, predicateLabel(claim.predicate));
    add(table, claim.object, predicateLabel(claim.predicate));
    add(links, claim.attributed_to, "source of a claim");  // the speaker did speak, whatever it said
  }
  if (!links.size && !denials.size) return null;
  const table = (id, counted, entries, head) => h("table", { class: "rel-table", id },
    h("thead", {}, h("tr", {}, h("th", {}, "With"), h("th", {}, "Type"), h("th", {}, head), h("th", {}, counted))),
    h("tbody", {}, [...entries.values()].sort((a, b) => b.n - a.n).map(({ term, predicates, n }) => h("tr", {},
      h("td", {}, h("a", { href: entityHref(term.id) }, termText(term))),
      h("td", {}, term.type || ""),
      h("td", {}, [...predicates].join(", ")),
      h("td", {}, String(n))))));
  return h("section", { class: "relationships", id: "relationships" },
    h("h2", {}, "Relationships ", h("a", { href: pageUrl("/ui/graph", { entity: entityId }), class: "small" },
      "(open the graph)")),
    links.size ? table("rel-links", "Claims", links, "Claimed links") : h("p", { class: "empty" },
      "No source claims a link with another entity."),
    denials.size ? [h("h3", { id: "denials" }, `Denials (${denials.size}): not counted as relationships`),
      h("p", { class: "hint" }, "A source says these links do not hold."),
      table("rel-denials", "Denials", denials, "Denied links")] : null);
}
