"""`claimgraph eval`: the seed article and the public dev sets, scored by the shared scorers."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from claimgraph import plugins
from claimgraph.cli.main import App, pass_app
from claimgraph.eval import CORPUS_SET, DEV_SETS, SEED_SET

ALL_SETS = (SEED_SET, CORPUS_SET, *DEV_SETS)
CORPUS_FIELDS = ("recall", "precision", "modality", "attribution", "aliases", "geo")
SEED_FIELDS = ("recall", "precision", "modality", "attribution", "erratum", "aliases", "geo", "evidence")


def _row(score) -> str:  # type: ignore[no-untyped-def]
    """One table line of a SetScore."""
    wps = score.words / score.seconds if score.seconds else 0.0
    return (f"{score.name:12}{score.task:11}{score.precision:8.4f}{score.recall:8.4f}{score.f1:8.4f}"
            f"{score.documents:7d}{wps:10,.0f}")


@click.command(name="eval")
@click.option("--limit", type=int, default=0, show_default=True,
              help="Score only the first N documents of each dev set (0 = all).")
@click.option("--set", "sets", multiple=True, type=click.Choice(ALL_SETS),
              help="Only this set (repeatable); default: the seed and every dev set.")
@click.option("--shared", "shared", default=None,
              help="The shared folder with eval/ and eval-data/ (default: ../shared or $CLAIMGRAPH_SHARED).")
@click.option("--speed", type=int, default=0,
              help="Also time N BBC articles: full ingest against spaCy alone (words/s).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line instead of the table.")
@pass_app
def eval_command(app: App, limit: int, sets: tuple[str, ...], shared: str | None, speed: int,
                 as_json: bool) -> None:
    """Score extraction quality: seed article (score.py), NER, relations and events (score_common.py).

    Each set is ingested into a temporary store (the configured store is not touched),
    exported and scored; the table shows micro precision, recall and F1 of each set's task.
    """
    # the runner pulls in the whole pipeline: imported here so other commands start fast
    from claimgraph.eval.runner import SharedDataMissing, run_dev_corpus, run_dev_set, run_seed, shared_dir

    try:
        root = shared_dir(shared)
    except SharedDataMissing as exc:
        raise click.ClickException(str(exc)) from None
    chosen = sets or ALL_SETS
    if not as_json:
        click.echo(f"{'set':12}{'task':11}{'P':>8}{'R':>8}{'F1':>8}{'docs':>7}{'words/s':>10}")
    for name in chosen:
        settings = _copy(app)
        if name == SEED_SET:
            score = run_seed(root, settings)
        elif name == CORPUS_SET:
            score = run_dev_corpus(root, settings)
        else:
            score = run_dev_set(name, limit, root, settings)
        if as_json:
            click.echo(json.dumps(asdict(score)))
            continue
        click.echo(_row(score))
        if name == SEED_SET:
            fields = " ".join(f"{k}={score.extra[k]:.2f}" for k in SEED_FIELDS if isinstance(score.extra.get(k), float))
            click.echo(f"{'':12}seed fields: {fields}")
        if name == CORPUS_SET:
            fields = " ".join(f"{k}={score.extra[k]:.2f}" for k in CORPUS_FIELDS
                              if isinstance(score.extra.get(k), float))
            click.echo(f"{'':12}corpus fields: {fields}")
    if speed:
        _speed(app, root, speed, as_json)


def _copy(app: App):  # type: ignore[no-untyped-def]
    """A private copy of the settings, so the eval store never replaces the configured one."""
    import copy

    return copy.deepcopy(app.settings)


def _speed(app: App, root, n: int, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.eval.speed import measure, read_texts

    docs = read_texts(root / "eval-data" / "bbc-news" / "bbc_news_2225.jsonl", n)
    t = measure(docs, _copy(app))
    if as_json:
        click.echo(json.dumps({"speed_documents": t.documents, "words": t.words, "nlp_wps": t.nlp_wps,
                               "ingest_wps": t.ingest_wps}))
    else:
        click.echo(f"speed: {t.documents} BBC articles, {t.words:,} words: spaCy alone {t.nlp_wps:,.0f} words/s, "
                   f"full ingest {t.ingest_wps:,.0f} words/s ({t.ingest_wps / max(t.nlp_wps, 1e-9):.0%})")


@plugins.hookimpl
def claimgraph_commands(cli: click.Group) -> None:
    """Register `claimgraph eval`."""
    cli.add_command(eval_command)
