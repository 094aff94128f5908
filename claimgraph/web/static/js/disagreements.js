// Disagreements and changes over time as the conflicts API gives them ({kind, claims, note}): a supersession
// (a later claim ends an earlier one) is a change over time, shown in time order, never as a disagreement.
import { h } from "./dom.js";
import { claimLine, statementText, withLabels } from "./claims.js";

const KIND_LABELS = {
  value: "different values", polarity: "said and denied", qualifier: "different details",
  superseded: "change over time",
};

/** True for a record that is a change over time (a later claim ends an earlier one), not a disagreement. */
export function isChange(conflict) {
  return conflict.kind === "superseded" || conflict.change_over_time === true;
}

/** A conflict kind in words ("value" → "different values"). */
export function kindLabel(kind) {
  return KIND_LABELS[kind] || String(kind || "").replaceAll("_", " ");
}

// the dates a supersession note gives its two claims: "... (as of 2004) is ended by ... (as of 2010) ..."
function notedDate(note, n) {
  const found = [...String(note || "").matchAll(/\(as of ([^)]+)\)/g)].map((m) => m[1]);
  return found[n] && found[n] !== "?" ? found[n] : "";
}

// when a claim says it held: its own stated time, else (marked as such) the date of the report that says it
function heldAt(claim, note, n) {
  const t = (claim.qualifiers || {}).time || {};
  if (t.start || t.text) return t.start || t.text;
  const reported = n > 0 ? notedDate(note, n) : "";  // an earlier claim's report date says nothing of its start
  return reported ? `${reported} or earlier (the date of the report)` : "";
}

function sideOf(lineOf, id) {
  const line = lineOf(id);
  return h("ul", { class: "claims side" },
    line ? claimLine(line.text, line.claim) : h("li", { class: "claim missing" }, `claim ${id}`));
}

/** "Changed: X until DATE, then Y" for a supersession whose two claims are known. */
export function changeTitle(conflict, lineOf) {
  const [oldId, newId] = conflict.claims || [];
  const old = lineOf(oldId)?.claim;
  const next = lineOf(newId)?.claim;
  if (!old || !next) return `Changed over time: ${withLabels(conflict.note)}`;
  const since = heldAt(old, conflict.note, 0);
  const until = heldAt(next, conflict.note, 1);
  return `Changed: ${statementText(old)}${since ? ` (${since})` : ""} until ${until || "a later date"}, `
    + `then ${statementText(next)}${conflict.possible ? " (possibly: a date is missing)" : ""}`;
}

/** One disagreement: what differs, in words, and every side with its passage; none is chosen. */
export function disagreementBlock(conflict, lineOf) {
  return h("div", { class: `conflict kind-${conflict.kind}` },
    h("p", { class: "conflict-note" }, h("span", { class: "badge kind" }, kindLabel(conflict.kind)), " ",
      withLabels(conflict.note)),
    h("div", { class: "side-by-side" }, (conflict.claims || []).map((id) => sideOf(lineOf, id))));
}

/** One change over time: the earlier claim, then the one that ended it, in time order. */
export function changeBlock(conflict, lineOf) {
  return h("div", { class: "change" },
    h("p", { class: "change-title" }, h("span", { class: "badge kind" }, kindLabel("superseded")), " ",
      changeTitle(conflict, lineOf)),
    h("ol", { class: "change-steps" }, (conflict.claims || []).map((id, i) => h("li", {},
      h("span", { class: "step" }, i === 0 ? "Before" : "Then"), sideOf(lineOf, id)))));
}

/** A relation said not to hold for one period and to hold for another ({timeline: [{claim, polarity, start, end}]}). */
export function relationChangeBlock(change, lineOf) {
  const span = (s) => (s.start && s.end ? `${s.start}–${s.end}` : s.start ? `from ${s.start}` : s.end
    ? `until ${s.end}` : "");
  const steps = change.timeline || [];
  const first = lineOf((steps[0] || {}).claim)?.claim;
  const what = first ? statementText(first) : withLabels(`${change.predicate || ""} ${change.object || ""}`);
  return h("div", { class: "change" },
    h("p", { class: "change-title" }, h("span", { class: "badge kind" }, kindLabel("superseded")), " ",
      `Changed: ${what}: `, steps.map((s) => `${s.polarity === "negative" ? "not so" : "so"} ${span(s)}`.trim())
        .join(", then ")),
    h("ol", { class: "change-steps" }, steps.map((s, i) => h("li", {},
      h("span", { class: "step" }, i === 0 ? "Before" : "Then"), sideOf(lineOf, s.claim)))));
}
