// Every disagreement between sources, each side shown with its own passage; none is chosen.
import { getClaim, getJSON } from "../api.js";
import { h, pageUrl, pager, render } from "../dom.js";
import { claimLine, modalityLegend } from "../claims.js";

const PAGE_SIZE = 25;

/** Draw the conflicts list (?kind= filters, ?offset= pages). */
export async function showConflicts(query) {
  document.title = "Disagreements — claimgraph";
  const kind = query.get("kind") || "";
  const offset = Math.max(0, parseInt(query.get("offset") || "0", 10) || 0);
  const data = await getJSON("/api/conflicts");
  const all = data.items || [];
  const kinds = [...new Set(all.map((c) => c.kind))].sort();
  const chosen = kind ? all.filter((c) => c.kind === kind) : all;
  const page = chosen.slice(offset, offset + PAGE_SIZE);
  const ids = [...new Set(page.flatMap((c) => c.claims || []))];
  const claims = new Map((await Promise.all(ids.map(getClaim))).filter(Boolean).map((c) => [c.id, c]));
  render(
    h("h1", {}, `Disagreements between sources (${chosen.length})`),
    h("p", { class: "banner", role: "note" },
      "Sources disagree here. Every side is kept as that source's claim; none is treated as the truth."),
    h("p", { class: "filters" }, "Kind: ",
      [h("a", { href: "/ui/conflicts", class: kind ? "" : "active" }, "all"),
        ...kinds.map((k) => h("a", { href: pageUrl("/ui/conflicts", { kind: k }), class: k === kind ? "active" : "" }, k))]),
    modalityLegend(),
    page.length ? h("div", { id: "conflict-list" }, page.map((c) => h("div", { class: `conflict kind-${c.kind}` },
      h("p", { class: "conflict-note" }, h("span", { class: "badge kind" }, c.kind), " ", c.note || ""),
      h("div", { class: "side-by-side" }, (c.claims || []).map((id) => {
        const claim = claims.get(id);
        return h("ul", { class: "claims side" },
          claim ? claimLine(claim.text, claim) : h("li", { class: "claim missing" }, `claim ${id}`));
      })))))
      : h("p", { class: "empty" }, "No disagreement found between the stored claims."),
    pager("/ui/conflicts", { kind }, offset, page.length, chosen.length, PAGE_SIZE),
  );
}
