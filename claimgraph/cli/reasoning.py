"""Commands of the reasoning layer: conflicts, sources, merge, split, review, reviews."""

from __future__ import annotations

import json
from pathlib import Path

import click
from sqlalchemy import Connection, select

from claimgraph.cli.main import App, db_option, pass_app
from claimgraph.plugins import hookimpl
from claimgraph.reason import review as rv
from claimgraph.store import records
from claimgraph.store.schema import entities, reviews


def _entity(conn: Connection, ref: str) -> str:
    """An entity id from an id or a name."""
    if conn.execute(select(entities.c.id).where(entities.c.id == ref)).first() is not None:
        return ref
    ids = records.find_entities(conn, ref)
    if not ids:
        raise click.ClickException(f"no entity named {ref!r}; try `claimgraph entities`")
    return ids[0]


@click.command()
@click.option("--kind", type=click.Choice(["value", "qualifier", "polarity", "superseded"]), default=None,
              help="Only conflicts of this kind.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line (conflicts.jsonl records).")
@db_option
@pass_app
def conflicts(app: App, kind: str | None, as_json: bool) -> None:
    """List disagreements between sources: values, qualifiers, denials and later claims that end earlier ones."""
    from claimgraph.reason.conflicts import find_conflicts

    with app.engine.connect() as conn:
        found = [c for c in find_conflicts(conn) if kind is None or c["kind"] == kind]
    for c in found:
        click.echo(json.dumps(c, ensure_ascii=False) if as_json else f"{c['kind']}\t{c['note']}\t{','.join(c['claims'])}")
    if not as_json:
        click.echo(f"{len(found)} conflicts", err=True)


@click.command()
@click.option("--outlets", "only_outlets", is_flag=True, help="Only the per-outlet totals.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@db_option
@pass_app
def sources(app: App, only_outlets: bool, as_json: bool) -> None:
    """Per document and outlet: claims, share hedged/attributed/unattributed, errata and stance toward entities."""
    from claimgraph.reason.sources import source_profiles

    with app.engine.connect() as conn:
        profiles = source_profiles(conn)
    for p in profiles:
        if only_outlets and p["kind"] != "outlet":
            continue
        if as_json:
            click.echo(json.dumps(p, ensure_ascii=False))
            continue
        who = p["outlet"] if p["kind"] == "outlet" else f"{p['document']} ({p.get('published') or 'undated'})"
        copy = f", copy of {p['copy_of']}" if p.get("copy_of") else ""
        click.echo(f"{p['kind']}\t{who}: {p['claims']} claims, {p['share_hedged']:.0%} hedged, "
                   f"{p['share_attributed']:.0%} attributed, {p['share_unattributed']:.0%} own voice, "
                   f"{p['errata']} errata{copy}")
        for s in p["stance"][:5]:
            if s["against"] or s["for"]:
                click.echo(f"\t  {s['label']} toward {s['name']}: {s['against']} against, {s['for']} for"
                           f" (rests on {', '.join(s.get('rests_on', [])[:5])})")


@click.command()
@click.argument("keep")
@click.argument("other")
@click.option("--by", "reviewer", default=None, help="Who merges.")
@click.option("--why", "reason", default=None, help="Why they are one entity.")
@db_option
@pass_app
def merge(app: App, keep: str, other: str, reviewer: str | None, reason: str | None) -> None:
    """Merge entity OTHER into KEEP (ids or names); undo with `claimgraph split KEEP --alias NAME`."""
    with app.engine.begin() as conn:
        try:
            done = rv.merge_entities(conn, _entity(conn, keep), _entity(conn, other), reviewer, reason)
        except rv.ReviewError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"merged {done['other_id']} ({done['alias']}) into {done['kept_id']}")


@click.command()
@click.argument("entity")
@click.option("--alias", required=True, help="The name to take out as an entity of its own.")
@click.option("--by", "reviewer", default=None, help="Who splits.")
@click.option("--why", "reason", default=None, help="Why they are different.")
@db_option
@pass_app
def split(app: App, entity: str, alias: str, reviewer: str | None, reason: str | None) -> None:
    """Split the name ALIAS out of ENTITY (id or name); automatic matching will not merge them again."""
    with app.engine.begin() as conn:
        try:
            done = rv.split_entity(conn, _entity(conn, entity), alias, reviewer, reason)
        except rv.ReviewError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"split {alias!r} out of {done['kept_id']} as {done['other_id']}")


@click.command(name="review")
@click.argument("kind", type=click.Choice(list(rv.KINDS)))
@click.argument("target")
@click.option("--accept", "action", flag_value="accept", help="The claim is correctly extracted.")
@click.option("--reject", "action", flag_value="reject", help="Wrongly extracted: leaves profiles, stays stored.")
@click.option("--annotate", "action", flag_value="annotate", help="Only add a note.")
@click.option("--by", "reviewer", default=None, help="Reviewer name (required for a decision).")
@click.option("--why", "note", default=None, help="Reason or note.")
@db_option
@pass_app
def review_cmd(app: App, kind: str, target: str, action: str | None, reviewer: str | None, note: str | None) -> None:
    """Accept, reject or annotate a claim or entity (by id); without an action, print its review history."""
    with app.engine.begin() as conn:
        target_id = _entity(conn, target) if kind == "entity" else target
        if action is None:
            for r in rv.history(conn, target_id):
                click.echo(f"{r['created_at']}\t{r['reviewer']}\t{r['action']}\t{r['note'] or ''}")
            return
        if not reviewer:
            raise click.ClickException("say who reviews: --by NAME")
        try:
            done = rv.review(conn, kind, target_id, action, reviewer, note)
        except rv.ReviewError as exc:
            raise click.ClickException(str(exc)) from None
    status = f" (status {done['status']})" if done["status"] else ""
    click.echo(f"{action} {kind} {target_id} by {reviewer}{status}")


@click.command(name="reviews")
@click.option("--export", "export_to", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write every review and merge/split to this JSONL file.")
@click.option("--import", "import_from", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Re-apply reviews and merges/splits from such a file (a store rebuilt from the same documents).")
@db_option
@pass_app
def reviews_cmd(app: App, export_to: Path | None, import_from: Path | None) -> None:
    """List, export or import human reviews and entity merges/splits."""
    with app.engine.begin() as conn:
        if import_from:
            applied = import_reviews(conn, import_from)
            click.echo(f"applied {applied} reviews and merges", err=True)
            return
        rows = [{"type": "review", **r} for r in (dict(x) for x in conn.execute(select(reviews)
                                                                              .order_by(reviews.c.id)).mappings())]
        rows += [{"type": "merge_log", **r} for r in rv.merge_log(conn) if r["action"] != "auto"]
    lines = [json.dumps({k: v for k, v in r.items() if k != "id"}, ensure_ascii=False) for r in rows]
    if export_to:
        export_to.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        click.echo(f"wrote {len(lines)} records to {export_to}", err=True)
    else:
        for line in lines:
            click.echo(line)


def import_reviews(conn: Connection, path: Path) -> int:
    """Apply an exported review file: claim and entity reviews, merges and splits whose targets exist."""
    applied = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        try:
            if r["type"] == "review" and r["action"] in rv.ACTIONS:
                rv.review(conn, r["target_kind"], r["target_id"], r["action"], r["reviewer"], r.get("note"))
            elif r["type"] == "review":  # automatic marks are recomputed by the next ingest, not imported
                continue
            elif r["action"] == "merge":
                rv.merge_entities(conn, r["kept_id"], r["other_id"], r.get("reviewer"), r.get("reason"))
            elif r["action"] == "split":
                rv.split_entity(conn, r["kept_id"], r["alias"], r.get("reviewer"), r.get("reason"))
            else:
                continue
        except rv.ReviewError:
            continue
        applied += 1
    return applied


COMMANDS = (conflicts, sources, merge, split, review_cmd, reviews_cmd)


@hookimpl
def claimgraph_commands(cli: click.Group) -> None:
    """Add conflicts, sources, merge, split and review."""
    for command in COMMANDS:
        cli.add_command(command)
