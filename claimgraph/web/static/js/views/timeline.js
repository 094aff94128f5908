// Dated claims on a vis-timeline (standalone build); items are DOM nodes, never HTML strings.
import { getClaim, getJSON } from "../api.js";
import { h, render, clear, append } from "../dom.js";
import { loadLib } from "../loader.js";
import { claimLine, modalityLegend, termText } from "../claims.js";
import { entityName, entityPicker } from "../picker.js";

/** "1986-03" → a Date at the start of that period (UTC); null when it is not a date. */
export function isoPrefixToDate(value) {
  if (!value) return null;
  const m = String(value).match(/^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/);
  if (!m) return null;
  const date = new Date(Date.UTC(0, (Number(m[2]) || 1) - 1, Number(m[3]) || 1));
  date.setUTCFullYear(Number(m[1]));
  return date;
}

/** A short label: "subject predicate object", NOT for negative polarity. */
function itemLabel(item) {
  const subject = termText(item.subject);
  const object = item.object ? ` ${termText(item.object)}` : "";
  if (!item.subject) return item.text || item.predicate;
  const not = item.polarity === "negative" ? "NOT " : "";
  return `${item.time_text || item.start || ""}: ${not}${subject} ${(item.predicate || "").replaceAll("_", " ")}${object}`;
}

/** Draw the timeline of claims, for one entity (?entity=) or all. */
export async function showTimeline(query) {
  const entityId = query.get("entity") || "";
  document.title = "Timeline — claimgraph";
  const [data, current] = await Promise.all([
    getJSON("/api/timeline", { entity: entityId }),
    entityName(entityId),
    loadLib("timeline"),
  ]);
  const items = data.items || [];
  const dated = [];
  const undated = [];
  for (const item of items) {
    // an open start ("before 1979") is drawn as a point at its end
    const start = isoPrefixToDate(item.start) || isoPrefixToDate(item.end);
    if (!start) { undated.push(item); continue; }
    const end = item.start ? isoPrefixToDate(item.end) : null;
    dated.push({
      id: item.claim_id,
      start,
      end: end && end > start ? end : undefined,
      type: end && end > start ? "range" : "point",
      className: `mod-${item.modality}`,
      content: h("span", { class: "tl-item" }, itemLabel(item)),
    });
  }
  const container = h("div", { class: "timeline", id: "timeline" });
  const detail = h("div", { class: "timeline-detail", id: "timeline-detail" },
    h("p", { class: "hint" }, "Select an item to see the claim and open its passage."));
  render(
    h("h1", {}, "Timeline", current ? `: ${current.name}` : ""),
    entityPicker("/ui/timeline", current),
    modalityLegend(),
    dated.length ? container : h("p", { class: "empty" }, "No dated claim to show."),
    dated.length ? detail : null,
    undated.length ? h("section", { class: "undated" }, h("h2", {}, `Claims with no date (${undated.length})`),
      h("ul", {}, undated.map((i) => h("li", { class: `mod-${i.modality}` }, i.text || i.predicate)))) : null,
  );
  if (!dated.length) return;
  const { Timeline, DataSet } = window.vis;
  const times = dated.flatMap((d) => [d.start, d.end].filter(Boolean)).map((d) => d.getTime());
  const pad = Math.max((Math.max(...times) - Math.min(...times)) * 0.06, 365 * 864e5);
  const timeline = new Timeline(container, new DataSet(dated), {
    start: new Date(Math.min(...times) - pad), end: new Date(Math.max(...times) + pad),
    stack: true, zoomable: true, horizontalScroll: true, zoomKey: "ctrlKey", maxHeight: 520,
    orientation: { axis: "top" }, margin: { item: 6 },
  });
  timeline.on("select", async ({ items: selected }) => {
    if (!selected.length) return;
    const claim = await getClaim(selected[0]);
    const item = items.find((i) => i.claim_id === selected[0]);
    clear(detail);
    if (claim) append(detail, h("ul", { class: "claims" }, claimLine(item ? item.text : null, claim)));
    else append(detail, h("p", {}, item ? item.text : selected[0]));
  });
}
