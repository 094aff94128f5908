"""Built-in commands: ingest, entities, claims, timeline, profile, export, config, stats, repair, check.

Heavy modules (spaCy, the store's records, exporters) are imported inside the commands that use
them, so `claimgraph --help` and the light commands start at once.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from claimgraph import plugins
from claimgraph.cli.main import App, db_option, pass_app

if TYPE_CHECKING:
    from claimgraph.ingest.sources import Failure


def say(message: str) -> None:
    """One plain-text line on stderr: never read as console markup, never wrapped."""
    click.echo(message, err=True)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", default=None, help="Publication date (ISO) for inputs that carry none.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--dask", "dask_scheduler", default=None, metavar="ADDRESS",
              help="Run on a Dask cluster (scheduler address, or 'local'); the store must be reachable from "
                   "every worker, e.g. PostgreSQL.")
@db_option
@pass_app
def ingest(app: App, inputs: tuple[str, ...], published: str | None, quiet: bool,
           dask_scheduler: str | None) -> None:
    """Ingest files, folders, JSONL batches, URLs or - (stdin) into the store.

    Broken inputs are reported on stderr and skipped; the rest of the batch is stored and the
    exit status is 1 when any input failed. Documents already stored are skipped.
    """
    from claimgraph.ingest.guard import read_limits
    from claimgraph.ingest.sources import iter_documents
    from claimgraph.pipeline import ingest as run_ingest

    started = time.perf_counter()
    words = 0
    failures: list[Failure] = []
    # words/s is the analysis rate: from when the model is loaded to the last document stored
    ready_at: float | None = None
    last_at: float | None = None

    def ready() -> None:
        nonlocal ready_at
        ready_at = time.perf_counter()

    def failed(f: Failure) -> None:
        failures.append(f)
        say(f"error: {f}")

    items = iter_documents(inputs, published=published, limits=read_limits(app.settings))
    with _progress(quiet) as advance:
        def done(_doc_id: str, n_words: int) -> None:
            nonlocal words, last_at
            words += n_words
            last_at = time.perf_counter()
            advance(words / max(1e-6, last_at - (ready_at or started)))

        if dask_scheduler:
            from claimgraph.distributed import ingest_on_dask

            app.engine  # noqa: B018 - migrate the store once, before the workers connect
            report = ingest_on_dask(items, app.settings, dask_scheduler)
            for failure in report.failures:
                failed(failure)
        else:
            report = run_ingest(items, app.settings, app.engine, on_document=done, on_failure=failed,
                                on_ready=ready)
    for note in report.notes:
        say(f"note: {note}")
    if report.pending:
        say(f"warning: the cross-source steps of {report.pending} documents are pending; "
            f"run `claimgraph repair` (see the log above)")
    elapsed = time.perf_counter() - started
    analysis = (last_at - ready_at) if ready_at is not None and last_at is not None else elapsed
    setup = f"; {ready_at - started:.1f} s loading the model and reference data" if ready_at is not None else ""
    say(f"stored {len(report.stored)} documents, {len(report.duplicates)} already stored, "
        f"{len(report.failures)} failed; {report.words:,} words in {elapsed:.1f} s "
        f"({report.words / max(analysis, 1e-6):,.0f} words/s of analysis{setup})")
    if report.failures:
        sys.exit(1)


class _NoProgress:
    """Stands in for the progress bar when stderr is not a terminal (or --quiet)."""

    def __enter__(self) -> Any:
        return lambda _wps: None

    def __exit__(self, *_exc: object) -> None:
        return None


def _progress(quiet: bool) -> Any:
    """A context giving advance(words_per_second): a rich progress bar on a terminal, nothing otherwise."""
    if quiet or not sys.stderr.isatty():
        return _NoProgress()
    from contextlib import contextmanager

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    @contextmanager
    def bar() -> Any:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("docs · {task.fields[wps]:,.0f} words/s"), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=False) as progress:
            task = progress.add_task("ingesting", total=None, wps=0.0)
            yield lambda wps: progress.update(task, advance=1, wps=wps)

    return bar()


@click.command()
@click.option("--type", "type_", default=None, help="Only entities of this type (Organization, Person, ...).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@db_option
@pass_app
def entities(app: App, type_: str | None, as_json: bool) -> None:
    """List entities with their aliases."""
    from claimgraph.store import records
    from claimgraph.views.names import all_unnamed_names

    with app.engine.connect() as conn:
        unnamed = all_unnamed_names(conn)
        for e in records.iter_entities(conn):
            if type_ and e["type"].lower() != type_.lower():
                continue
            if not (e["name"] or "").strip():
                e = {**e, "name": unnamed.get(e["id"], e["name"])}
            if as_json:
                click.echo(json.dumps(e, ensure_ascii=False))
            else:
                aka = f"  (also: {', '.join(e['aliases'])})" if e["aliases"] else ""
                click.echo(f"{e['id']}\t{e['type']}\t{e['name']}{aka}")


def _resolve_name(conn, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    from claimgraph.store import records

    ids = records.find_entities(conn, name)
    if not ids:
        raise click.ClickException(f"no entity named {name!r}; try `claimgraph entities`")
    return ids


@click.command()
@click.option("--about", default=None, help="Only claims whose subject or object has this name.")
@click.option("--predicate", default=None, help="Only claims with this predicate.")
@click.option("--modality", default=None, help="Only claims with this modality.")
@click.option("--document", default=None, help="Only claims with evidence in this document id.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="At most this many claims (then the --after of the next page is printed to standard error).")
@click.option("--after", "cursor", default=None, metavar="CURSOR",
              help="The claims after the page that printed this cursor (claim id order).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line (the export contract).")
@db_option
@pass_app
def claims(app: App, about: str | None, predicate: str | None, modality: str | None, document: str | None,
           limit: int | None, cursor: str | None, as_json: bool) -> None:
    """List claims, each with who says it and where, a page at a time with --limit and --after."""
    from claimgraph.profile import describe
    from claimgraph.store import records
    from claimgraph.views.names import all_unnamed_names, name_refs

    with app.engine.connect() as conn:
        ids = _resolve_name(conn, about)[:1] if about else None
        query = records.claims_query(ids, predicate=predicate, document_id=document, modality=modality)
        if limit is None and cursor is None:  # the whole list: one pass over the rows, as the export reads them
            unnamed = all_unnamed_names(conn)  # "unnamed perpetrator (<document>)", as every view shows it
            found = [name_refs(rec, unnamed) for rec in records.iter_claims(conn, query)]
            following = None
        else:
            found, following = _claims_page(conn, query, limit, cursor)
    for c in found:
        if as_json:
            click.echo(json.dumps(c, ensure_ascii=False))
        else:
            click.echo(describe(c))
            for ev in c["evidence"]:
                click.echo(f"    ↳ {ev['document']} [{ev['start']}:{ev['end']}] “{ev['text']}”")
    if following:
        click.echo(f"more: --after {following}", err=True)


def _claims_page(conn: Any, query: Any, limit: int | None, cursor: str | None
                 ) -> tuple[list[dict[str, Any]], str | None]:
    """A page of claim records after the cursor (as GET /api/claims pages them) and the next page's cursor."""
    from claimgraph.api.queries import claim_records
    from claimgraph.views.paging import BadCursor, after_claim, claim_key, encode_cursor

    if cursor:
        try:
            query = after_claim(query, "id", cursor)
        except BadCursor as exc:
            raise click.BadParameter(str(exc), param_hint="--after") from exc
    rows = list(conn.execute(query if limit is None else query.limit(limit + 1)).mappings())
    following = encode_cursor("id", claim_key(rows[limit - 1], "id")) if limit is not None and len(rows) > limit \
        else None
    return claim_records(conn, rows[:limit]), following


@click.command()
@click.argument("name")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="Placed claims on this page (the --after of the next page is printed to standard error).")
@click.option("--after", "cursor", default=None, metavar="CURSOR", help="The page after the one that printed it.")
@click.option("--json", "as_json", is_flag=True, help="The page as one JSON object (as GET /api/timeline).")
@db_option
@pass_app
def timeline(app: App, name: str, limit: int, cursor: str | None, as_json: bool) -> None:
    """Claims about an entity (name or id) with a time, earliest first, each with the span its time allows."""
    from sqlalchemy import select

    from claimgraph.api.queries import ClaimFilters, claim_records, merged_ids
    from claimgraph.store.schema import entities
    from claimgraph.views.paging import BadCursor
    from claimgraph.views.timeline_page import timeline_page

    with app.engine.connect() as conn:
        found = conn.execute(select(entities.c.id).where(entities.c.id == name)).scalar()
        entity = found or _resolve_name(conn, name)[0]
        try:
            page = timeline_page(conn, ClaimFilters(entity_ids=merged_ids(conn, entity)), limit, cursor,
                                 claim_records=claim_records)
        except BadCursor as exc:
            raise click.BadParameter(str(exc), param_hint="--after") from exc
    if as_json:
        click.echo(json.dumps(page, ensure_ascii=False))
    else:
        for item in page["items"]:
            p = item["placement"]
            span = p["start"] if p["start"] == p["end"] else f"{p['start']}..{p['end']}"
            basis = "" if p["basis"] == "stated" else f" [{p['basis']}]"
            click.echo(f"{span}{basis}  {item['text']}  ({item['source']})")
        if page["unplaced"]:
            click.echo(f"{page['unplaced_total']} times cannot be placed:")
            for item in page["unplaced"]:
                click.echo(f"    {item['time_text']}: {item['text']} ({item['unplaced_because']})")
    if page["next_cursor"]:
        click.echo(f"more: --after {page['next_cursor']}", err=True)


@click.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="The profile as one JSON object.")
@db_option
@pass_app
def profile(app: App, name: str, as_json: bool) -> None:
    """Print an entity's profile: every statement with its source and quoted passage."""
    from rich.console import Console
    from rich.markup import escape

    from claimgraph.profile import build_profile, to_json

    out = Console(highlight=False, soft_wrap=True)
    with app.engine.connect() as conn:
        prof = build_profile(conn, _resolve_name(conn, name)[0])
    if as_json:
        click.echo(json.dumps(to_json(prof), ensure_ascii=False, indent=2))
        return
    e = prof.entity
    out.rule(f"[bold]{escape(e['name'])}[/bold] ({escape(e['type'])})")
    out.print("[bold]Names and aliases[/bold]: " + (escape(", ".join(prof.aliases)) or "—"))
    if e.get("geo"):
        g = e["geo"]
        out.print(f"[bold]Location[/bold]: {g['lat']:.3f}, {g['lon']:.3f} ± {g.get('uncertainty_km', 0):.0f} km "
                  f"({escape(str(g.get('method')))})")
    out.print("[dim]Every line is what a source says, not an established fact.[/dim]")
    for title, lines in prof.sections.items():
        out.print(f"\n[bold underline]{escape(title)}[/bold underline]")
        for ln in lines:
            out.print(f"• {ln.text}", markup=False)
            for ev in ln.claim["evidence"][:3]:
                out.print(f"    ↳ {ev['document']} [{ev['start']}:{ev['end']}]: “{ev['text']}”", markup=False,
                          style="dim")
    if prof.conflicts:
        out.print("\n[bold underline]Disagreements between sources[/bold underline]")
        for c in prof.conflicts:
            out.print(f"• {c['kind']}: {c['note']}", markup=False)
    if getattr(prof, "changes", None):
        out.print("\n[bold underline]Changes over time[/bold underline]")
        for c in prof.changes:
            out.print(f"• {c['note']}", markup=False)
    if getattr(prof, "reference", None):
        from claimgraph.store.records import reference_text

        out.print("\n[bold underline]Reference knowledge (not from any document)[/bold underline]")
        for r in prof.reference:
            out.print(f"• {reference_text(r)}", markup=False)


class FormatOption(click.Option):
    """--format whose help lists the formats the plugins registered (known only after they load)."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        """The usual help with the current list of formats."""
        record = super().get_help_record(ctx)
        if record is None:
            return None
        return record[0], f"{record[1]} Formats: {', '.join(sorted(plugins.exporters()))}."


@click.command()
@click.option("--format", "fmt", cls=FormatOption, default="jsonl", show_default=True, help="Export format.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: settings export.out).")
@db_option
@pass_app
def export(app: App, fmt: str, out_dir: Path | None) -> None:
    """Export the store; `jsonl` writes the claims contract (spec/claims-format.md)."""
    from claimgraph.export.base import export_store

    formats = plugins.exporters()
    if fmt not in formats:
        raise click.ClickException(f"unknown format {fmt!r}; available: {', '.join(sorted(formats))}")
    target = out_dir or Path(app.settings.export.out)
    with app.engine.connect() as conn:
        written = export_store(conn, formats[fmt](target))
    for path in written:
        say(f"wrote {path}")


@click.command(name="config")
@pass_app
def show_config(app: App) -> None:
    """Print the effective settings as JSON."""
    click.echo(json.dumps(asdict(app.settings), indent=2))


@click.command()
@db_option
@pass_app
def stats(app: App) -> None:
    """Row counts of the store, and how many documents still wait for their cross-source steps."""
    from sqlalchemy import func, select

    from claimgraph.store.pending import pending_documents
    from claimgraph.store.schema import claims, documents, entities, evidence, mentions

    with app.engine.connect() as conn:
        for table in (documents, entities, mentions, claims, evidence):
            click.echo(f"{table.name}\t{conn.execute(select(func.count()).select_from(table)).scalar() or 0}")
        click.echo(f"pending_after_ingest\t{len(pending_documents(conn))}")


def _after_ingest_steps() -> Any:
    """The reasoning layer's after-ingest function, or None where that plugin is not installed."""
    try:
        from claimgraph.reason.plugin import after_ingest
    except ModuleNotFoundError:
        return None
    return after_ingest


@click.command()
@db_option
@pass_app
def repair(app: App) -> None:
    """Complete the cross-source steps of documents a killed or failed run left pending (every ingest does this too)."""
    from claimgraph.store.pending import complete_pending

    steps = _after_ingest_steps()
    if steps is None:
        say("nothing to repair: the reasoning plugin is not installed")
        return
    try:
        done = complete_pending(app.engine, steps)
    except Exception as exc:
        from claimgraph.ingest.sources import one_line

        raise click.ClickException(f"the cross-source steps failed: {one_line(exc)}") from None
    say(f"completed the cross-source steps of {len(done)} documents")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="The differences as one JSON object.")
@db_option
@pass_app
def check(app: App, as_json: bool) -> None:
    """Compare the derived data (copies, outlets, as_of, statuses) with a recomputation; exit 1 on any difference."""
    from claimgraph.store.pending import check_derived

    steps = _after_ingest_steps()
    if steps is None:
        raise click.ClickException("nothing to check: the reasoning plugin is not installed")
    report = check_derived(app.engine, steps)
    bad = {table: lines for table, lines in report.items() if lines}
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
    else:
        for table, lines in report.items():
            click.echo(f"{table}\t{'ok' if not lines else 'DIFFERS'}")
            for line in lines:
                click.echo(f"    {line}")
    if bad:
        sys.exit(1)


@plugins.hookimpl
def claimgraph_commands(cli: click.Group) -> None:
    """Register the built-in commands."""
    for command in (ingest, entities, claims, timeline, profile, export, show_config, stats, repair, check):
        cli.add_command(command)


