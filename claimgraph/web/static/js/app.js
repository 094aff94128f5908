// The UI's entry point: pick the view from the URL path and draw it.
import { errorBox, h, render } from "./dom.js";
import { showSearch } from "./views/search.js";
import { showEntity } from "./views/entity.js";
import { showDocument } from "./views/document.js";
import { showTimeline } from "./views/timeline.js";
import { showMap } from "./views/map.js";
import { showGraph } from "./views/graph.js";
import { showConflicts } from "./views/conflicts.js";

const ROUTES = [
  [/^\/ui\/entity\/(.+)$/, "search", (m, q) => showEntity(decodeURIComponent(m[1]), q)],
  [/^\/ui\/document\/(.+)$/, "", (m, q) => showDocument(decodeURIComponent(m[1]), q)],
  [/^\/ui\/timeline\/?$/, "timeline", (m, q) => showTimeline(q)],
  [/^\/ui\/map\/?$/, "map", (m, q) => showMap(q)],
  [/^\/ui\/graph\/?$/, "graph", (m, q) => showGraph(q)],
  [/^\/ui\/conflicts\/?$/, "conflicts", (m, q) => showConflicts(q)],
  [/^(\/|\/ui\/?|\/ui\/search\/?)$/, "search", (m, q) => showSearch(q)],
];

async function main() {
  const path = window.location.pathname;
  const query = new URLSearchParams(window.location.search);
  const box = document.getElementById("search-box");
  if (box && query.get("q")) box.value = query.get("q");
  for (const [pattern, nav, view] of ROUTES) {
    const match = path.match(pattern);
    if (!match) continue;
    for (const a of document.querySelectorAll(".nav a")) a.classList.toggle("active", a.dataset.view === nav);
    document.body.dataset.view = nav || "document";
    try {
      await view(match, query);
    } catch (err) {
      console.error(err);
      render(errorBox(`Could not show this page: ${err.message}`));
    }
    document.body.dataset.ready = "true";
    return;
  }
  render(h("h1", {}, "Not found"), h("p", {}, "No page at this address. "), h("a", { href: "/" }, "Back to the start"));
  document.body.dataset.ready = "true";
}

main();
