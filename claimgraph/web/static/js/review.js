// Review where you read: accept, reject or annotate a claim, merge or split entities, see the history.
import { getJSON, postJSON, reviewToken, setReviewToken } from "./api.js";
import { append, clear, entityHref, h } from "./dom.js";

/** The token box: reviewing needs the server's API token (kept for this tab only). */
export function tokenBox(onChange) {
  const box = h("div", { class: "token-box", id: "token-box" });
  const draw = () => {
    clear(box);
    if (reviewToken()) {
      append(box, h("span", { class: "hint" }, "Review is on for this tab. "),
        h("button", { type: "button", class: "link", on: { click: () => { setReviewToken(""); draw(); onChange?.(); } } },
          "forget the token"));
      return;
    }
    const input = h("input", { type: "password", name: "token", id: "review-token", autocomplete: "off",
      placeholder: "API token", "aria-label": "API token for review" });
    append(box, h("form", { class: "token-form", on: { submit: (ev) => {
      ev.preventDefault();
      setReviewToken(input.value.trim());
      draw();
      onChange?.();
    } } }, h("label", { for: "review-token" }, "To review, enter the API token: "), input,
    h("button", { type: "submit" }, "Start reviewing")));
  };
  draw();
  return box;
}

function status(el, text, ok = true) {
  clear(el);
  append(el, h("span", { class: ok ? "review-ok" : "review-error", role: "status" }, text));
}

/** Accept / reject / annotate buttons and the history of one claim (or entity). */
export function reviewControls(kind, id, onDone) {
  const out = h("span", { class: "review-status" });
  const history = h("ul", { class: "review-history", hidden: true });
  const act = async (action, note) => {
    if (!reviewToken()) { status(out, "enter the API token above to review", false); return; }
    try {
      await postJSON("/api/review", { kind, id, action, note: note || null, reviewer: "web" });
      status(out, { accept: "accepted", reject: "rejected", annotate: "note saved" }[action]);
      onDone?.(action);
      if (!history.hidden) await showHistory(history, id);
    } catch (err) {
      status(out, `not saved: ${err.message}`, false);
    }
  };
  const note = h("input", { type: "text", class: "note-input", placeholder: "note", "aria-label": "review note",
    maxlength: "2000" });
  return h("span", { class: "review", data: { target: id } },
    h("button", { type: "button", class: "review-accept", on: { click: () => act("accept", note.value) } }, "Accept"),
    h("button", { type: "button", class: "review-reject", on: { click: () => act("reject", note.value) } }, "Reject"),
    note,
    h("button", { type: "button", class: "review-annotate", on: { click: () => act("annotate", note.value) } }, "Note"),
    h("button", { type: "button", class: "link review-history-toggle", "aria-expanded": "false", on: { click: async (ev) => {
      history.hidden = !history.hidden;
      ev.target.setAttribute("aria-expanded", String(!history.hidden));
      if (!history.hidden) await showHistory(history, id);
    } } }, "history"),
    out, history);
}

/** Fill a list with the reviews and merges of a target, newest first. */
export async function showHistory(list, id) {
  clear(list);
  const data = await getJSON("/api/reviews", { target: id }).catch(() => ({ items: [], merges: [] }));
  const rows = [...(data.items || []).map((r) => `${r.created_at} · ${r.reviewer}: ${r.action}${r.note ? ` — ${r.note}` : ""}`),
    ...(data.merges || []).map((m) => `${m.created_at} · ${m.reviewer || "automatic"}: ${m.action} ${m.alias || m.other_id}`
      + `${m.reason ? ` — ${m.reason}` : ""}`)];
  append(list, rows.length ? rows.map((t) => h("li", {}, t)) : h("li", { class: "empty" }, "no review yet"));
}

/** Merge another entity into this one (picked by name), or split one of its names off. */
export function curationBox(entity, aliases) {
  const out = h("p", { class: "review-status", id: "curation-status" });
  const results = h("ul", { class: "picker-results", id: "merge-results" });
  const input = h("input", { type: "search", id: "merge-name", placeholder: "name of the other entity",
    "aria-label": "Entity to merge into this one" });
  const merge = async (other) => {
    if (!reviewToken()) { status(out, "enter the API token above to merge", false); return; }
    try {
      await postJSON("/api/merge", { keep: entity.id, other: other.id, reviewer: "web",
        reason: `same as ${entity.name} (web review)` });
      status(out, `merged ${other.name} into ${entity.name}; reload to see its claims here`);
    } catch (err) { status(out, `not merged: ${err.message}`, false); }
  };
  const find = async (ev) => {
    ev.preventDefault();
    clear(results);
    const q = input.value.trim();
    if (!q) return;
    const data = await getJSON("/api/search", { q, limit: 10 });
    const others = (data.entities || []).filter((e) => e.id !== entity.id);
    append(results, others.length ? others.map((e) => h("li", {},
      h("a", { href: entityHref(e.id) }, e.name || "an unnamed actor"), h("span", { class: "type" }, ` ${e.type}`), " ",
      h("button", { type: "button", class: "merge-button", data: { other: e.id }, on: { click: () => merge(e) } },
        "merge into this entity"))) : h("li", { class: "empty" }, "no other entity with this name"));
  };
  const alias = h("select", { id: "split-alias", "aria-label": "Name to split off" },
    aliases.map((a) => h("option", { value: a }, a)));
  const split = async (ev) => {
    ev.preventDefault();
    if (!reviewToken()) { status(out, "enter the API token above to split", false); return; }
    try {
      const r = await postJSON("/api/split", { entity: entity.id, alias: alias.value, reviewer: "web" });
      status(out, `“${alias.value}” is now an entity of its own (${r.split.other_id})`);
    } catch (err) { status(out, `not split: ${err.message}`, false); }
  };
  return h("section", { class: "curation", id: "curation" }, h("h2", {}, "Review this entity"),
    h("p", { class: "hint" }, "Wrong type, a name that belongs to someone else, two records of one actor: ",
      "fix it here. Every change is logged and can be undone."),
    h("div", {}, "Judgement: ", reviewControls("entity", entity.id)),
    h("form", { class: "merge-form", on: { submit: find } }, h("label", { for: "merge-name" }, "Merge: "), input,
      h("button", { type: "submit" }, "Find")), results,
    aliases.length ? h("form", { class: "split-form", on: { submit: split } },
      h("label", { for: "split-alias" }, "Split off the name "), alias, h("button", { type: "submit" }, "Split")) : null,
    out);
}
