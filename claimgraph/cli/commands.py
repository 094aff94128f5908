"""Built-in commands: ingest, entities, claims, profile, export, config."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from claimgraph import plugins
from claimgraph.cli.main import App, db_option, pass_app
from claimgraph.export.base import export_store
from claimgraph.ingest.sources import Failure, iter_documents
from claimgraph.pipeline import ingest as run_ingest
from claimgraph.profile import build_profile, to_json
from claimgraph.store import records

err = Console(stderr=True)
out = Console(highlight=False, soft_wrap=True)


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
    started = time.perf_counter()
    words = 0
    failures: list[Failure] = []

    def failed(f: Failure) -> None:
        failures.append(f)
        err.print(f"[red]error[/red]: {f}", highlight=False)

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("docs · {task.fields[wps]:,.0f} words/s"), TimeElapsedColumn(), console=err,
                  disable=quiet or not err.is_terminal, transient=False) as progress:
        task = progress.add_task("ingesting", total=None, wps=0.0)

        def done(_doc_id: str, n_words: int) -> None:
            nonlocal words
            words += n_words
            elapsed = max(1e-6, time.perf_counter() - started)
            progress.update(task, advance=1, wps=words / elapsed)

        if dask_scheduler:
            from claimgraph.ingest.distributed import ingest_on_dask

            app.engine  # noqa: B018 - migrate the store once, before the workers connect
            report = ingest_on_dask(iter_documents(inputs, published=published), app.settings, dask_scheduler)
            for failure in report.failures:
                failed(failure)
        else:
            report = run_ingest(iter_documents(inputs, published=published), app.settings, app.engine,
                                on_document=done, on_failure=failed)
    elapsed = time.perf_counter() - started
    err.print(f"stored {len(report.stored)} documents, {len(report.duplicates)} already stored, "
              f"{len(report.failures)} failed; {report.words:,} words in {elapsed:.1f} s "
              f"({report.words / max(elapsed, 1e-6):,.0f} words/s)", highlight=False)
    if report.failures:
        sys.exit(1)


@click.command()
@click.option("--type", "type_", default=None, help="Only entities of this type (Organization, Person, ...).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@db_option
@pass_app
def entities(app: App, type_: str | None, as_json: bool) -> None:
    """List entities with their aliases."""
    with app.engine.connect() as conn:
        for e in records.iter_entities(conn):
            if type_ and e["type"].lower() != type_.lower():
                continue
            if as_json:
                click.echo(json.dumps(e, ensure_ascii=False))
            else:
                aka = f"  (also: {', '.join(e['aliases'])})" if e["aliases"] else ""
                click.echo(f"{e['id']}\t{e['type']}\t{e['name']}{aka}")


def _resolve_name(conn, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    ids = records.find_entities(conn, name)
    if not ids:
        raise click.ClickException(f"no entity named {name!r}; try `claimgraph entities`")
    return ids


@click.command()
@click.option("--about", default=None, help="Only claims whose subject or object has this name.")
@click.option("--predicate", default=None, help="Only claims with this predicate.")
@click.option("--modality", default=None, help="Only claims with this modality.")
@click.option("--document", default=None, help="Only claims with evidence in this document id.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line (the export contract).")
@db_option
@pass_app
def claims(app: App, about: str | None, predicate: str | None, modality: str | None, document: str | None,
           as_json: bool) -> None:
    """List claims, each with who says it and where."""
    from claimgraph.profile import describe

    with app.engine.connect() as conn:
        ids = _resolve_name(conn, about)[:1] if about else None
        query = records.claims_query(ids, predicate=predicate, document_id=document, modality=modality)
        for c in records.iter_claims(conn, query):
            if as_json:
                click.echo(json.dumps(c, ensure_ascii=False))
            else:
                click.echo(describe(c))
                for ev in c["evidence"]:
                    click.echo(f"    ↳ {ev['document']} [{ev['start']}:{ev['end']}] “{ev['text']}”")


@click.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="The profile as one JSON object.")
@db_option
@pass_app
def profile(app: App, name: str, as_json: bool) -> None:
    """Print an entity's profile: every statement with its source and quoted passage."""
    with app.engine.connect() as conn:
        prof = build_profile(conn, _resolve_name(conn, name)[0])
    if as_json:
        click.echo(json.dumps(to_json(prof), ensure_ascii=False, indent=2))
        return
    e = prof.entity
    out.rule(f"[bold]{e['name']}[/bold] ({e['type']})")
    out.print("[bold]Names and aliases[/bold]: " + (", ".join(prof.aliases) or "—"))
    if e.get("geo"):
        g = e["geo"]
        out.print(f"[bold]Location[/bold]: {g['lat']:.3f}, {g['lon']:.3f} ± {g.get('uncertainty_km', 0):.0f} km "
                  f"({g.get('method')})")
    out.print("[dim]Every line is what a source says, not an established fact.[/dim]")
    for title, lines in prof.sections.items():
        out.print(f"\n[bold underline]{title}[/bold underline]")
        for ln in lines:
            out.print(f"• {ln.text}", markup=False)
            for ev in ln.claim["evidence"][:3]:
                out.print(f"    ↳ {ev['document']} [{ev['start']}:{ev['end']}]: “{ev['text']}”", markup=False,
                          style="dim")
    if prof.conflicts:
        out.print("\n[bold underline]Disagreements between sources[/bold underline]")
        for c in prof.conflicts:
            out.print(f"• {c['kind']}: {c['note']}", markup=False)


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
    formats = plugins.exporters()
    if fmt not in formats:
        raise click.ClickException(f"unknown format {fmt!r}; available: {', '.join(sorted(formats))}")
    target = out_dir or Path(app.settings.export.out)
    with app.engine.connect() as conn:
        written = export_store(conn, formats[fmt](target))
    for path in written:
        err.print(f"wrote {path}", highlight=False)


@click.command(name="config")
@pass_app
def show_config(app: App) -> None:
    """Print the effective settings as JSON."""
    click.echo(json.dumps(asdict(app.settings), indent=2))


@click.command()
@db_option
@pass_app
def stats(app: App) -> None:
    """Row counts of the store."""
    with app.engine.connect() as conn:
        for table, n in records.count_rows(conn).items():
            click.echo(f"{table}\t{n}")


@plugins.hookimpl
def claimgraph_commands(cli: click.Group) -> None:
    """Register the built-in commands."""
    for command in (ingest, entities, claims, profile, export, show_config, stats):
        cli.add_command(command)


