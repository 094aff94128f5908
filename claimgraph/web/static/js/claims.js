// How one claim is shown everywhere: its neutral sentence, how it was said, and its passages.
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

/** A neutral sentence for a claim the API gave no text for. */
export function describeClaim(claim) {
  const ev = (claim.evidence || [])[0] || {};
  const source = ev.document || ev.document_id || "A source";
  const verb = { hedged: "says, hedging,", attributed: "reports", speculative: "forecasts or opines",
    negated: "denies", question: "asks whether" }[claim.modality] || "says";
  let who = `${source} ${verb}`;
  if (claim.attributed_to) who = `${source} reports that ${termText(claim.attributed_to)} says`;
  const not = claim.polarity === "negative" ? " NOT" : "";
  return `${who}:${not} ${termText(claim.subject)} ${claim.predicate.replaceAll("_", " ")} ${termText(claim.object)}`;
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
  if (claim.status && claim.status !== "active") {
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

/** Links to every passage a claim comes from. */
export function passageLinks(claim) {
  return (claim.evidence || []).map((ev, i) => h("a", {
    class: "passage-link",
    href: documentHref(ev.document_id, claim.id, ev.start, ev.end),
    title: ev.text || "",
    data: { claimId: claim.id },
  }, `${ev.document || ev.document_id}${claim.evidence.length > 1 ? ` #${i + 1}` : ""}`));
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
  h("div", { class: "claim-meta" }, claimBadges(claim),
    h("span", { class: "passages" }, "passage: ", passageLinks(claim)),
    related(claim)));
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
    h("span", { class: "badge status-superseded" }, "superseded"));
}
