"""Commands of the places capability: `claimgraph places` and `claimgraph gazetteer load|status|lookup`."""

from __future__ import annotations

import json
from typing import Any

import click

from claimgraph.plugins import hookimpl


def _place_rows(conn: Any, unresolved: bool) -> list[dict[str, Any]]:
    from claimgraph.store import records

    rows = []
    for e in records.iter_entities(conn):
        if e["type"] not in ("Place", "Country") and not e.get("geo"):
            continue
        if unresolved and e.get("geo"):
            continue
        rows.append(e)
    return rows


@hookimpl
def claimgraph_commands(cli: click.Group) -> None:
    """`claimgraph places` and `claimgraph gazetteer load|status|lookup`."""
    from claimgraph.cli.main import App, db_option, pass_app

    @click.command()
    @click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
    @click.option("--unresolved", is_flag=True, help="Only places without coordinates.")
    @db_option
    @pass_app
    def places(app: App, as_json: bool, unresolved: bool) -> None:
        """List places and countries with their coordinates, uncertainty and how they were located."""
        with app.engine.connect() as conn:
            rows = _place_rows(conn, unresolved)
        for e in rows:
            if as_json:
                click.echo(json.dumps(e, ensure_ascii=False))
                continue
            g = e.get("geo") or {}
            where = (f"{g['lat']:.4f},{g['lon']:.4f} ±{g.get('uncertainty_km', 0):g} km ({g.get('method')})"
                     if g else "unresolved")
            gid = (e.get("external_ids") or {}).get("geonames")
            click.echo(f"{e['name']}\t{e['type']}\t{where}" + (f"\tgeonames:{gid}" if gid else ""))

    @click.group()
    def gazetteer() -> None:
        """The offline gazetteer: one read-only file per machine, shared by every store."""

    @gazetteer.command("load")
    @click.option("--min-population", type=int, default=None,
                  help="Smallest town population (default: setting geo.min_population).")
    @pass_app
    def load(app: App, min_population: int | None) -> None:
        """(Re)build the machine's gazetteer file: towns, divisions, countries and their names."""
        from claimgraph.geo import cache
        from claimgraph.geo.store import forget_indexes

        report = cache.build(min_population or app.settings.geo.min_population, app.settings.geo.cache_dir,
                             force=True)
        forget_indexes()
        click.echo(f"built {report.places:,} places in {report.seconds:.1f} s: {report.path}")

    @gazetteer.command("status")
    @pass_app
    def status(app: App) -> None:
        """Show where the gazetteer file is and whether it is built."""
        from claimgraph.geo import cache

        path = cache.cache_path(app.settings.geo.min_population, app.settings.geo.cache_dir)
        click.echo(f"file\t{path}")
        click.echo(f"version\t{cache.GAZETTEER_VERSION}")
        click.echo(f"source\t{cache.source_token()}")
        click.echo(f"min_population\t{app.settings.geo.min_population}")
        if path.exists():
            click.echo(f"size\t{path.stat().st_size:,} bytes")
        else:
            click.echo("built\tno (it is built on first use, or run: claimgraph gazetteer load)")

    @gazetteer.command("lookup")
    @click.argument("name")
    @click.option("--limit", type=int, default=5)
    @pass_app
    def lookup(app: App, name: str, limit: int) -> None:
        """Show the places a name may mean, best spelling match first."""
        from claimgraph.geo.store import gazetteer_for

        gaz = gazetteer_for(app.settings.store.url, app.settings.geo.min_population, app.settings.geo.cache_dir)
        for c in gaz.lookup(name)[:limit]:
            p = c.place
            click.echo(f"{c.name_score:.2f}\t{p.name}\t{p.kind}\t{p.country}\t{p.lat:.4f},{p.lon:.4f}\t"
                       f"pop {p.population:,}\tgeonames:{p.geonameid}")

    cli.add_command(places)
    cli.add_command(gazetteer)
