// Places on a Leaflet map over Natural Earth country shapes from this server (no tile server).
import { getJSON } from "../api.js";
import { entityHref, h, render, pageUrl } from "../dom.js";
import { loadLib } from "../loader.js";
import { entityName, entityPicker } from "../picker.js";

const COUNTRIES_URL = "/ui/geo/countries.json";
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
  const container = h("div", { class: "map", id: "map" });
  const list = h("ul", { class: "place-list", id: "place-list" });
  render(
    h("h1", {}, "Map", current ? `: ${current.name}` : ""),
    entityPicker("/ui/map", current),
    h("p", { class: "hint" }, "Dots are places named in the sources; a circle shows how uncertain a location is ",
      "(dashed for locations worked out from a distance and direction, e.g. \"60 km north of\")."),
    h("div", { class: "map-layout" }, container, list),
    topo ? null : h("p", { class: "error" }, "Country shapes are not installed; only places are drawn."),
  );
  const L = window.L;
  const map = L.map(container, { worldCopyJump: false, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth (world-atlas)");
  if (topo) {
    const object = topo.objects.countries || Object.values(topo.objects)[0];
    L.geoJSON(window.topojson.feature(topo, object), {
      style: { color: "#8a94a6", weight: 0.6, fillColor: "#f3efe4", fillOpacity: 1 },
      onEachFeature: (feature, layer) => {
        const name = (feature.properties || {}).name;
        if (name) layer.bindTooltip(h("span", {}, name), { sticky: true, direction: "top", opacity: 0.85 });
      },
    }).addTo(map);
  }
  const bounds = [];
  let focus = null;
  for (const feature of features) {
    const [lon, lat] = feature.geometry.coordinates;
    const p = feature.properties || {};
    const colour = METHOD_COLOURS[p.method] || "#334155";
    const selected = entityId && p.id === entityId;
    if (p.uncertainty_km) {
      L.circle([lat, lon], { radius: p.uncertainty_km * 1000, color: colour, weight: 1, fillOpacity: 0.08,
        dashArray: p.method === "relative" ? "4 4" : null, className: `uncertainty method-${p.method}` }).addTo(map);
    }
    const marker = L.circleMarker([lat, lon], { radius: selected ? 9 : 6, color: "#fff", weight: 1.5,
      fillColor: selected ? "#dc2626" : colour, fillOpacity: 0.95, className: `place method-${p.method}` }).addTo(map);
    marker.bindPopup(popup(p));
    bounds.push([lat, lon]);
    if (selected) focus = { marker, lat, lon };
    list.appendChild(h("li", { class: selected ? "selected" : "" },
      h("a", { href: entityHref(p.id) }, p.name || p.id),
      h("span", { class: "meta" }, ` ${p.method || ""}${p.uncertainty_km ? ` ±${p.uncertainty_km} km` : ""}`),
      " ", h("button", { type: "button", class: "link", on: { click: () => {
        map.setView([lat, lon], Math.max(map.getZoom(), 6));
        marker.openPopup();
      } } }, "show")));
  }
  if (!features.length) list.appendChild(h("li", { class: "empty" }, "No located places yet."));
  if (focus) {
    map.setView([focus.lat, focus.lon], 6);
    focus.marker.openPopup();
  } else if (bounds.length) {
    map.fitBounds(bounds, { padding: [40, 40], maxZoom: 6 });
  } else {
    map.setView([30, 20], 2);
  }
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
