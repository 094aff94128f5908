// The UI's entry point: pick the view from the URL path and draw it.
import { errorBox, h, render } from "./dom.js";
import { showDocumentList, showSearch, showSourceList } from "./views/search.js";
import { showEntity } from "./views/entity.js";
import { showDocument } from "./views/document.js";
import { showTimeline } from "./views/timeline.js";
import { showMap } from "./views/map.js";
import { showGraph } from "./views/graph.js";
import { showConflicts } from "./views/conflicts.js";
import { loadPredicates } from "./claims.js";

const ROUTES = [
  [/^\/ui\/entity\/(.+)$/, "search", (m, q) => showEntity(decodeURIComponent(m[1]), q)],
  [/^\/ui\/document\/(.+)$/, "", (m, q) => showDocument(decodeURIComponent(m[1]), q)],
  [/^\/ui\/timeline\/?$/, "timeline", (m, q) => showTimeline(q)],
  [/^\/ui\/map\/?$/, "map", (m, q) => showMap(q)],
  [/^\/ui\/graph\/?$/, "graph", (m, q) => showGraph(q)],
  [/^\/ui\/conflicts\/?$/, "conflicts", (m, q) => showConflicts(q)],
  [/^\/ui\/documents\/?$/, "search", (m, q) => showDocumentList(q)],
  [/^\/ui\/sources\/?$/, "search", (m, q) => showSourceList(q)],
  [/^(\/|\/ui\/?|\/ui\/search\/?)$/, "search", (m, q) => showSearch(q)],
];

// Back returns to where the reader was: the views draw after the data arrives, too late for the
// browser's own scroll restoration, so the position is kept per address and restored once drawn.
const SCROLL_KEY = "claimgraph-scroll";

function savedScroll() {
  try { return JSON.parse(window.sessionStorage.getItem(SCROLL_KEY) || "{}"); } catch (_) { return {}; }
}

function rememberScroll() {
  const all = savedScroll();
  all[window.location.pathname + window.location.search] = window.scrollY;
  try { window.sessionStorage.setItem(SCROLL_KEY, JSON.stringify(all)); } catch (_) { /* storage off */ }
}

function restoreScroll() {
  if (window.location.hash) return;
  const y = savedScroll()[window.location.pathname + window.location.search];
  const nav = (performance.getEntriesByType("navigation")[0] || {}).type;
  if (typeof y === "number" && nav === "back_forward") window.scrollTo(0, y);
}

if ("scrollRestoration" in window.history) window.history.scrollRestoration = "manual";
window.addEventListener("pagehide", rememberScroll);

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
      await loadPredicates();  // every view writes predicates as the registry's labels
      await view(match, query);
    } catch (err) {
      console.error(err);
      render(errorBox(`Could not show this page: ${err.message}`));
    }
    restoreScroll();
    document.body.dataset.ready = "true";
    return;
  }
  render(h("h1", {}, "Not found"), h("p", {}, "No page at this address. "), h("a", { href: "/" }, "Back to the start"));
  document.body.dataset.ready = "true";
}

main();
