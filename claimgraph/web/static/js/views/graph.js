// The relationship graph (cytoscape): edges labelled by predicate, styled by modality and corroboration.
import { getClaim, getJSON } from "../api.js";
import { entityHref, h, render, pageUrl, clear, append } from "../dom.js";
import { loadLib } from "../loader.js";
import { claimLine, modalityLegend } from "../claims.js";
import { entityName, entityPicker } from "../picker.js";

const TYPE_COLOURS = {
  Organization: "#2563eb", Person: "#16a34a", Country: "#a16207", Place: "#b45309",
  Group: "#7c3aed", Event: "#db2777", Other: "#64748b",
};

const STYLE = [
  { selector: "node", style: {
    label: "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3, color: "#111827",
    "background-color": "#64748b", width: 18, height: 18, "text-wrap": "ellipsis", "text-max-width": 120,
    "text-background-color": "#ffffff", "text-background-opacity": 0.7, "text-background-padding": 1 } },
  ...Object.entries(TYPE_COLOURS).map(([type, colour]) => ({ selector: `node[type = "${type}"]`,
    style: { "background-color": colour } })),
  { selector: "node.focus", style: { width: 30, height: 30, "border-width": 3, "border-color": "#111827",
    "font-weight": "bold", "font-size": 12 } },
  { selector: "edge", style: {
    label: "data(label)", "font-size": 8, "curve-style": "bezier", "target-arrow-shape": "triangle",
    "line-color": "#475569", "target-arrow-color": "#475569", width: "data(width)", color: "#334155",
    "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.8,
    "text-background-padding": 1 } },
  { selector: 'edge[modality = "hedged"]', style: { "line-style": "dashed", "line-color": "#d97706",
    "target-arrow-color": "#d97706" } },
  { selector: 'edge[modality = "attributed"]', style: { "line-style": "dotted", "line-color": "#7c3aed",
    "target-arrow-color": "#7c3aed" } },
  { selector: 'edge[modality = "speculative"]', style: { "line-style": "dotted", "line-color": "#0d9488",
    "target-arrow-color": "#0d9488", opacity: 0.75 } },
  { selector: 'edge[modality = "question"]', style: { "line-style": "dotted", opacity: 0.6 } },
  { selector: 'edge[modality = "negated"], edge[polarity = "negative"]', style: { "line-color": "#dc2626",
    "target-arrow-color": "#dc2626", "target-arrow-shape": "tee" } },
  { selector: 'edge[status = "superseded"]', style: { opacity: 0.4 } },
  { selector: ":selected", style: { "overlay-opacity": 0.15, "overlay-color": "#2563eb" } },
];

/** Draw the graph around ?entity= (1 or 2 hops, ?hops=), or around the most-claimed entity. */
export async function showGraph(query) {
  let entityId = query.get("entity") || "";
  if (!entityId) {
    // the API draws a neighbourhood, so start from the entity most claims are about
    const top = await getJSON("/api/entities", { limit: 1, sort: "claims" });
    entityId = ((top.items || [])[0] || {}).id || "";
  }
  if (!entityId) {
    render(h("h1", {}, "Relationships"), h("p", { class: "empty" }, "No entities stored yet."));
    return;
  }
  const hops = query.get("hops") === "2" ? "2" : "1";
  document.title = "Graph — claimgraph";
  const [data, current] = await Promise.all([
    getJSON("/api/graph", { entity: entityId, hops }),
    entityName(entityId),
    loadLib("cytoscape"),
  ]);
  const nodes = data.nodes || [];
  const edges = (data.edges || []).filter((e) => e.source && e.target);
  const container = h("div", { class: "graph", id: "graph" });
  const detail = h("aside", { class: "graph-detail", id: "graph-detail" },
    h("p", { class: "hint" }, "Click a node or an edge. Edge width grows with the number of documents carrying ",
      "the claim; dashed is hedged, dotted is attributed or speculative, red is denied or negative."));
  render(
    h("h1", {}, "Relationships", current ? `: ${current.name}` : ""),
    entityPicker("/ui/graph", current),
    h("p", { class: "hops" }, "Distance: ",
      h("a", { href: pageUrl("/ui/graph", { entity: entityId, hops: 1 }), class: hops === "1" ? "active" : "" }, "1 hop"),
      " · ",
      h("a", { href: pageUrl("/ui/graph", { entity: entityId, hops: 2 }), class: hops === "2" ? "active" : "" }, "2 hops"),
      " · ", h("a", { href: entityHref(entityId) }, "profile")),
    modalityLegend(),
    h("div", { class: "legend node-legend" }, Object.entries(TYPE_COLOURS).map(([type, colour]) =>
      h("span", { class: "node-type" }, h("span", { class: "dot", style: { backgroundColor: colour } }), type))),
    nodes.length ? h("div", { class: "graph-layout" }, container, detail)
      : h("p", { class: "empty" }, "No relationship to draw."),
  );
  if (!nodes.length) return;
  const centerId = nodes.some((n) => n.id === entityId) ? entityId : nodes[0].id;
  const elements = [
    ...nodes.map((n) => ({ data: { id: n.id, label: n.name || n.id, type: n.type || "Other" },
      classes: n.id === centerId ? "focus" : "" })),
    ...edges.map((e) => {
      const docs = (e.corroboration || {}).documents || 1;
      const negative = e.polarity === "negative" || e.modality === "negated";
      return { data: { id: e.id, source: e.source, target: e.target, modality: e.modality || "asserted",
        polarity: e.polarity || "positive", status: e.status || "active",
        label: `${negative ? "NOT " : ""}${(e.predicate || "").replaceAll("_", " ")}`,
        width: Math.min(1.5 + (docs - 1) * 1.5, 8) } };
    }),
  ];
  const cy = window.cytoscape({
    container, elements, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.1, maxZoom: 4,
    layout: { name: "preset" },
  });
  // rings around the centre by distance in hops: the focus, its neighbours, theirs
  const distance = new Map([[centerId, 0]]);
  cy.elements().bfs({ roots: cy.getElementById(centerId), directed: false,
    visit: (v, e, u, i, depth) => { distance.set(v.id(), depth); } });
  cy.layout({ name: "concentric", animate: false, padding: 30, minNodeSpacing: 34, startAngle: Math.PI / 2,
    concentric: (n) => 10 - (distance.get(n.id()) ?? 9), levelWidth: () => 1 }).run();
  window.claimgraphCy = cy; // lets tests and analysts inspect the drawn graph from the console
  cy.on("tap", "node", (ev) => {
    const n = ev.target.data();
    clear(detail);
    append(detail, h("h2", {}, n.label), h("p", {}, n.type),
      h("p", {}, h("a", { href: entityHref(n.id) }, "profile"), " · ",
        h("a", { href: pageUrl("/ui/graph", { entity: n.id, hops }) }, "centre the graph here")));
  });
  cy.on("tap", "edge", async (ev) => {
    const e = ev.target.data();
    clear(detail);
    append(detail, h("p", { class: "hint" }, "Loading the claim…"));
    const claim = await getClaim(e.id);
    clear(detail);
    if (claim) append(detail, h("h2", {}, "Claim"), h("ul", { class: "claims" }, claimLine(null, claim)));
    else append(detail, h("p", {}, `${e.label} (${e.modality})`));
  });
}
