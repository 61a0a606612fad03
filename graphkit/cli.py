"""The `graphkit` command line: thin click wrappers over the library's public functions.

Expected failures (bad input, a store that cannot be used) print one line and exit non-zero
(2 for bad input); they never show a traceback.
"""
from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable
from typing import Any

import click

from .errors import GraphkitError


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn GraphkitError (and a closed stdout pipe) into a one-line message and an exit code."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except GraphkitError as e:
            click.echo(f"graphkit: error: {e}", err=True)
            sys.exit(e.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except KeyboardInterrupt:
            click.echo("graphkit: interrupted", err=True)
            sys.exit(130)
    return wrapper


def extractor_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--extractor and --actors, shared by every command that extracts."""
    fn = click.option("--actors", "actors", type=click.Path(dir_okay=False),
                      help="YAML file of extra or overriding actors.")(fn)
    fn = click.option("--extractor", "-e", default="rules", show_default=True,
                      help="Extractor: rules, dependency (needs graphkit[nlp]) or auto.")(fn)
    return fn


@click.group()
@click.version_option(package_name="graphkit")
def main() -> None:
    """graphkit: knowledge graphs of international relations from news text."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@extractor_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--model", default=None, help="spaCy model for the dependency extractor.")
@handle_errors
def extract(inputs: tuple[str, ...], extractor: str, actors: str | None, fmt: str, model: str | None) -> None:
    """Extract actor-relation-actor triples from articles.

    INPUTS are .txt, .jsonl, .html or feed files, folders (read recursively), or - for stdin.

    Example:

        graphkit extract examples/articles --format table
    """
    from .pipeline import extract_relations

    options = {"actors": actors}
    if model:
        options["model"] = model
    rows = extract_relations(inputs, extractor=extractor, **options)
    out = sys.stdout
    if fmt == "jsonl":
        for rel in rows:
            out.write(json.dumps(rel.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(["doc_id", "subject", "subject_id", "relation", "object", "object_id", "negated",
                         "modality", "what", "date", "confidence", "sentence"])
        for r in rows:
            writer.writerow([r.doc_id, r.subject.actor.name, r.subject.actor.id, r.relation, r.object.actor.name,
                             r.object.actor.id, r.negated, r.modality or "", r.what or "", r.date or "",
                             r.confidence, r.sentence])
    else:
        for r in rows:
            neg = "NOT " if r.negated else ""
            mod = f" [{r.modality}]" if r.modality else ""
            out.write(f"{r.doc_id[:24]:<24}  {r.subject.actor.name[:24]:<24} {neg}{r.relation:<12} "
                      f"{r.object.actor.name[:24]:<24}{mod}\n")


@main.command("eval")
@click.argument("gold", type=click.Path())
@extractor_options
@click.option("--errors", "show_errors", is_flag=True, help="List false positives and misses.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--model", default=None, help="spaCy model for the dependency extractor.")
@handle_errors
def eval_cmd(gold: str, extractor: str, actors: str | None, show_errors: bool, as_json: bool,
             model: str | None) -> None:
    """Score an extractor on a gold file: P/R/F1 per relation and micro-averaged.

    Example:

        graphkit eval tests/data/gold_dev.jsonl --errors
    """
    from .evaluate import evaluate, format_report

    options: dict[str, Any] = {"actors": actors}
    if model:
        options["model"] = model
    report = evaluate(gold, extractor, **options)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo(format_report(report))
    if show_errors:
        for e in report.errors:
            click.echo(f"{e['case']:<8} {e['kind']}  {e['triple']:<50} | {e['text'][:140]}")


# --- build, stats, import: the embedded store -------------------------------------------------

class _BuildProgress:
    """A one-line progress display on stderr: articles done, triples found, articles/s."""

    def __init__(self, stream: Any, interval: float = 0.1):
        self.stream = stream
        self.interval = interval
        self.last = -1.0
        self.shown = False

    def __call__(self, p: Any) -> None:
        if p.seconds - self.last < self.interval and p.articles < p.total:
            return
        self.last = p.seconds
        pct = f" {100 * p.articles // p.total:3d}%" if p.total else ""
        self.stream.write(f"\r{pct} {p.articles}/{p.total} articles, {p.relations} triples, "
                          f"{p.rate:.0f} articles/s ")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default="graphkit.db", show_default=True, type=click.Path(),
              help="SQLite file to build (created when missing, updated when it exists).")
@extractor_options
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(min=1),
              help="Articles per transaction.")
@click.option("--model", default=None, help="spaCy model for the dependency extractor.")
@handle_errors
def build(inputs: tuple[str, ...], db: str, extractor: str, actors: str | None, batch_size: int,
          model: str | None) -> None:
    """Extract relations from articles into a graph store (SQLite).

    INPUTS are .txt, .jsonl, .html or feed files, folders (read recursively), or - for stdin.
    All inputs are checked before anything is written; a re-run replaces what an earlier run
    derived from the same articles, so building twice changes nothing.

    Example:

        graphkit build examples/articles --db graphkit.db
    """
    from .build import build as run_build

    err = click.get_text_stream("stderr")
    bar = _BuildProgress(err) if err.isatty() else None
    options: dict[str, Any] = {"actors": actors}
    if model:
        options["model"] = model
    try:
        stats = run_build(inputs, db=db, extractor=extractor, batch_size=batch_size, progress=bar,
                          **options)
    finally:
        if bar is not None:
            bar.done()
    if stats.found == 0:
        click.echo(f"graphkit: warning: no articles found in {' '.join(inputs)}", err=True)
    if stats.duplicate_ids:
        click.echo(f"graphkit: warning: {len(stats.duplicate_ids)} article ids occur more than once "
                   f"(the later article replaces the earlier), e.g. {stats.duplicate_ids[0]!r}", err=True)
    rate = stats.articles / stats.seconds if stats.seconds > 0 else 0.0
    removed = f", {stats.removed} stale removed" if stats.removed else ""
    click.echo(f"built {db}: {stats.articles} articles, {stats.relations} relations{removed}, "
               f"{stats.unresolved} unresolved mentions in {stats.seconds:.1f} s ({rate:.0f} articles/s)")


@main.command()
@click.option("--db", default="graphkit.db", show_default=True, type=click.Path(),
              help="SQLite file made by `graphkit build` or `graphkit import`.")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@handle_errors
def stats(db: str, as_json: bool) -> None:
    """Summarise a graph store: counts by relation and actor kind, top actors, unresolved names.

    Example:

        graphkit stats --db graphkit.db
    """
    from .stores.sqlite import SQLiteStore

    with SQLiteStore(db, create=False) as store:
        s = store.stats()
    if as_json:
        click.echo(json.dumps(s, indent=2, ensure_ascii=False))
        return
    dates = s["dates"]
    span = f" ({dates['first']} to {dates['last']})" if dates["first"] else ""
    click.echo(f"{db}: {s['articles']} articles{span}, {s['relations']} relations "
               f"({s['negated']} negated), {s['actors']} actors, {s['roles']} roles")
    if s["by_relation"]:
        click.echo("relations by type:")
        for name, n in s["by_relation"].items():
            click.echo(f"  {name:<14}{n:>8}")
    if s["by_kind"]:
        click.echo("actors by kind:")
        for kind, n in s["by_kind"].items():
            click.echo(f"  {kind:<14}{n:>8}")
    if s["top_actors"]:
        click.echo("most connected actors:")
        for a in s["top_actors"]:
            click.echo(f"  {a['id'][:24]:<24} {a['name'][:30]:<30} {a['kind']:<13}{a['degree']:>6}")
    u = s["unresolved"]
    click.echo(f"unresolved mentions: {u['total']} ({u['distinct']} distinct)")
    for m in u["top"]:
        click.echo(f"  {m['mention'][:40]:<40}{m['count']:>6}")


@main.command("import")
@click.argument("file", type=click.Path())
@click.option("--db", default="graphkit.db", show_default=True, type=click.Path(),
              help="SQLite file to load into (created when missing).")
@click.option("--skip-invalid", is_flag=True, help="Load the valid rows and count the others.")
@click.option("--actors", "actors", type=click.Path(dir_okay=False),
              help="YAML file of extra or overriding actors.")
@handle_errors
def import_cmd(file: str, db: str, skip_invalid: bool, actors: str | None) -> None:
    """Import relations from a CSV (with a header row) or JSONL file into a graph store.

    Columns: subject, relation, object; optional date, source, url, negated, sentence.
    Without --skip-invalid, one bad row stops the import and nothing is written.

    Example:

        graphkit import examples/relations.csv --db graphkit.db
    """
    from .imports import import_relations

    r = import_relations(file, db=db, skip_invalid=skip_invalid, actors=actors)
    for msg in r.errors[:5]:
        click.echo(f"graphkit: skipped {msg}", err=True)
    if r.skipped_total > 5:
        click.echo(f"graphkit: ... and {r.skipped_total - 5} more skipped rows", err=True)
    if r.ignored_columns:
        click.echo(f"graphkit: note: ignored column(s) {', '.join(r.ignored_columns)}", err=True)
    if r.new_actors:
        names = ", ".join(f"{n} ({i})" for n, i in list(r.new_actors.items())[:10])
        more = f" and {len(r.new_actors) - 10} more" if len(r.new_actors) > 10 else ""
        click.echo(f"graphkit: note: {len(r.new_actors)} names not in the gazetteer became actors of "
                   f"kind other: {names}{more}", err=True)
    skipped = ""
    if r.skipped_total:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(r.skipped.items()))
        skipped = f"; skipped {r.skipped_total} ({reasons})"
    removed = f"; removed {r.removed} rows no longer in the file" if r.removed else ""
    click.echo(f"imported {r.imported} of {r.rows} rows from {file} into {db}{skipped}{removed}")
