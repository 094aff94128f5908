// Loading a vendored library only on the page that needs it (scripts from this server only).

const loaded = new Map();

/** Load a classic script from this server once; resolves when it has run. */
export function loadScript(src) {
  if (!loaded.has(src)) {
    loaded.set(src, new Promise((resolve, reject) => {
      const el = document.createElement("script");
      el.src = src;
      el.async = false;
      el.addEventListener("load", () => resolve());
      el.addEventListener("error", () => reject(new Error(`could not load ${src}`)));
      document.head.appendChild(el);
    }));
  }
  return loaded.get(src);
}

/** Add a stylesheet from this server once. */
export function loadCss(href) {
  if (!loaded.has(href)) {
    const el = document.createElement("link");
    el.rel = "stylesheet";
    el.href = href;
    document.head.appendChild(el);
    loaded.set(href, Promise.resolve());
  }
  return loaded.get(href);
}

export const VENDOR = "/ui/static/vendor";
export const LIBS = {
  leaflet: { js: `${VENDOR}/leaflet-1.9.4/leaflet.js`, css: `${VENDOR}/leaflet-1.9.4/leaflet.css` },
  topojson: { js: `${VENDOR}/topojson-client-3.1.0/topojson-client.min.js` },
  timeline: { js: `${VENDOR}/vis-timeline-7.7.4/vis-timeline-graph2d.min.js`,
    css: `${VENDOR}/vis-timeline-7.7.4/vis-timeline-graph2d.min.css` },
  cytoscape: { js: `${VENDOR}/cytoscape-3.35.0/cytoscape.min.js` },
};

/** Load a library by its key in LIBS (script and stylesheet). */
export async function loadLib(name) {
  const lib = LIBS[name];
  if (lib.css) loadCss(lib.css);
  await loadScript(lib.js);
}
