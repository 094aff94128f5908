// An entity's profile, Mapping Militants style: every line a cited claim, conflicts side by side.
import { getJSON } from "../api.js";
import { entityHref, h, pageUrl, render } from "../dom.js";
import { claimLine, describeClaim, modalityLegend, termText } from "../claims.js";
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
  const state = { entityId, profile: null, claims: [], claimsTotal: 0, nextOffset: null };
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
  profile.total = page.total;
  state.nextOffset = page.next_offset ?? null;
  const entityKey = profile.entity?.id || state.entityId;
  if (offset === 0 || state.claims.length < state.claimsTotal) {
    try {
      const all = await getJSON("/api/claims", { entity: entityKey, limit: PROFILE_PAGE, offset: state.claims.length });
      state.claims.push(...(all.items || []));
      state.claimsTotal = all.total ?? state.claims.length;
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
        (profile.conflicts || []).length ? ["conflicts", "Disagreements"] : null,
        ...titles.map((t) => [sectionId(t), SECTION_LABELS[t] || t]),
        others.length ? [sectionId("Other claims"), "Other claims"] : null,
        ["relationships", "Relationships"]]),
      overview(entity, allLines, profile.claim_count),
      browser,
      namesSection(entity, profile.aliases || entity.aliases || []),
      conflictsSection(profile.conflicts || [], byId),
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
  // a long list is folded so the profile's sections stay in reach
  const list = h("details", { class: "conflict-list", open: conflicts.length <= OPEN_CONFLICTS },
    h("summary", {}, `${conflicts.length} disagreements: all sides are kept, none is chosen as the truth`),
    conflicts.map((c) => h("div", { class: `conflict kind-${c.kind}` },
      h("p", { class: "conflict-note" }, h("span", { class: "badge kind" }, c.kind), " ", c.note || ""),
      h("div", { class: "side-by-side" }, (c.claims || []).map((id) => {
        const line = byId.get(id);
        return h("ul", { class: "claims side" },
          line ? claimLine(line.text, line.claim) : h("li", { class: "claim missing" }, `claim ${id}`));
      })))));
  return h("section", { class: "conflicts", id: "conflicts" },
    h("h2", {}, `Disagreements between sources (${conflicts.length})`), list);
}

function contents(links) {
  return h("nav", { class: "toc", "aria-label": "Sections" },
    links.filter(Boolean).map(([id, label]) => h("a", { href: `#${id}` }, label)));
}

function sectionId(key) {
  return `section-${key.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

function relationships(entityId, lines) {
  const counterparts = new Map();
  for (const { claim } of lines) {
    const roles = [[claim.subject, claim.predicate], [claim.object, claim.predicate],
      [claim.attributed_to, "source of the claim"]];
    for (const [term, link] of roles) {
      if (!term || typeof term !== "object" || !term.id || term.id === entityId) continue;
      const entry = counterparts.get(term.id) || { term, predicates: new Set(), n: 0 };
      entry.predicates.add(link);
      entry.n += 1;
      counterparts.set(term.id, entry);
    }
  }
  if (!counterparts.size) return null;
  const sorted = [...counterparts.values()].sort((a, b) => b.n - a.n);
  return h("section", { class: "relationships", id: "relationships" },
    h("h2", {}, "Relationships ", h("a", { href: pageUrl("/ui/graph", { entity: entityId }), class: "small" },
      "(open the graph)")),
    h("table", { class: "rel-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "With"), h("th", {}, "Type"), h("th", {}, "Claimed links"),
        h("th", {}, "Claims"))),
      h("tbody", {}, sorted.map(({ term, predicates, n }) => h("tr", {},
        h("td", {}, h("a", { href: entityHref(term.id) }, termText(term))),
        h("td", {}, term.type || ""),
        h("td", {}, [...predicates].map((p) => p.replaceAll("_", " ")).join(", ")),
        h("td", {}, String(n)))))));
}
