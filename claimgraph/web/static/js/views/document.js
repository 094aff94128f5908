// One document as stored, its evidence spans highlighted by modality, errata shown where they apply.
import { getClaim, getJSON } from "../api.js";
import { documentHref, entityHref, h, render, clear, append } from "../dom.js";
import { MODALITY_LABELS, correctionBadge, modalityLegend, predicateLabel, saidVerb, termText } from "../claims.js";
import { facetedClaims } from "../facets.js";

/** A URL shown as a link only when it is a web address (never javascript: or data:). */
function urlLink(url) {
  if (!url) return null;
  let safe = null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") safe = parsed.href;
  } catch (_) { /* not a URL: shown as text */ }
  return safe ? h("a", { href: safe, rel: "noopener noreferrer nofollow", class: "doc-url" }, url)
    : h("span", { class: "doc-url" }, url);
}

/** Draw a document; ?claim=&start=&end= picks the passage to highlight and scroll to. */
export async function showDocument(documentId, query) {
  const doc = await getJSON(`/api/documents/${encodeURIComponent(documentId)}`);
  document.title = `${doc.title || doc.id} — claimgraph`;
  const text = doc.text || "";
  const evidence = (doc.evidence || []).filter((e) => e.end > e.start && e.start >= 0 && e.end <= text.length);
  const target = targetRange(query, evidence);
  const panel = h("aside", { class: "span-panel", id: "span-panel" },
    h("p", { class: "hint" }, "Click a highlighted passage to see the claims it carries."));
  const names = (doc.mentions || []).filter((m) => m.end > m.start && m.start >= 0 && m.end <= text.length);
  const body = h("div", { class: "doc-text", id: "doc-text" }, segments(text, evidence, target, panel, names, doc.id));
  const browser = await facetedClaims(`/ui/document/${encodeURIComponent(doc.id)}`, query, { document: doc.id });
  render(
    h("article", { class: "document", id: "document", data: { documentId: doc.id } },
      h("header", {},
        h("h1", {}, doc.title || doc.id),
        h("dl", { class: "doc-meta", id: "doc-meta" },
          h("dt", {}, "Source"), h("dd", {}, doc.outlet || doc.source || "unknown"),
          h("dt", {}, "Published"), h("dd", {}, doc.published || "no date given"),
          h("dt", {}, "Address"), h("dd", {}, urlLink(doc.url) || "none stored"),
          h("dt", {}, "File"), h("dd", {}, doc.source || ""),
          h("dt", {}, "Evidence"), h("dd", {}, `${evidence.length} passages, ${names.length} names marked`))),
      h("p", { class: "banner", role: "note" },
        "Highlighted passages are where this document makes a claim; the colour says how it is made."),
      modalityLegend(),
      errata(evidence),
      h("div", { class: "doc-layout" }, body, panel),
      mentionsSection(doc.mentions || []),
      browser),
  );
  const first = body.querySelector("mark.target");
  if (first) {
    first.scrollIntoView({ block: "center" });
    first.focus({ preventScroll: true });
    showClaims(panel, evidenceAt(evidence, target.start, target.end, target.claim), doc.id);
  }
}

function targetRange(query, evidence) {
  const claim = query.get("claim") || "";
  let start = parseInt(query.get("start") ?? "", 10);
  let end = parseInt(query.get("end") ?? "", 10);
  if (Number.isNaN(start) || Number.isNaN(end)) {
    const ev = evidence.find((e) => e.claim_id === claim);
    if (!ev) return { claim, start: -1, end: -1 };
    ({ start, end } = ev);
  }
  return { claim, start, end };
}

function evidenceAt(evidence, a, b, preferredClaim) {
  const covering = evidence.filter((e) => e.start <= a && e.end >= b);
  return covering.sort((x, y) => (y.claim_id === preferredClaim) - (x.claim_id === preferredClaim)
    || (x.end - x.start) - (y.end - y.start));
}

// Split the text at every span edge; each piece is a text node or a <mark> over it.
function segments(text, evidence, target, panel, names = [], documentId = "") {
  const edges = new Set([0, text.length]);
  for (const e of evidence) { edges.add(e.start); edges.add(e.end); }
  for (const m of names) { edges.add(m.start); edges.add(m.end); }
  if (target.start >= 0 && target.end <= text.length) { edges.add(target.start); edges.add(target.end); }
  const cuts = [...edges].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const named = names.find((m) => m.start <= a && m.end >= b);
    const piece = named ? h("span", { class: `name type-${named.type || "Other"}`, title: named.type || "",
      data: { entity: named.entity_id || "" } }, text.slice(a, b)) : document.createTextNode(text.slice(a, b));
    const covering = evidenceAt(evidence, a, b, target.claim);
    const inTarget = a >= target.start && b <= target.end && target.start >= 0;
    if (!covering.length && !inTarget) {
      out.push(piece);
      continue;
    }
    const main = covering[0] || {};
    const classes = ["ev", `mod-${main.modality || "asserted"}`];
    if (inTarget) classes.push("target");
    if (covering.some((e) => e.correction)) classes.push("corrected");
    if (covering.some((e) => e.polarity === "negative")) classes.push("negative");
    if (covering.some((e) => e.status === "superseded")) classes.push("superseded");
    const open = () => showClaims(panel, covering, documentId);
    const mark = h("mark", {
      class: classes.join(" "),
      tabindex: "0",
      role: "button",
      title: covering.map((e) => `${predicateLabel(e.predicate)} (${MODALITY_LABELS[e.modality] || e.modality})`).join("; "),
      data: { claims: covering.map((e) => e.claim_id).join(" "), start: a, end: b },
      on: { click: open, keydown: (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(); } } },
    }, piece);
    out.push(mark);
  }
  return out;
}

function showClaims(panel, covering, documentId) {
  clear(panel);
  if (!covering.length) {
    append(panel, h("p", { class: "hint" }, "No claim is attached to this passage."));
    return;
  }
  append(panel, h("h2", {}, `Claims in this passage (${covering.length})`),
    h("ul", { class: "claims" }, covering.map((e) => {
      const elsewhere = h("div", { class: "elsewhere", data: { claimId: e.claim_id } });
      otherDocuments(elsewhere, e.claim_id, documentId);
      return h("li", { class: `claim mod-${e.modality}`, data: { claimId: e.claim_id } },
        h("div", { class: "claim-main" }, saidBy(e), term(e.subject), " ",
          h("strong", {}, predicateLabel(e.predicate)), " ", term(e.object)),
        h("div", { class: "claim-meta" },
          h("span", { class: `badge mod-${e.modality}` }, attributedLabel(e)),
          e.attributed_to ? h("span", { class: "speaker" }, "speaker: ", term(e.attributed_to)) : null,
          e.polarity === "negative" ? h("span", { class: "badge polarity-negative" }, "negative") : null,
          e.status && e.status !== "active" ? h("span", { class: `badge status-${e.status}` }, e.status) : null,
          typeof e.confidence === "number" ? h("span", { class: "badge confidence" }, `conf. ${e.confidence.toFixed(2)}`)
            : null,
          e.time ? h("span", { class: "when" }, `time: ${e.time.text || e.time.start || ""}`) : null,
          e.correction ? correctionBadge(e.correction) : null),
        elsewhere);
    })));
}

// "Who else says this?": the other documents carrying the same claim, one click away.
async function otherDocuments(el, claimId, documentId) {
  const claim = await getClaim(claimId);
  if (!claim) return;
  const others = (claim.evidence || []).filter((ev) => ev.document_id !== documentId);
  const corr = claim.corroboration || {};
  append(el, others.length
    ? [h("span", { class: "hint" }, `Also in ${new Set(others.map((o) => o.document_id)).size} other documents `,
      `(${corr.independent_sources ?? "?"} independent sources): `),
    others.map((ev) => h("a", { href: documentHref(ev.document_id, claimId, ev.start, ev.end), class: "other-doc" },
      ev.document || ev.document_id))]
    : h("span", { class: "hint" }, "No other document carries this claim."));
}

// "Denies: ", "Harlan Voss says (hedged): ": how the passage puts the claim, so a denial never reads as an assertion
function saidBy(e) {
  const verb = saidVerb(e);
  const sep = verb.endsWith("whether") ? " " : ": ";
  if (e.attributed_to) return h("span", { class: "said" }, term(e.attributed_to), ` ${verb}${sep}`);
  return h("span", { class: "said" }, `${verb[0].toUpperCase()}${verb.slice(1)}${sep}`);
}

function attributedLabel(e) {
  const label = MODALITY_LABELS[e.modality] || e.modality;
  if (e.attributed_to) return `attributed to ${termText(e.attributed_to)}`;
  return label;
}

function term(t) {
  if (t && typeof t === "object" && t.id) return h("a", { href: entityHref(t.id), class: "entity-ref" }, termText(t));
  return h("span", { class: "literal" }, termText(t));
}

function errata(evidence) {
  const seen = new Set();
  const corrected = evidence.filter((e) => e.correction && !seen.has(e.claim_id) && seen.add(e.claim_id));
  if (!corrected.length) return null;
  return h("section", { class: "errata", id: "errata" },
    h("h2", {}, "Errata"),
    h("p", { class: "hint" }, "This document corrects some of its own statements; both versions are kept."),
    h("ul", {}, corrected.map((e) => h("li", {},
      termText(e.subject), " ", predicateLabel(e.predicate), ": ",
      correctionBadge(e.correction), " ",
      h("button", { type: "button", class: "link", on: { click: () => jumpTo(e) } }, "show passage")))));
}

function jumpTo(e) {
  const mark = document.querySelector(`mark.ev[data-start="${e.start}"]`);
  if (mark) {
    mark.scrollIntoView({ block: "center" });
    mark.click();
  }
}

function mentionsSection(mentions) {
  const seen = new Map();
  for (const m of mentions) {
    const id = m.entity_id || m.id;
    if (!id) continue;
    const entry = seen.get(id) || { id, name: m.name || m.text, type: m.type, n: 0 };
    entry.n += 1;
    seen.set(id, entry);
  }
  if (!seen.size) return null;
  return h("section", { class: "mentions", id: "mentions" }, h("h2", {}, "Named in this document"),
    h("ul", { class: "chips" }, [...seen.values()].sort((a, b) => b.n - a.n).map((e) => h("li", {},
      h("a", { href: entityHref(e.id) }, e.name), h("span", { class: "count" }, ` ${e.n}`)))));
}
