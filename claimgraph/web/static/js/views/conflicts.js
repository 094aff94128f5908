// Every disagreement between sources, each side shown with its own passage; none is chosen. Changes over time
// (a later claim ends an earlier one) are listed apart: they are no disagreement.
import { getClaim, getJSON } from "../api.js";
import { h, pageUrl, pager, render } from "../dom.js";
import { modalityLegend } from "../claims.js";
import { changeBlock, disagreementBlock, isChange, kindLabel } from "../disagreements.js";

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
  const lineOf = (id) => (claims.has(id) ? { text: claims.get(id).text, claim: claims.get(id) } : null);
  const disagreements = page.filter((c) => !isChange(c));
  const changes = page.filter(isChange);
  const disagreeing = chosen.filter((c) => !isChange(c)).length;
  render(
    h("h1", {}, `Disagreements and changes over time (${chosen.length})`),
    h("p", { class: "filters" }, "Kind: ",
      [h("a", { href: "/ui/conflicts", class: kind ? "" : "active" }, "all"),
        ...kinds.map((k) => h("a", { href: pageUrl("/ui/conflicts", { kind: k }), class: k === kind ? "active" : "",
          data: { kind: k } }, kindLabel(k)))]),
    modalityLegend(),
    disagreements.length ? h("section", { id: "disagreements" },
      h("h2", {}, `Sources disagree (${disagreeing})`),
      h("p", { class: "banner", role: "note" },
        "Sources disagree here. Every side is kept as that source's claim; none is treated as the truth."),
      h("div", { id: "conflict-list" }, disagreements.map((c) => disagreementBlock(c, lineOf)))) : null,
    changes.length ? h("section", { id: "changes" },
      h("h2", {}, `Changes over time (${chosen.length - disagreeing})`),
      h("p", { class: "note", role: "note" },
        "A later claim ends an earlier one: the relation held until then and changed. No source is contradicted, "
        + "and the earlier claim is not shown as false."),
      h("div", { id: "change-list" }, changes.map((c) => changeBlock(c, lineOf)))) : null,
    page.length ? null : h("p", { class: "empty" }, "No disagreement found between the stored claims."),
    pager("/ui/conflicts", { kind }, offset, page.length, chosen.length, PAGE_SIZE),
  );
}
