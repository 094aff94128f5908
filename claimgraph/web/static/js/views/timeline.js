// Claims on a vis-timeline: partial and relative times drawn as spans with their uncertainty,
// the source named on every item, the same filters as the map, and a keyboard-usable list.
import { getClaim, getJSON } from "../api.js";
import { documentHref, h, pageUrl, render, clear, append } from "../dom.js";
import { loadLib } from "../loader.js";
import { claimLine, isDenial, modalityLegend, modalityWord, statementText } from "../claims.js";
import { entityName, entityPicker } from "../picker.js";
import { filtersFrom } from "../facets.js";

// placed items a page of the timeline reads (the API's default); "Show more" reads the next page by cursor
const TIMELINE_PAGE = 100;

/** "1986-03" → a Date at the start of that period (UTC); null when it is not a date. */
export function isoPrefixToDate(value) {
  if (!value) return null;
  const m = String(value).match(/^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/);
  if (!m) return null;
  const date = new Date(Date.UTC(0, (Number(m[2]) || 1) - 1, Number(m[3]) || 1));
  date.setUTCFullYear(Number(m[1]));
  return date;
}

/** A short label: "time: subject predicate object" (how it was said is the word modalityTag writes). */
export function itemLabel(item) {
  const what = item.subject ? statementText(item) : (item.text || item.predicate);
  return `${item.time_text || item.start || ""}: ${what}`;
}

/** The word for how an item was said, so the timeline reads without its colours ("hedged", "denied"). */
function modalityTag(item) {
  const word = modalityWord(item);
  return h("span", { class: `tl-mod mod-${isDenial(item) ? "negated" : item.modality}` }, word);
}

/** The span a placement allows, short enough for a timeline label ("1975–1979", "≈ 2026-04-28", "before 2003"). */
function shortSpan(p) {
  if (!p) return "";
  if (p.open_start || p.open_end) return p.basis;
  if (p.precision === "day") return p.basis === "stated" ? "" : `≈ ${p.start}`;
  const a = p.start.slice(0, 4);
  const b = p.end.slice(0, 4);
  return a === b ? (p.basis === "stated" ? "" : a) : `${a}–${b}`;
}

function uncertainty(p) {
  if (!p) return "";
  if (p.open_start) return `some time ${p.basis}`;
  if (p.open_end) return `some time ${p.basis}`;
  if (p.precision === "day") return p.basis === "stated" ? "" : p.basis;
  if (p.precision === "month" || p.precision === "week") {
    const within = p.precision === "month" ? p.start.slice(0, 7) : `${p.start}–${p.end}`;
    return `within ${within}` + (p.basis !== "stated" ? ` (${p.basis})` : "");
  }
  return `within ${p.start.slice(0, 4)}${p.end.slice(0, 4) !== p.start.slice(0, 4) ? `–${p.end.slice(0, 4)}` : ""}`
    + (p.basis !== "stated" ? ` (${p.basis})` : "");
}

/** Draw the timeline of claims; ?entity= and the claim filters choose which. */
export async function showTimeline(query) {
  const entityId = query.get("entity") || "";
  const filters = filtersFrom(query);
  document.title = "Timeline — claimgraph";
  const [data, current] = await Promise.all([
    getJSON("/api/timeline", { entity: entityId, ...filters, limit: TIMELINE_PAGE }),
    entityName(entityId),
    loadLib("timeline"),
  ]);
  const state = { items: data.items || [], unplaced: data.unplaced || [], total: data.total ?? 0,
    unplacedTotal: data.unplaced_total ?? (data.unplaced || []).length, cursor: data.next_cursor ?? null };
  drawTimeline(state, entityId, filters, current);
}

/** A "Show more" control while pages remain: reads the page after the last item (by cursor) and draws again. */
function moreControl(state, entityId, filters, current) {
  if (!state.cursor) return null;
  const button = h("button", { type: "button", id: "timeline-more" },
    `Show ${Math.min(TIMELINE_PAGE, state.total - state.items.length)} more`);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const page = await getJSON("/api/timeline", { entity: entityId, ...filters, limit: TIMELINE_PAGE,
        cursor: state.cursor });
      state.items.push(...(page.items || []));
      state.total = page.total ?? state.total;
      state.cursor = page.next_cursor ?? null;
    } catch (err) {
      button.disabled = false;
      button.textContent = `Could not read more (${err.message}); try again`;
      return;
    }
    if (window.claimgraphTimeline) window.claimgraphTimeline.destroy();
    drawTimeline(state, entityId, filters, current);
    document.getElementById("timeline-more")?.focus();
  });
  return h("nav", { class: "more-claims", id: "timeline-paging", "aria-label": "More of the timeline" },
    h("span", { class: "count" }, `${state.items.length} of ${state.total} shown `), button);
}

function drawTimeline(state, entityId, filters, current) {
  const items = state.items;
  const unplaced = state.unplaced;
  const dated = items.map((item) => {
    const p = item.placement;
    const start = isoPrefixToDate(p.start);
    const range = p.end !== p.start;
    const classes = [`mod-${item.modality}`, `precision-${p.precision.replaceAll(" ", "-")}`];
    if (p.open_start) classes.push("open-start");
    if (p.open_end) classes.push("open-end");
    if (range || p.basis !== "stated") classes.push("uncertain");
    // a box at the earliest date it allows, its span written out: range bars would let the labels of
    // neighbouring items overlap (vis-timeline stacks ranges by their bar, not their text)
    return {
      id: item.claim_id, start, type: "box", className: classes.join(" "),
      content: h("span", { class: "tl-item" }, modalityTag(item), " ", h("span", { class: "tl-label" }, itemLabel(item)),
        shortSpan(p) ? h("span", { class: "tl-span" }, ` [${shortSpan(p)}]`) : null,
        h("span", { class: "tl-source" }, ` — ${item.source || "?"}`)),
    };
  });
  const container = h("div", { class: "timeline", id: "timeline" });
  const detail = h("div", { class: "timeline-detail", id: "timeline-detail", "aria-live": "polite" },
    h("p", { class: "hint" }, "Select an item (or a line of the list below) to see the claim and its passage."));
  const select = async (claimId) => {
    const claim = await getClaim(claimId);
    const item = items.find((i) => i.claim_id === claimId) || unplaced.find((i) => i.claim_id === claimId);
    clear(detail);
    if (claim) append(detail, h("ul", { class: "claims" }, claimLine(item ? item.text : null, claim)));
    else append(detail, h("p", {}, item ? item.text : claimId));
    if (item && item.placement) append(detail, h("p", { class: "hint" }, `Placed ${uncertainty(item.placement)
      || "on the date the source gives"}.`));
  };
  render(
    h("h1", {}, "Timeline", current ? `: ${current.name}` : ""),
    entityPicker("/ui/timeline", current),
    h("p", { class: "shared-filters" }, Object.keys(filters).length ? `Filtered by ${Object.entries(filters)
      .map(([k, v]) => `${k.replace("_", " ")} ${v}`).join(", ")} · ` : "",
    h("a", { href: pageUrl("/ui/map", { entity: entityId, ...filters }), id: "to-map" }, "the same claims on the map")),
    modalityLegend(),
    h("p", { class: "hint" }, "Each item sits at the earliest date its time allows; [brackets] give the span it covers ",
      "(\"the 1970s\", \"1986\") or how a relative time was placed; a dashed border marks an uncertain time. ",
      "Drag to scroll, Ctrl + wheel zooms, or use the list below."),
    dated.length ? container : h("p", { class: "empty" }, "No claim with a time to show."),
    dated.length ? detail : null,
    h("section", { class: "timeline-list", id: "timeline-list" }, h("h2", {}, `In time order (${
      state.cursor ? `${items.length} of ${state.total}` : items.length})`),
      h("ol", {}, items.map((i) => h("li", { class: `mod-${i.modality}` }, modalityTag(i), " ",
        h("button", { type: "button", class: "link tl-select", data: { claimId: i.claim_id },
          on: { click: () => select(i.claim_id) } }, itemLabel(i)),
        h("span", { class: "count" }, ` ${i.source || ""}${uncertainty(i.placement) ? ` · ${uncertainty(i.placement)}` : ""}`),
        " ", i.document_id ? h("a", { href: documentHref(i.document_id, i.claim_id, i.evidence_start, i.evidence_end) },
          "passage") : null))),
      moreControl(state, entityId, filters, current)),
    unplaced.length ? h("section", { class: "undated", id: "unplaced" },
      h("h2", {}, `Times that cannot be placed (${state.unplacedTotal})`),
      h("p", { class: "hint" }, "Each says why: a weekday needs the document's publication date, "
        + "\"before the revolution\" needs a dated event."),
      h("ul", {}, unplaced.map((i) => h("li", { class: `mod-${i.modality}` }, modalityTag(i), " ",
        `${i.time_text || ""}: ${i.text}`,
        h("span", { class: "count" }, ` — ${i.source || ""}`),
        i.unplaced_because ? h("span", { class: "hint unplaced-because" }, ` (${i.unplaced_because})`) : null))))
      : null,
  );
  if (!dated.length) return;
  const { Timeline, DataSet } = window.vis;
  const times = dated.map((d) => d.start.getTime());
  // generous room on both sides, so that a label that runs past its item is never cut at an edge
  const span = Math.max(Math.max(...times) - Math.min(...times), 365 * 864e5);
  // labels run to the right of their start: the right side keeps room for the longest one
  const longest = Math.max(...dated.map((d) => d.content.textContent.length));
  const width = Math.max(container.clientWidth, 600);
  const labelShare = Math.min((longest * 8 + 60) / width, 0.75);
  const pad = span * 0.05;
  const timeline = new Timeline(container, new DataSet(dated), {
    start: new Date(Math.min(...times) - pad),
    end: new Date(Math.max(...times) + (span + pad) * labelShare / (1 - labelShare) + pad),
    stack: true, zoomable: true, horizontalScroll: true, zoomKey: "ctrlKey", maxHeight: 560,
    orientation: { axis: "top" }, margin: { item: { horizontal: 4, vertical: 6 } }, align: "left",
    showCurrentTime: false,  // a "now" line would cross every label that runs past today
    showTooltips: false,  // vis-timeline writes tooltips as markup: the list below says it all as text
  });
  window.claimgraphTimeline = timeline; // lets tests and analysts inspect the drawn timeline
  timeline.on("select", ({ items: selected }) => { if (selected.length) select(selected[0]); });
}
