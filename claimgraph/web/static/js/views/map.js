// Places on a Leaflet map over Natural Earth country shapes from this server (no tile server).
import { getJSON } from "../api.js";
import { entityHref, h, render, pageUrl } from "../dom.js";
import { loadLib } from "../loader.js";
import { entityName, entityPicker } from "../picker.js";

const COUNTRIES_URL = "/ui/geo/countries.json";
const MAX_CIRCLE_KM = 300;
const METHOD_COLOURS = { gazetteer: "#1f6fb2", relative: "#c2410c", border: "#7c3aed" };

/** Draw the map of places; ?entity= centres it on one place. */
export async function showMap(query) {
  const entityId = query.get("entity") || "";
  document.title = "Map — claimgraph";
  const [places, topo, current] = await Promise.all([
    getJSON("/api/places"),
    getJSON(COUNTRIES_URL).catch(() => null),
    entityName(entityId),
    loadLib("leaflet"),
    loadLib("topojson"),
  ]);
  const features = (places.features || []).filter((f) => f.geometry && f.geometry.type === "Point");
  const related = await relatedPlaces(entityId, features);
  const container = h("div", { class: "map", id: "map" });
  const list = h("ul", { class: "place-list", id: "place-list" });
  render(
    h("h1", {}, "Map", current ? `: ${current.name}` : ""),
    entityPicker("/ui/map", current),
    h("p", { class: "hint" }, "Dots are places named in the sources; a circle shows how uncertain a location is ",
      "(dashed for locations worked out from a distance and direction, e.g. \"60 km north of\")."),
    h("div", { class: "map-layout" }, container, h("div", { class: "place-side", id: "place-side" }, list)),
    topo ? null : h("p", { class: "error" }, "Country shapes are not installed; only places are drawn."),
  );
  const L = window.L;
  const map = L.map(container, { worldCopyJump: false, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth (world-atlas)");
  // the view is set before any layer is added (Leaflet draws layers against it), without animation
  const focusFeature = features.find((f) => entityId && (f.properties || {}).id === entityId);
  const shown = related.size ? features.filter((f) => related.has(f.properties.id)) : features;
  const points = shown.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
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
  let focus = null;
  for (const feature of features) {
    const [lon, lat] = feature.geometry.coordinates;
    const p = feature.properties || {};
    const colour = METHOD_COLOURS[p.method] || "#334155";
    const selected = (entityId && p.id === entityId) || related.has(p.id);
    // a country-sized radius says nothing a border does not; relative locations always get theirs
    if (p.uncertainty_km && (p.method === "relative" || (p.uncertainty_km <= MAX_CIRCLE_KM && p.type !== "Country"))) {
      L.circle([lat, lon], { radius: p.uncertainty_km * 1000, color: colour, weight: 1, fillOpacity: 0.08,
        dashArray: p.method === "relative" ? "4 4" : null, className: `uncertainty method-${p.method}` }).addTo(map);
    }
    const marker = L.circleMarker([lat, lon], { radius: selected ? 9 : 6, color: "#fff", weight: 1.5,
      fillColor: selected ? "#dc2626" : colour, fillOpacity: 0.95, className: `place method-${p.method}` }).addTo(map);
    marker.bindPopup(popup(p));
    if (entityId && p.id === entityId) focus = { marker, lat, lon };
    list.appendChild(h("li", { class: selected ? "selected" : "" },
      h("a", { href: entityHref(p.id) }, p.name || p.id),
      h("span", { class: "meta" }, ` ${p.method || ""}${p.uncertainty_km ? ` ±${p.uncertainty_km} km` : ""}`),
      " ", h("button", { type: "button", class: "link", on: { click: () => {
        map.setView([lat, lon], Math.max(map.getZoom(), 6));
        marker.openPopup();
      } } }, "show")));
  }
  if (!features.length) list.appendChild(h("li", { class: "empty" }, "No located places yet."));
  if (focus) focus.marker.openPopup();
  if (entityId && !focusFeature) {
    const who = current ? current.name : entityId;
    list.parentNode.prepend(h("p", { class: "hint", id: "related-note" }, related.size
      ? `${related.size} ${related.size === 1 ? "place" : "places"} in claims about ${who} are marked in red.`
      : `No located place appears in claims about ${who}.`));
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

// Places that claims about a non-place entity involve (its bases, the sites of its events).
async function relatedPlaces(entityId, features) {
  if (!entityId || features.some((f) => (f.properties || {}).id === entityId)) return new Set();
  const claims = await getJSON("/api/claims", { entity: entityId, limit: 1000 }).catch(() => ({ items: [] }));
  const ids = new Set((claims.items || []).map((c) => c.id));
  return new Set(features.filter((f) => (f.properties.claims || []).some((c) => ids.has(c)))
    .map((f) => f.properties.id));
}

function popup(p) {
  return h("div", { class: "popup" },
    h("a", { href: entityHref(p.id), class: "entity-name" }, p.name || p.id),
    h("div", {}, `${p.type || "Place"} · located by ${p.method || "?"}`),
    p.uncertainty_km ? h("div", {}, `uncertainty ± ${p.uncertainty_km} km`) : null,
    h("div", {}, `${claimCount(p.claims)} claims · `,
      h("a", { href: pageUrl("/ui/graph", { entity: p.id }) }, "graph")));
}

function claimCount(claims) {
  if (Array.isArray(claims)) return claims.length;
  return typeof claims === "number" ? claims : 0;
}
