// The relationship graph (cytoscape): edges labelled by predicate, styled by modality and corroboration.
import { getClaim, getJSON } from "../api.js";
import { entityHref, h, render, pageUrl, clear, append } from "../dom.js";
import { loadLib } from "../loader.js";
import { claimLine, modalityLegend, predicateLabel } from "../claims.js";
import { entityName, entityPicker } from "../picker.js";

// one hue per type, far apart (Country and Place especially: they are easily confused)
const TYPE_COLOURS = {
  Organization: "#2563eb", Person: "#16a34a", Country: "#b91c1c", Place: "#0891b2",
  Group: "#7c3aed", Event: "#db2777", Other: "#64748b",
};
const NODE_LIMIT = 150;
// labels stay this size on screen at every zoom (cytoscape sizes them in graph units)
const NODE_LABEL_PX = 12;
const EDGE_LABEL_PX = 10;
// edge labels only where they can be read: few edges, or the edges of the chosen node
const EDGE_LABELS_UP_TO = 30;
const RING_SIZE = 30;
const MIN_LABEL_PX = 10;
const MODALITIES = ["", "asserted", "hedged", "attributed", "speculative", "negated"];

const STYLE = [
  { selector: "node", style: {
    label: "data(label)", "font-size": NODE_LABEL_PX, "text-valign": "bottom", "text-margin-y": 3, color: "#111827",
    "background-color": "#64748b", width: 18, height: 18,
    "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 1,
    "min-zoomed-font-size": 0 } },
  { selector: "node.minor", style: { label: "" } },
  ...Object.entries(TYPE_COLOURS).map(([type, colour]) => ({ selector: `node[type = "${type}"]`,
    style: { "background-color": colour } })),
  { selector: "node.focus", style: { width: 30, height: 30, "border-width": 3, "border-color": "#111827",
    "font-weight": "bold", "font-size": 12 } },
  { selector: "edge", style: {
    label: "", "font-size": EDGE_LABEL_PX, "curve-style": "bezier", "target-arrow-shape": "triangle",
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
  { selector: "edge.labelled", style: { label: "data(label)" } },
  { selector: ":selected", style: { "overlay-opacity": 0.15, "overlay-color": "#2563eb" } },
  { selector: "node.keyboard", style: { "border-width": 4, "border-color": "#f59e0b" } },
];

function select(name, label, values, current) {
  return h("label", {}, `${label} `, h("select", { name, "aria-label": label }, values.map((v) => {
    const opt = h("option", { value: v }, v ? v.replaceAll("_", " ") : "any");
    if (v === current) opt.selected = true;
    return opt;
  })));
}

function elementsOf(data, known) {
  const out = [];
  for (const n of data.nodes || []) {
    if (known.has(n.id)) continue;
    known.add(n.id);
    out.push({ data: { id: n.id, label: n.name || "an unnamed actor", type: n.type || "Other", degree: n.degree || 0,
      claims: n.claims ?? 0 } });
  }
  for (const e of data.edges || []) {
    if (!e.source || !e.target || known.has(e.id)) continue;
    known.add(e.id);
    const docs = (e.corroboration || {}).documents || 1;
    const negative = e.polarity === "negative" || e.modality === "negated";
    out.push({ data: { id: e.id, source: e.source, target: e.target, modality: e.modality || "asserted",
      polarity: e.polarity || "positive", status: e.status || "active",
      label: `${negative ? "NOT " : ""}${predicateLabel(e.predicate)}`,
      width: Math.min(1.5 + (docs - 1) * 1.5, 8) } });
  }
  return out;
}

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
  const predicate = query.get("predicate") || "";
  const modality = query.get("modality") || "";
  const type = query.get("type") || "";
  const limit = Math.min(Math.max(parseInt(query.get("nodes") || String(NODE_LIMIT), 10) || NODE_LIMIT, 2), 2000);
  document.title = "Graph — claimgraph";
  const graphParams = { hops, predicate, modality, type, nodes: limit };
  const [data, current] = await Promise.all([
    getJSON("/api/graph", { entity: entityId, ...graphParams }),
    entityName(entityId),
    loadLib("cytoscape"),
  ]);
  const nodes = data.nodes || [];
  const container = h("div", { class: "graph", id: "graph", tabindex: "0", role: "application",
    "aria-label": "Relationship graph: arrow keys move between nodes, Enter opens, E expands" });
  const detail = h("aside", { class: "graph-detail", id: "graph-detail" },
    h("p", { class: "hint" }, "Click a node or an edge (or use the list below). Edge width grows with the number of ",
      "documents carrying the claim; dashed is hedged, dotted is attributed or speculative, red is denied or negative."));
  const nodeList = h("ol", { class: "node-list", id: "node-list", "aria-label": "Nodes" });
  const predicates = ["", ...new Set((data.edges || []).map((e) => e.predicate))].sort();
  if (predicate && !predicates.includes(predicate)) predicates.push(predicate);
  render(
    h("h1", {}, "Relationships", current ? `: ${current.name}` : ""),
    entityPicker("/ui/graph", current),
    h("form", { class: "filters graph-filters", method: "get", action: "/ui/graph" },
      h("input", { type: "hidden", name: "entity", value: entityId }),
      select("hops", "Distance", ["1", "2"], hops),
      select("predicate", "Claim type", predicates, predicate),
      select("modality", "How it is said", MODALITIES, modality),
      select("type", "Node type", ["", ...Object.keys(TYPE_COLOURS)], type),
      h("label", {}, "Most nodes ", h("input", { type: "number", name: "nodes", min: "2", max: "2000",
        value: String(limit) })),
      h("button", { type: "submit" }, "Apply"), " ", h("a", { href: entityHref(entityId) }, "profile")),
    data.truncated ? h("p", { class: "hint", id: "graph-truncated" },
      `Showing the ${nodes.length} most connected nodes; click a node to expand it, or raise the limit.`) : null,
    modalityLegend(),
    h("div", { class: "legend node-legend" }, Object.entries(TYPE_COLOURS).map(([t, colour]) =>
      h("span", { class: "node-type" }, h("span", { class: "dot", style: { backgroundColor: colour } }), t))),
    nodes.length ? h("div", { class: "graph-layout" }, container, h("div", { class: "graph-side" }, detail, nodeList))
      : h("p", { class: "empty" }, "No relationship to draw."),
  );
  if (!nodes.length) return;
  const centerId = data.center && nodes.some((n) => n.id === data.center) ? data.center : nodes[0].id;
  const known = new Set();
  const cy = window.cytoscape({
    container, elements: elementsOf(data, known), style: STYLE, wheelSensitivity: 0.3, minZoom: 0.2, maxZoom: 4,
    pixelRatio: 1, hideEdgesOnViewport: true, motionBlur: false,  // responsive at 150+ nodes without a GPU
    layout: { name: "preset" },
  });
  cy.getElementById(centerId).addClass("focus");
  const layout = () => {
    const distance = new Map([[centerId, 0]]);
    cy.elements().bfs({ roots: cy.getElementById(centerId), directed: false,
      visit: (v, e, u, i, depth) => { distance.set(v.id(), depth); } });
    // rings of at most RING_SIZE nodes: one ring of 150 would be too wide to read at any zoom
    const level = new Map();
    const perDistance = new Map();
    cy.nodes().sort((a, b) => b.degree() - a.degree()).forEach((n) => {
      const d = distance.get(n.id()) ?? 9;
      const k = perDistance.get(d) || 0;
      perDistance.set(d, k + 1);
      level.set(n.id(), 1000 - d * 100 - Math.floor(k / (RING_SIZE * (1 + Math.floor(k / RING_SIZE) / 2))));
    });
    cy.layout({ name: "concentric", animate: false, padding: 30, minNodeSpacing: 40, startAngle: Math.PI / 2,
      concentric: (n) => level.get(n.id()), levelWidth: () => 1, avoidOverlap: true }).run();
    scaleLabels();
  };
  // labels are sized once for the fitted view (NODE_LABEL_PX on screen); zooming in enlarges them, and
  // zooming out hides those that would drop under min-zoomed-font-size rather than shrinking them unreadably.
  // (Re-sizing them on every zoom makes cytoscape redraw every label texture, too slow without a GPU.)
  const scaleLabels = () => {
    const z = cy.zoom();
    cy.batch(() => {
      cy.nodes().style({ "font-size": NODE_LABEL_PX / z, "text-margin-y": 3 / z,
        "min-zoomed-font-size": MIN_LABEL_PX });
      cy.edges().style({ "font-size": EDGE_LABEL_PX / z, "min-zoomed-font-size": MIN_LABEL_PX });
      cy.edges().toggleClass("labelled", cy.edges().length <= EDGE_LABELS_UP_TO);
    });
    labelRoom();  // after the batch: label boxes are measured with the new sizes
  };
  const labelRoom = () => {
    // measured label boxes: the names of less connected nodes that would overlap a shown one are hidden
    cy.batch(() => cy.nodes().removeClass("minor"));
    const placed = [];
    const hidden = [];
    const overlaps = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
    const order = cy.nodes().sort((a, b) => (b.id() === centerId) - (a.id() === centerId)
      || b.degree() - a.degree());
    const drawnAtAll = parseFloat(cy.nodes().first().style("font-size")) * cy.zoom() >= MIN_LABEL_PX;
    if (!drawnAtAll) return;  // cytoscape draws no label this small: nothing can overlap
    order.forEach((n) => {
      const box = n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
      const padded = { x1: box.x1 - 2, x2: box.x2 + 2, y1: box.y1 - 1, y2: box.y2 + 1 };
      if (!n.selected() && !n.hasClass("focus") && placed.some((q) => overlaps(q, padded))) hidden.push(n);
      else placed.push(padded);
    });
    cy.batch(() => hidden.forEach((n) => n.addClass("minor")));
  };
  let pending = 0;
  const soon = (fn) => () => {  // once a frame, however many zoom and pan events arrive
    if (pending) return;
    pending = window.requestAnimationFrame(() => { pending = 0; fn(); });
  };
  cy.on("zoom", soon(labelRoom));
  cy.on("pan", soon(labelRoom));
  layout();
  window.claimgraphCy = cy; // lets tests and analysts inspect the drawn graph from the console
  const openNode = (n) => {
    clear(detail);
    cy.edges().removeClass("labelled");
    n.connectedEdges().addClass("labelled");
    append(detail, h("h2", {}, n.data("label")), h("p", {}, n.data("type")),
      h("p", {}, h("a", { href: entityHref(n.id()) }, "profile"), " · ",
        h("a", { href: pageUrl("/ui/graph", { ...graphParams, entity: n.id() }) }, "centre the graph here"), " · ",
        h("button", { type: "button", class: "link", id: "expand-node", on: { click: () => expand(n.id()) } },
          "expand")));
  };
  const expand = async (id) => {
    const more = await getJSON("/api/graph", { ...graphParams, entity: id, hops: 1 });
    const added = cy.add(elementsOf(more, known));
    if (added.length) layout();
    fillList();
    clear(detail);
    append(detail, h("p", { class: "hint", id: "expanded" }, `${added.nodes().length} nodes and ${added.edges().length} `
      + "claims added."));
  };
  const fillList = () => {
    clear(nodeList);
    append(nodeList, cy.nodes().sort((a, b) => b.degree() - a.degree()).map((n) => h("li", {},
      h("button", { type: "button", class: "link node-button", data: { node: n.id() }, on: { click: () => {
        cy.nodes().removeClass("keyboard");
        n.addClass("keyboard");
        cy.center(n);
        openNode(n);
      } } }, n.data("label")), h("span", { class: "count" }, ` ${n.data("type")} · ${n.degree()} links · ${n.data("claims")} claims`))));
  };
  fillList();
  cy.on("tap", "node", (ev) => openNode(ev.target));
  cy.on("dbltap", "node", (ev) => expand(ev.target.id()));
  cy.on("tap", "edge", async (ev) => {
    const e = ev.target.data();
    clear(detail);
    append(detail, h("p", { class: "hint" }, "Loading the claim…"));
    const claim = await getClaim(e.id);
    clear(detail);
    if (claim) append(detail, h("h2", {}, "Claim"), h("ul", { class: "claims" }, claimLine(null, claim)));
    else append(detail, h("p", {}, `${e.label} (${e.modality})`));
  });
  // keyboard: arrows walk the nodes by connectedness, Enter opens one, E expands it
  let at = -1;
  container.addEventListener("keydown", (ev) => {
    const ordered = cy.nodes().sort((a, b) => b.degree() - a.degree());
    if (!ordered.length) return;
    if (["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"].includes(ev.key)) {
      ev.preventDefault();
      at = (at + (ev.key === "ArrowRight" || ev.key === "ArrowDown" ? 1 : ordered.length - 1)) % ordered.length;
      cy.nodes().removeClass("keyboard");
      ordered[at].addClass("keyboard");
      cy.center(ordered[at]);
    } else if (ev.key === "Enter" && at >= 0) {
      openNode(ordered[at]);
    } else if ((ev.key === "e" || ev.key === "E") && at >= 0) {
      expand(ordered[at].id());
    }
  });
}
