// How one claim is shown everywhere: its neutral sentence, how it was said, and its passages.
import { getJSON } from "./api.js";
import { h, documentHref, entityHref } from "./dom.js";

export const MODALITY_LABELS = {
  asserted: "asserted",
  hedged: "hedged",
  attributed: "attributed",
  speculative: "forecast / speculative",
  negated: "denied",
  question: "question",
};

/** The name or value a claim's subject or object stands for. */
export function termText(term) {
  if (term === null || term === undefined) return "?";
  if (typeof term === "string") return term;
  if (term.name) return term.name;
  if (term.id) return term.id;
  if (term.value !== undefined) return String(term.value);
  return "?";
}

// Predicate labels from the registry (GET /api/predicates), read once before a view draws.
const PREDICATE_LABELS = new Map();

/** Read the registry's predicate labels once (the views draw after it; a failure leaves names in words). */
export async function loadPredicates() {
  if (PREDICATE_LABELS.size) return;
  try {
    const data = await getJSON("/api/predicates");
    for (const p of data.items || []) PREDICATE_LABELS.set(p.name, p.label);
  } catch (_) { /* names with spaces stand in */ }
}

/** A predicate in words: the registry's label, else its name with spaces. */
export function predicateLabel(name) {
  return PREDICATE_LABELS.get(name) || String(name || "").replaceAll("_", " ");
}

/** A text with every predicate id it names (founded_in, has_base) written as its label. */
export function withLabels(text) {
  return String(text || "").replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g,
    (id) => (PREDICATE_LABELS.has(id) ? predicateLabel(id) : id));
}

/** True for a claim that says something is not so (denied, or negative polarity). */
export function isDenial(claim) {
  return claim.polarity === "negative" || claim.modality === "negated";
}

/** "subject predicate object", no source and no negation (claimgraph.profile.statement). */
export function statementText(claim) {
  const obj = claim.object;
  let target;
  if (obj && typeof obj === "object" && (obj.name !== undefined || obj.id)) target = obj.name || "an unnamed target";
  else if (obj && typeof obj === "object" && obj.type === "text") target = `\u201c${obj.value}\u201d`;
  else target = obj === null || obj === undefined ? "an unnamed target" : termText(obj);
  const subject = (claim.subject && claim.subject.name) || termText(claim.subject);
  return `${subject} ${predicateLabel(claim.predicate)} ${target}`;
}

/** How the source put it, as a verb: one wording per modality and polarity (claimgraph.profile._said). */
export function saidVerb(claim) {
  const negative = isDenial(claim);
  if (claim.modality === "speculative") return negative ? "considers unlikely" : "expects or considers possible";
  if (claim.modality === "question") return "asks whether";
  const verb = negative ? "denies" : "says";
  return claim.modality === "hedged" ? `${verb} (hedged)` : verb;
}

/** The one word a timeline item or list line shows for how a claim was made (colour is never the only cue). */
export function modalityWord(claim) {
  if (isDenial(claim)) return claim.modality === "hedged" ? "denied (hedged)" : "denied";
  if (claim.attributed_to || claim.modality === "attributed") return "attributed";
  return { speculative: "forecast", hedged: "hedged", question: "question" }[claim.modality] || "asserted";
}

/** A neutral sentence for a claim the API gave no text for: "S says: X", "S denies: X" ... */
export function describeClaim(claim) {
  const ev = (claim.evidence || [])[0] || {};
  const source = ev.document || ev.document_id || "a source";
  const said = saidVerb(claim);
  let who = `${source} ${said}`;
  if (claim.attributed_to) who = `${source} reports that ${termText(claim.attributed_to)} ${said}`;
  return `${who}${said.endsWith("whether") ? " " : ": "}${statementText(claim)}`;
}

/** A time qualifier as text ("1986-03", "1979–1981"). */
export function timeText(claim) {
  const t = (claim.qualifiers || {}).time;
  if (!t) return "";
  return t.text || [t.start, t.end].filter(Boolean).join("–");
}

/** The small labels that say how a claim was made: modality, speaker, polarity, status, erratum. */
export function claimBadges(claim) {
  const badges = [];
  const modality = claim.modality || "asserted";
  let label = MODALITY_LABELS[modality] || modality;
  if (modality === "attributed" || claim.attributed_to) {
    label = claim.attributed_to ? `attributed to ${termText(claim.attributed_to)}` : "attributed";
    const via = (claim.qualifiers || {}).via;
    if (via) label += ` (via ${termText(via)})`;
  }
  badges.push(h("span", { class: `badge mod-${modality}`, title: `modality: ${modality}` }, label));
  if (claim.polarity === "negative") {
    badges.push(h("span", { class: "badge polarity-negative", title: "negative polarity" }, "negative"));
  }
  if (claim.status === "superseded") {
    badges.push(h("span", { class: "badge status-superseded", title: "a later claim ended it: a change over time, "
      + "not a sign that it was false" }, "ended later"));
  } else if (claim.status && claim.status !== "active") {
    badges.push(h("span", { class: `badge status-${claim.status}` }, claim.status));
  }
  const correction = (claim.qualifiers || {}).correction;
  if (correction) badges.push(correctionBadge(correction));
  const corr = claim.corroboration || {};
  if ((corr.documents || 1) > 1) {
    badges.push(h("span", { class: "badge corroboration", title: "documents / independent sources" },
      `${corr.documents} documents, ${corr.independent_sources ?? "?"} independent`));
  }
  if (typeof claim.confidence === "number") {
    badges.push(h("span", { class: "badge confidence", title: "extraction confidence" },
      `conf. ${claim.confidence.toFixed(2)}`));
  }
  return badges;
}

/** "corrected: from → to" for an erratum. */
export function correctionBadge(correction) {
  return h("span", { class: "badge correction", title: correction.evidence || "erratum" },
    "corrected: ", h("del", {}, String(correction.from ?? "?")), " → ", h("ins", {}, String(correction.to ?? "?")));
}

const QUOTES_SHOWN = 3;

/** One passage quoted exactly (the stored text at the evidence offsets), its source and a link to it in the document. */
export function passageQuote(claim, ev, i) {
  const many = (claim.evidence || []).length > 1;
  return h("figure", { class: "passage", data: { start: ev.start, end: ev.end, documentId: ev.document_id } },
    h("blockquote", { class: "passage-text" }, ev.text || ""),
    h("figcaption", {}, h("span", { class: "passage-source" }, ev.document || ev.document_id), " · ",
      h("a", { class: "passage-link", href: documentHref(ev.document_id, claim.id, ev.start, ev.end),
        data: { claimId: claim.id } }, `read in the document${many ? ` (passage ${i + 1})` : ""}`)));
}

/** Every passage a claim comes from, quoted; past the first few they fold away. */
export function passageQuotes(claim) {
  const all = claim.evidence || [];
  if (!all.length) return null;
  const shown = all.slice(0, QUOTES_SHOWN).map((ev, i) => passageQuote(claim, ev, i));
  const rest = all.slice(QUOTES_SHOWN);
  return h("div", { class: "passages" }, shown, rest.length ? h("details", { class: "more-passages" },
    h("summary", {}, `${rest.length} more passage${rest.length > 1 ? "s" : ""}`),
    rest.map((ev, i) => passageQuote(claim, ev, i + QUOTES_SHOWN))) : null);
}

/** One profile line: the neutral sentence (a link to its first passage), badges and passages. */
export function claimLine(text, claim) {
  const first = (claim.evidence || [])[0];
  const sentence = first
    ? h("a", { class: "claim-text", href: documentHref(first.document_id, claim.id, first.start, first.end),
      data: { claimId: claim.id } }, text || describeClaim(claim))
    : h("span", { class: "claim-text" }, text || describeClaim(claim));
  const when = timeText(claim);
  return h("li", { class: `claim mod-${claim.modality} status-${claim.status || "active"}`,
    data: { claimId: claim.id, predicate: claim.predicate } },
  h("div", { class: "claim-main" }, when ? h("span", { class: "when" }, when) : null, sentence),
  h("div", { class: "claim-meta" }, claimBadges(claim), related(claim)),
  passageQuotes(claim));
}

function related(claim) {
  const refs = [claim.subject, claim.object, claim.attributed_to]
    .filter((t) => t && typeof t === "object" && t.id);
  return h("span", { class: "related" }, refs.map((r) => h("a", { href: entityHref(r.id), class: "entity-ref" },
    termText(r))));
}

/** A colour legend for modalities. */
export function modalityLegend() {
  return h("div", { class: "legend", "aria-label": "Modality colours" },
    Object.entries(MODALITY_LABELS).map(([m, label]) => h("span", { class: `badge mod-${m}` }, label)),
    h("span", { class: "badge polarity-negative" }, "negative"),
    h("span", { class: "badge status-superseded" }, "ended later"));
}
