// Places on a Leaflet map over Natural Earth country shapes from this server (no tile server).
import { getClaim, getJSON } from "../api.js";
import { append, clear, documentHref, entityHref, h, render, pageUrl } from "../dom.js";
import { filtersFrom } from "../facets.js";
import { loadLib } from "../loader.js";
import { entityName, entityPicker } from "../picker.js";

const COUNTRIES_URL = "/ui/geo/countries.json";
const MAX_CIRCLE_KM = 300;
const METHOD_COLOURS = { gazetteer: "#1f6fb2", relative: "#c2410c", border: "#7c3aed" };

const LABELLED_PLACES = 25;
const CLUSTER_PX = 36;
const CLUSTER_BELOW_ZOOM = 6;  // from regional zoom on, every place is drawn on its own

/** Draw the map of places; ?entity= and the claim filters (shared with the timeline) choose which. */
export async function showMap(query) {
  const entityId = query.get("entity") || "";
  const filters = filtersFrom(query);
  document.title = "Map — claimgraph";
  const [places, topo, current] = await Promise.all([
    getJSON("/api/places", { entity: entityId, ...filters, limit: 2000 }),
    getJSON(COUNTRIES_URL).catch(() => null),
    entityName(entityId),
    loadLib("leaflet"),
    loadLib("topojson"),
  ]);
  const features = (places.features || []).filter((f) => f.geometry && f.geometry.type === "Point");
  const container = h("div", { class: "map", id: "map" });
  const list = h("ol", { class: "place-list", id: "place-list" });
  const filtered = entityId || Object.keys(filters).length;
  render(
    h("h1", {}, "Map", current ? `: ${current.name}` : ""),
    entityPicker("/ui/map", current),
    h("p", { class: "shared-filters" }, Object.keys(filters).length ? `Filtered by ${Object.entries(filters)
      .map(([k, v]) => `${k.replace("_", " ")} ${v}`).join(", ")} · ` : "",
    h("a", { href: pageUrl("/ui/timeline", { entity: entityId, ...filters }), id: "to-timeline" },
      "the same claims on the timeline")),
    h("p", { class: "hint" }, "Dots are places named in the sources, numbers are groups of nearby places (zoom in); ",
      "a circle shows how uncertain a location is (dashed for locations worked out from a distance and direction)."),
    h("div", { class: "map-layout" }, container, h("div", { class: "place-side", id: "place-side" },
      h("p", { class: "hint", id: "related-note" }, filtered
        ? `${plural(places.total ?? features.length, "place")} in the claims shown, most claims first.`
        : `${places.total ?? features.length} located places, most claims first.`), list)),
    topo ? null : h("p", { class: "error" }, "Country shapes are not installed; only places are drawn."),
  );
  const L = window.L;
  const map = L.map(container, { worldCopyJump: false, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth (world-atlas)");
  const focusFeature = features.find((f) => entityId && (f.properties || {}).id === entityId);
  const points = features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
  if (focusFeature) map.setView([focusFeature.geometry.coordinates[1], focusFeature.geometry.coordinates[0]], 6);
  else if (points.length) map.fitBounds(points, { padding: [40, 40], maxZoom: 6, animate: false });
  else map.setView([30, 20], 2);
  if (topo) {
    const object = topo.objects.countries || Object.values(topo.objects)[0];
    L.geoJSON(unwrapAntimeridian(window.topojson.feature(topo, object)), {
      style: { color: "#8a94a6", weight: 0.6, fillColor: "#f3efe4", fillOpacity: 1 },
      onEachFeature: (feature, layer) => {
        const name = (feature.properties || {}).name;
        if (name) layer.bindTooltip(h("span", {}, name), { sticky: true, direction: "top", opacity: 0.85 });
      },
    }).addTo(map);
  }
  const markers = [];
  features.forEach((feature, rank) => {
    const [lon, lat] = feature.geometry.coordinates;
    const p = feature.properties || {};
    const colour = METHOD_COLOURS[p.method] || "#334155";
    const selected = entityId && p.id === entityId;
    const layers = [];
    if (p.uncertainty_km && (p.method === "relative" || (p.uncertainty_km <= MAX_CIRCLE_KM && p.type !== "Country"))) {
      layers.push(L.circle([lat, lon], { radius: p.uncertainty_km * 1000, color: colour, weight: 1, fillOpacity: 0.08,
        dashArray: p.method === "relative" ? "4 4" : null, className: `uncertainty method-${p.method}` }));
    }
    const marker = L.circleMarker([lat, lon], { radius: selected ? 9 : 6, color: "#fff", weight: 1.5,
      fillColor: selected ? "#dc2626" : colour, fillOpacity: 0.95, className: `place method-${p.method}` });
    // the busiest places carry their name on the map itself
    if (rank < LABELLED_PLACES) {
      marker.bindTooltip(h("span", {}, p.name || "?"), { permanent: true, direction: "right", offset: [6, 0],
        className: "place-label" });
    }
    const box = popup(p);
    marker.bindPopup(box, { maxWidth: 360 });
    marker.on("popupopen", () => fillPassages(box, p, filters));
    layers.push(marker);
    markers.push({ marker, layers, lat, lon, p });
    list.appendChild(h("li", { class: selected ? "selected" : "" },
      h("a", { href: entityHref(p.id) }, p.name || p.id),
      h("span", { class: "meta" }, ` ${plural(claimCount(p.claims), "claim")} · ${p.method || ""}`
        + `${p.uncertainty_km ? ` ±${p.uncertainty_km} km` : ""}`),
      " ", h("button", { type: "button", class: "link", on: { click: () => {
        map.setView([lat, lon], Math.max(map.getZoom(), 7));
        redraw();
        marker.openPopup();
      } } }, "show")));
  });
  if (!features.length) list.appendChild(h("li", { class: "empty" }, "No located place in these claims."));
  // grid clustering: places closer than CLUSTER_PX on screen are drawn as one numbered circle
  const drawn = L.layerGroup().addTo(map);
  const redraw = () => {
    drawn.clearLayers();
    const cells = new Map();
    for (const m of markers) {
      const pt = map.latLngToLayerPoint([m.lat, m.lon]);
      const key = `${Math.floor(pt.x / CLUSTER_PX)}:${Math.floor(pt.y / CLUSTER_PX)}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(m);
    }
    // uncertainty circles stay drawn under a cluster: they show the area, the cluster the count
    for (const m of markers) for (const layer of m.layers) if (layer !== m.marker) drawn.addLayer(layer);
    for (const group of cells.values()) {
      if (group.length === 1 || map.getZoom() >= CLUSTER_BELOW_ZOOM) {
        for (const m of group) drawn.addLayer(m.marker);
        continue;
      }
      const lat = group.reduce((a, m) => a + m.lat, 0) / group.length;
      const lon = group.reduce((a, m) => a + m.lon, 0) / group.length;
      const icon = L.divIcon({ className: "cluster", iconSize: [30, 30],
        html: h("span", {}, String(group.length)) });  // an element, never a markup string
      const cluster = L.marker([lat, lon], { icon, keyboard: true,
        title: group.map((m) => m.p.name).slice(0, 8).join(", ") });
      cluster.on("click", () => map.fitBounds(group.map((m) => [m.lat, m.lon]), { padding: [60, 60], maxZoom: 12 }));
      drawn.addLayer(cluster);
    }
  };
  map.on("zoomend", redraw);
  redraw();
  if (focusFeature) {
    const m = markers.find((x) => x.p.id === entityId);
    if (m) m.marker.openPopup();
  }
}

/**
 * Rings that cross the 180th meridian (Russia, Fiji) would be drawn with a line across the
 * whole world; their longitudes are made continuous instead (Chukotka then lies past 180).
 * A ring around a pole (Antarctica) is left alone: it cannot be made continuous.
 */
export function unwrapAntimeridian(collection) {
  const fixRing = (ring) => {
    const out = [ring[0].slice()];
    for (let i = 1; i < ring.length; i += 1) {
      let lon = ring[i][0];
      const prev = out[i - 1][0];
      while (lon - prev > 180) lon -= 360;
      while (prev - lon > 180) lon += 360;
      out.push([lon, ring[i][1]]);
    }
    return Math.abs(out[out.length - 1][0] - out[0][0]) < 1e-6 ? out : ring;
  };
  for (const f of collection.features || []) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(fixRing);
    else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((poly) => poly.map(fixRing));
  }
  return collection;
}

function popup(p) {
  return h("div", { class: "popup" },
    h("a", { href: entityHref(p.id), class: "entity-name" }, p.name || p.id),
    h("div", {}, `${p.type || "Place"} · located by ${p.method || "?"}`),
    p.uncertainty_km ? h("div", {}, `uncertainty ± ${p.uncertainty_km} km`) : null,
    h("div", {}, `${plural(claimCount(p.claims), "claim")} · `,
      h("a", { href: pageUrl("/ui/graph", { entity: p.id }) }, "graph")),
    h("ul", { class: "popup-claims" }, h("li", { class: "hint" }, "Loading the passages…")));
}

// The claims at a place with their passages, fetched when its popup opens.
async function fillPassages(box, p, filters) {
  const target = box.querySelector(".popup-claims");
  if (!target || target.dataset.filled) return;
  target.dataset.filled = "true";
  const ids = (Array.isArray(p.claims) ? p.claims : []).slice(0, 5);
  const claims = (await Promise.all(ids.map((id) => getClaim(id)))).filter(Boolean);
  clear(target);
  append(target, claims.length ? claims.map((c) => {
    const ev = (c.evidence || [])[0] || {};
    return h("li", { class: `mod-${c.modality}` }, h("span", { class: "badge" }, c.modality), " ",
      h("q", {}, ev.text || ""), " ",
      ev.document_id ? h("a", { href: documentHref(ev.document_id, c.id, ev.start, ev.end) },
        ev.document || "passage") : null);
  }) : h("li", { class: "hint" }, "No claim here."));
  if (ids.length < claimCount(p.claims)) append(target, h("li", { class: "hint" },
    h("a", { href: pageUrl(entityHref(p.id), filters) }, `all ${claimCount(p.claims)} claims`)));
}

/** "1 claim", "3 claims". */
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function claimCount(claims) {
  if (Array.isArray(claims)) return claims.length;
  return typeof claims === "number" ? claims : 0;
}
