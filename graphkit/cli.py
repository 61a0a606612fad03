"""The `graphkit` command line: thin click wrappers over the library's public functions.

Each command parses its options, calls one library function and prints what it returned.
Options that several commands share are one decorator each: `extractor_options`,
`store_options` (--db FILE or --neo4j URI: which store), `neo4j_options` (a Neo4j server),
`format_option` and `graph_filter_options` (--relation, --actor, --since, ...).

Expected failures (bad input, a store that cannot be used) print one line and exit non-zero
(2 for bad input); they never show a traceback.
"""
from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import Any

import click

from .errors import GraphkitError
from .stores import NEO4J_BATCH_SIZE, QUERY_TIMEOUT

Command = Callable[..., Any]


def handle_errors(fn: Command) -> Command:
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
        except KeyboardInterrupt as e:
            detail = f"; {e}" if str(e) else ""  # a build says what it committed
            click.echo(f"graphkit: interrupted{detail}", err=True)
            sys.exit(130)
    return wrapper


def _options(fn: Command, *options: Callable[[Command], Command]) -> Command:
    """Apply click options so that --help lists them in the order given."""
    for opt in reversed(options):
        fn = opt(fn)
    return fn


def _options_of(options: list[Callable[[Command], Command]]) -> Callable[[Command], Command]:
    """A list of click options as one decorator."""
    return lambda fn: _options(fn, *options)


def extractor_options(fn: Command) -> Command:
    """--extractor, --actors, --model, --keep-unresolved: shared by every command that extracts.

    The wrapped command receives `extractor`, a ready extractor; with `auto` a line on stderr
    says which one runs.
    """
    @functools.wraps(fn)
    @handle_errors  # a bad --actors file or a missing model is a one-line error too
    def wrapper(*args: Any, extractor: str, actors: str | None, model: str | None,
                keep_unresolved: bool, **kwargs: Any) -> Any:
        from .extractors import make_extractor

        options: dict[str, Any] = {"actors": actors, "model": model, "keep_unresolved": keep_unresolved or None}
        ex, note = make_extractor(extractor, **{k: v for k, v in options.items() if v is not None})
        if note:
            click.echo(note, err=True)
        return fn(*args, extractor=ex, **kwargs)

    return _options(
        wrapper,
        click.option("--extractor", "-e", default="rules", show_default=True,
                     help="rules, dependency (needs graphkit[nlp]) or auto (dependency when "
                          "a spaCy model is installed, rules otherwise)."),
        click.option("--actors", "actors", type=click.Path(dir_okay=False),
                     help="YAML file of extra or overriding actors."),
        click.option("--model", default=None,
                     help="spaCy model for the dependency extractor (default en_core_web_sm)."),
        click.option("--keep-unresolved", is_flag=True,
                     help="dependency extractor: keep names the gazetteer lacks as actors of kind other."))


def _neo4j_flags(neo4j_help: str) -> list[Callable[[Command], Command]]:
    return [
        click.option("--neo4j", "neo4j_uri", default=None, metavar="URI", help=neo4j_help),
        click.option("--user", default=None, metavar="USER", help="Neo4j user [env NEO4J_USER; default: neo4j]."),
        click.option("--password-env", default=None, metavar="VAR",
                     help="Environment variable holding the Neo4j password [default: NEO4J_PASSWORD]. "
                          "Passwords are never taken on the command line."),
        click.option("--database", default=None, metavar="NAME",
                     help="Neo4j database [env NEO4J_DATABASE; default: the server's default]."),
    ]


def _settings(uri: str | None, user: str | None, password_env: str | None, database: str | None) -> Any:
    from .stores.neo4j import Neo4jSettings, quiet_driver_logs

    quiet_driver_logs()
    return Neo4jSettings.from_env(uri=uri, user=user, password_env=password_env, database=database)


def neo4j_options(fn: Command) -> Command:
    """--neo4j URI, --user, --password-env, --database: the command receives `settings`
    (graphkit.stores.neo4j.Neo4jSettings; the environment fills what is missing)."""
    @functools.wraps(fn)
    @handle_errors
    def wrapper(*args: Any, neo4j_uri: str | None, user: str | None, password_env: str | None,
                database: str | None, **kwargs: Any) -> Any:
        return fn(*args, settings=_settings(neo4j_uri, user, password_env, database), **kwargs)

    return _options(wrapper, *_neo4j_flags("Bolt URI, e.g. bolt://127.0.0.1:7687 [env NEO4J_URI]."))


def store_options(db_help: str) -> Callable[[Command], Command]:
    """--db FILE or --neo4j URI (with --user, --password-env, --database): which store. The
    command receives `store`: the SQLite file's path, or Neo4jSettings when --neo4j is given."""
    def deco(fn: Command) -> Command:
        @functools.wraps(fn)
        @handle_errors
        def wrapper(*args: Any, db: str, neo4j_uri: str | None, user: str | None,
                    password_env: str | None, database: str | None, **kwargs: Any) -> Any:
            store = _settings(neo4j_uri, user, password_env, database) if neo4j_uri else db
            return fn(*args, store=store, **kwargs)

        return _options(
            wrapper,
            click.option("--db", default="graphkit.db", show_default=True, type=click.Path(), help=db_help),
            *_neo4j_flags("Use the Neo4j server at URI instead of --db (password from NEO4J_PASSWORD)."))
    return deco


def format_option(*choices: str, default: str) -> Callable[[Command], Command]:
    """--format: how a command prints its rows; the command receives `fmt`."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default,
                        show_default=True, help="Output format.")


def graph_filter_options(fn: Command) -> Command:
    """The graph filters of view, export and analyze; the command receives `filters`, the
    keyword arguments of graphkit.graph.filtered_graph."""
    @functools.wraps(fn)
    def wrapper(*args: Any, relations: tuple[str, ...], actor: str | None, hops: int | None,
                since: str | None, until: str | None, min_mentions: int, plover: tuple[str, ...],
                speaker: str | None, **kwargs: Any) -> Any:
        filters = {"relations": relations, "actor": actor, "hops": hops, "since": since,
                   "until": until, "min_mentions": min_mentions, "plover": plover, "speaker": speaker}
        return fn(*args, filters=filters, **kwargs)

    return _options(
        wrapper,
        click.option("--relation", "relations", multiple=True, metavar="TYPE",
                     help="Keep only this relation type (repeatable), e.g. --relation ATTACKS."),
        click.option("--actor", default=None, metavar="NAME",
                     help="Keep only the neighbourhood of this actor (a name, alias or id)."),
        click.option("--hops", default=None, type=click.IntRange(min=0),
                     help="Radius around --actor, ignoring direction.  [default: 1]"),
        *_date_options(),
        click.option("--min-mentions", default=1, show_default=True, type=click.IntRange(min=1),
                     help="Keep a relation only when at least N stored relations report it."),
        _PLOVER_OPTION, _SPEAKER_OPTION)


_DATES = "(YYYY-MM-DD, YYYY-MM or YYYY; the event's date, else its article's)"
_PLOVER_OPTION = click.option("--plover", "plover", multiple=True, metavar="ROOT",
                              help="Keep only relations with this PLOVER root (repeatable), e.g. --plover ASSAULT.")
_SPEAKER_OPTION = click.option("--speaker", default=None, metavar="NAME",
                               help="Keep only the relations the text attributes to this actor "
                                    "(\"..., the minister said\"; a name, alias or id).")


def _date_options() -> list[Callable[[Command], Command]]:
    """--since and --until: the date range of the relations a command reads."""
    return [click.option("--since", default=None, metavar="DATE",
                         help=f"Keep relations dated on or after DATE {_DATES}."),
            click.option("--until", default=None, metavar="DATE",
                         help=f"Keep relations dated on or before DATE {_DATES}.")]


def parallel_options(fn: Command) -> Command:
    """--jobs N (worker processes; default the machine's cores) or --dask ADDRESS (a Dask
    cluster): where extraction runs. The command receives `jobs` and `dask`."""
    @functools.wraps(fn)
    def wrapper(*args: Any, jobs: int | None, dask: str | None, **kwargs: Any) -> Any:
        if dask and jobs is not None:
            raise click.UsageError("--jobs and --dask exclude each other: Dask decides how many workers run")
        if jobs is None:
            from .parallel import default_jobs

            jobs = 1 if dask else default_jobs()
        return fn(*args, jobs=jobs, dask=dask, **kwargs)

    return _options(
        wrapper,
        click.option("--jobs", "-j", default=None, type=click.IntRange(min=1), metavar="N",
                     help="Extract in N worker processes (1: in this process); the results are "
                          "written in input order, the same rows as with 1.  [default: the machine's cores]"),
        click.option("--dask", default=None, metavar="ADDRESS",
                     help="Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786; "
                          "needs graphkit[distributed]); articles are sent to the workers."))


def warn(message: str) -> None:
    click.echo(f"graphkit: warning: {message}", err=True)


READ_DB = "SQLite file made by `graphkit build` or `graphkit import`."
INPUTS_HELP = "INPUTS are .txt, .jsonl, .html or feed files, folders (read recursively), or - for stdin."


@click.group()
@click.version_option(package_name="graphkit")
def main() -> None:
    """graphkit: knowledge graphs of international relations from news text."""


# --- extract, eval, build, stats, import ------------------------------------------------------

@main.command()
@click.argument("inputs", nargs=-1, required=True)
@extractor_options
@format_option("jsonl", "csv", "table", default="jsonl")
@handle_errors
def extract(inputs: tuple[str, ...], extractor: Any, fmt: str) -> None:
    """Extract actor-relation-actor triples from articles.

    INPUTS are .txt, .jsonl, .html or feed files, folders (read recursively), or - for stdin.

    Example:

        graphkit extract examples/articles --format table
    """
    from .pipeline import extract_relations

    _print_relations(extract_relations(inputs, extractor=extractor), fmt)


@main.command("eval")
@click.argument("gold", type=click.Path())
@extractor_options
@click.option("--errors", "show_errors", is_flag=True, help="List false positives and misses.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@handle_errors
def eval_cmd(gold: str, extractor: Any, show_errors: bool, as_json: bool) -> None:
    """Score an extractor on a gold file: P/R/F1 per relation and micro-averaged.

    Example:

        graphkit eval tests/data/gold_dev.jsonl --errors
    """
    from .evaluate import evaluate, format_report

    report = evaluate(gold, extractor)
    click.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_report(report))
    if show_errors:
        for e in report.errors:
            click.echo(f"{e['case']:<8} {e['kind']}  {e['triple']:<50} | {e['text'][:140]}")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@store_options("SQLite file to build (created when missing, updated when it exists).")
@extractor_options
@parallel_options
@click.option("--batch-size", default=None, type=click.IntRange(min=1),
              help="Per transaction: articles into SQLite (default 500); relations with --neo4j "
                   f"(default {NEO4J_BATCH_SIZE}).")
@click.option("--id", "stdin_id", default=None, metavar="ID",
              help="Id of the article read from - (standard input); for JSON lines there, the "
                   "source their ids belong to.  [default: a hash of the text]")
@handle_errors
def build(inputs: tuple[str, ...], store: Any, extractor: Any, jobs: int, dask: str | None,
          batch_size: int | None, stdin_id: str | None) -> None:
    """Extract relations from articles into a graph store (SQLite, or Neo4j with --neo4j).

    INPUTS are .txt, .jsonl, .html or feed files, folders (read recursively), or - for stdin.
    All inputs are checked before anything is written; a re-run replaces what an earlier run
    derived from the same articles, so building twice changes nothing. An article's id comes
    from its file's resolved path (a JSONL record's or feed item's URL, stdin's text or --id),
    so two inputs never share one; replacing an article read from another input is reported.
    Extraction runs on every core (--jobs) or on a Dask cluster (--dask); one process writes,
    in input order.

    Examples:

        graphkit build examples/articles --db graphkit.db

        graphkit build news/ --db graphkit.db --jobs 4

        curl -s https://example.org/story.txt | graphkit build - --id example-story

        graphkit build examples/articles --neo4j bolt://127.0.0.1:7687

        graphkit build news/ --neo4j bolt://db:7687 --dask tcp://10.0.0.5:8786
    """
    from .build import build as run_build

    with _progress_bar() as bar:
        stats = run_build(inputs, store, extractor=extractor, batch_size=batch_size, progress=bar,
                          jobs=jobs, dask=dask, stdin_id=stdin_id)
    if stats.found == 0:
        warn(f"no articles found in {' '.join(inputs)}")
    if stats.duplicate_ids:
        n = len(stats.duplicate_ids)
        warn(f"{n} article {'id occurs' if n == 1 else 'ids occur'} more than once in the inputs (the last "
             f"of each is stored), e.g. {stats.duplicate_ids[0]!r} again at {stats.duplicate_at[0]}")
    _warn_other_input(stats)
    click.echo(stats.summary())


@main.command()
@click.option("--db", default="graphkit.db", show_default=True, type=click.Path(), help=READ_DB)
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@handle_errors
def stats(db: str, as_json: bool) -> None:
    """Summarise a graph store: counts by relation, PLOVER root and actor kind (agents by sector),
    the relations with an agent or unresolved actor, top actors, unresolved names.

    Example:

        graphkit stats --db graphkit.db
    """
    from .stores.sqlite import SQLiteStore

    with SQLiteStore(db, readonly=True) as store:
        s = store.stats()
    click.echo(json.dumps(s, indent=2, ensure_ascii=False) if as_json else _stats_text(db, s))


@main.command("import")
@click.argument("file", type=click.Path())
@store_options("SQLite file to load into (created when missing).")
@click.option("--skip-invalid", is_flag=True, help="Load the valid rows and count the others.")
@click.option("--actors", "actors", type=click.Path(dir_okay=False),
              help="YAML file of extra or overriding actors.")
@handle_errors
def import_cmd(file: str, store: Any, skip_invalid: bool, actors: str | None) -> None:
    """Import relations from a CSV (with a header row) or JSONL file into a graph store.

    Columns: subject, relation, object; optional date, source, url, negated, sentence, plover
    (the PLOVER root; by default the relation type's own).
    Without --skip-invalid, one bad row stops the import and nothing is written. Importing a
    file again replaces its earlier import (and only that file's: files are told apart by
    their resolved path).

    Examples:

        graphkit import examples/relations.csv --db graphkit.db

        graphkit import examples/relations.csv --neo4j bolt://127.0.0.1:7687
    """
    from .imports import import_relations

    r = import_relations(file, db=store, skip_invalid=skip_invalid, actors=actors)
    for line in _import_notes(r):
        click.echo(f"graphkit: {line}", err=True)
    _warn_other_input(r)
    skipped = ""
    if r.skipped_total:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(r.skipped.items()))
        skipped = f"; skipped {r.skipped_total} ({reasons})"
    removed = f"; removed {r.removed} rows no longer in the file" if r.removed else ""
    if r.migrated:
        removed += f"; re-keyed {r.migrated} rows from their old ids"
    click.echo(f"imported {r.imported} of {r.rows} rows from {file} into {r.db}{skipped}{removed}")


@main.command("relations")
@click.option("--db", default="graphkit.db", show_default=True, type=click.Path(), help=READ_DB)
@click.option("--subject", default=None, metavar="NAME", help="The acting actor (a name, alias or id).")
@click.option("--object", "object_", default=None, metavar="NAME", help="The actor acted on (a name, alias or id).")
@click.option("--relation", "relations", multiple=True, metavar="TYPE",
              help="Keep only this relation type (repeatable), e.g. --relation SUPPLIES.")
@click.option("--plover", "plover", multiple=True, metavar="ROOT",
              help="Keep only relations with this PLOVER root (repeatable), e.g. --plover AID.")
@_options_of(_date_options())
@click.option("--speaker", default=None, metavar="NAME",
              help="Keep only the relations the text attributes to this actor (a name, alias or id).")
@click.option("--all", "include_all", is_flag=True,
              help="Include what is not a fact: negated (\"did not send\") and modal (\"would send\") relations.")
@format_option("table", "csv", "json", default="table")
@handle_errors
def relations_cmd(db: str, subject: str | None, object_: str | None, relations: tuple[str, ...],
                  plover: tuple[str, ...], since: str | None, until: str | None, speaker: str | None,
                  include_all: bool, fmt: str) -> None:
    """Print the stored relations that match, with their sentences: the embedded store's answer
    to the named Cypher queries. Facts only unless --all; in date order (the event's date,
    else the article's).

    Examples:

        graphkit relations --db graphkit.db --object Ukraine --relation SUPPLIES

        graphkit relations --speaker Lavrov --all --format json
    """
    from .graph import find_relations
    from .stores.sqlite import SQLiteStore

    with SQLiteStore(db, readonly=True) as store:
        _print_relations(find_relations(store, subject=subject, object=object_, relation=relations or None,
                                        plover=plover or None, since=since, until=until, speaker=speaker,
                                        facts_only=not include_all), fmt)


@main.command("merge")
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--into", required=True, type=click.Path(dir_okay=False),
              help="SQLite store to merge into (created when missing).")
@handle_errors
def merge_cmd(sources: tuple[str, ...], into: str) -> None:
    """Merge SQLite stores into one: actors, articles, relations, roles, unresolved names.

    Each source is one transaction; an article in both stores is taken from the source, as a
    re-extraction replaces it, so merging twice changes nothing. A source that is the --into
    store itself is skipped.

    Example:

        graphkit merge march.db april.db --into spring.db
    """
    from .stores.sqlite import merge_stores

    for s in merge_stores(sources, into):
        stale = f", {s.removed} stale relations replaced" if s.removed else ""
        click.echo(f"merged {s.source} into {s.into}: {s.articles} articles, {s.relations} relations, "
                   f"{s.actors} actors{stale} ({s.seconds:.1f} s)")


# --- Neo4j: schema, load, query (cypher/README.md) ---------------------------------------------

@main.group("neo4j")
def neo4j_group() -> None:
    """Neo4j housekeeping: `graphkit neo4j init` sets up constraints and indexes, `graphkit neo4j
    import-bulk` imports a graph offline with neo4j-admin (the fast first load)."""


@neo4j_group.command("init")
@neo4j_options
@click.option("--schema", "schema_file", default=None, type=click.Path(dir_okay=False),
              help="Schema file to apply [default: graphkit's cypher/schema.cypher].")
@handle_errors
def neo4j_init(settings: Any, schema_file: str | None) -> None:
    """Create graphkit's constraints and indexes (idempotent: safe to run again).

    Example:

        NEO4J_PASSWORD=... graphkit neo4j init --neo4j bolt://127.0.0.1:7687
    """
    from .stores.neo4j import SCHEMA_FILE, Neo4jStore

    with Neo4jStore(settings, ensure_schema=False) as store:
        n = store.init_schema(schema_file or SCHEMA_FILE)
    click.echo(f"applied {n} schema statements to {settings.where}")


@neo4j_group.command("import-bulk")
@click.argument("folder", type=click.Path())
@click.option("--db", default=None, type=click.Path(dir_okay=False),
              help="SQLite store to export into FOLDER first (export and import in one step); "
                   "without it FOLDER must hold a `graphkit export --format neo4j-admin`.")
@click.option("--database", default="neo4j", show_default=True, help="Database to import into.")
@click.option("--neo4j-admin", "admin", default=None, metavar="COMMAND",
              help="The neo4j-admin command line [env NEO4J_ADMIN; default: neo4j-admin on PATH, "
                   "else $NEO4J_HOME/bin/neo4j-admin].")
@click.option("--overwrite", is_flag=True,
              help="Replace the database if it exists (deletes what it holds).")
@handle_errors
def neo4j_import_bulk(folder: str, db: str | None, database: str, admin: str | None,
                      overwrite: bool) -> None:
    """Bulk-import a graph into a stopped Neo4j with neo4j-admin: the fast first load.

    Writes the neo4j-admin export of --db into FOLDER (when given), then runs `neo4j-admin
    database import full` on it. Neo4j must be stopped; the database must be new (or
    --overwrite). Then start Neo4j and run `graphkit neo4j init` for the indexes.

    Example:

        graphkit neo4j import-bulk bulk --db graphkit.db && neo4j start && graphkit neo4j init
    """
    from .neo4j_bulk import import_bulk

    r = import_bulk(folder, source=db, database=database, admin=admin, overwrite=overwrite)
    click.echo(r.summary())
    click.echo("next: start Neo4j and run `graphkit neo4j init` (constraints and indexes)", err=True)


@main.command()
@click.option("--db", default="graphkit.db", show_default=True, type=click.Path(),
              help="SQLite store made by `graphkit build` or `graphkit import`.")
@neo4j_options
@click.option("--batch-size", default=NEO4J_BATCH_SIZE, show_default=True, type=click.IntRange(min=1),
              help="Relations per transaction (whole articles; a batch never splits one).")
@handle_errors
def load(db: str, settings: Any, batch_size: int) -> None:
    """Load an SQLite store into Neo4j (idempotent: loading twice changes nothing).

    Articles already in Neo4j are replaced by their rows in the store, so relations the store
    no longer holds for them are removed. The password comes from NEO4J_PASSWORD or the
    variable --password-env names.

    Example:

        graphkit load --db graphkit.db --neo4j bolt://127.0.0.1:7687
    """
    from .stores.neo4j import Neo4jStore
    from .stores.sqlite import SQLiteStore

    with SQLiteStore(db, readonly=True) as source, Neo4jStore(settings, batch_size=batch_size) as target:
        s = target.load_from(source)
    rate = s.relations / s.seconds if s.seconds > 0 else 0.0
    removed = f", {s.removed} stale removed" if s.removed else ""
    click.echo(f"loaded {db} into {settings.where}: {s.articles} articles, "
               f"{s.relations} relations{removed} in {s.seconds:.1f} s ({rate:.0f} relations/s)")


@main.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter; VALUE is parsed as JSON where it can be, else kept a string. Repeatable.")
@format_option("table", "csv", "json", default="table")
@click.option("--write", "allow_write", is_flag=True,
              help="Allow the query to write, change the schema or administer (default: read-only).")
@click.option("--timeout", default=QUERY_TIMEOUT, show_default=True, type=click.FloatRange(min=0),
              metavar="SECONDS", help="Transaction timeout: the server stops the query after this "
                                      "long (0: no limit).")
@neo4j_options
@handle_errors
def query(query: str, params: tuple[str, ...], fmt: str, allow_write: bool, timeout: float,
          settings: Any) -> None:
    """Run a Cypher query on Neo4j: a named query, a .cypher file, or Cypher text.

    A name such as who_supplies runs cypher/queries/who_supplies.cypher; its header lists the
    parameters it takes (`graphkit queries` lists them all). Values are always sent as
    parameters, never spliced into the query. Without --write the server plans the query first
    (EXPLAIN) and anything its plan would write or administer (TERMINATE TRANSACTIONS too) is
    refused; reads run in a read-access session. Ctrl-C terminates the running transaction on
    the server and exits 130.

    Examples:

        graphkit query who_supplies --param actor=Ukraine

        graphkit query 'MATCH (a:Actor {id: $id})-[r]->(b) RETURN type(r), b.name' -p id=RUS --format csv
    """
    from .cypher_queries import format_result, run_query

    keys, records, warnings = run_query(settings, query, params, write=allow_write, timeout=timeout)
    for w in warnings:
        warn(w)
    click.echo(format_result(keys, records, fmt), nl=False, color=True)  # color: keep the data as it is


@main.command("queries")
@handle_errors
def queries_cmd() -> None:
    """List the named queries `graphkit query NAME` runs, with what each answers and takes.

    Example:

        graphkit queries
    """
    from .cypher_queries import named_queries

    for q in named_queries():
        takes = " ".join(f"--param {p.name}=..." if p.required else f"[{p.name}]" for p in q.params.values())
        click.echo(f"{q.name:<24} {q.about}" + (f"\n{'':<24}   {takes}" if takes else ""))


# --- view, export, analyze: the graph of a store ----------------------------------------------

@main.command()
@store_options(READ_DB)
@graph_filter_options
@click.option("--out", "-o", default="graph.html", show_default=True, type=click.Path(dir_okay=False),
              help="HTML file to write.")
@click.option("--max-nodes", default=500, show_default=True, type=click.IntRange(min=1),
              help="Draw at most N actors: those with the most relations.")
@click.option("--color-by", type=click.Choice(["relation", "quad"]), default="relation",
              show_default=True, help="Colour edges by relation type or by QuadClass.")
@click.option("--include-negated", is_flag=True, help="Also draw negated relations (dashed).")
@click.option("--title", default="graphkit", show_default=True, help="Heading of the page.")
@click.option("--cypher", default=None, metavar="QUERY_OR_FILE",
              help="With --neo4j: draw what a query returns (text, .cypher file or named query, "
                   "whose graph form in cypher/queries/graph/ it uses when it has one).")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A --cypher query parameter (repeatable).")
@handle_errors
def view(store: Any, filters: dict[str, Any], out: str, max_nodes: int, color_by: str,
         include_negated: bool, title: str, cypher: str | None, params: tuple[str, ...]) -> None:
    """Write an interactive HTML page of the graph (self-contained: works offline).

    Actors are coloured and shaped by kind (agents and unresolved names stand out) and sized
    by their number of relations; edges are coloured by relation type, and all relations of
    one type between two actors are one edge. Hover an edge for its sentences, sources and
    PLOVER root, click to pin them; the legend's checkboxes show and hide actor kinds and
    relation types. Open page.html#actor=RUS to start with an actor selected.

    Examples:

        graphkit view --db graphkit.db --out graph.html

        graphkit view --actor Russia --hops 2 --since 2024-01-01 --color-by quad --out russia.html

        graphkit view --plover ASSAULT --plover COERCE --out force.html
    """
    from .cypher_queries import parse_params
    from .views import write_graph_view

    stats = write_graph_view(store, out, filters, cypher=cypher, params=parse_params(params),
                             color_by=color_by, max_nodes=max_nodes, title=title,
                             include_negated=include_negated)
    if stats.actors_total == 0:
        warn("no relations match; the page is empty")
    click.echo(f"wrote {stats.path}: {stats.summary} ({stats.edges_shown:,} edges, "
               f"{stats.bytes / 1e6:.1f} MB, {stats.seconds:.1f} s)")


@main.command("export")
@store_options(READ_DB)
@graph_filter_options
@click.option("--format", "fmt", required=True,
              type=click.Choice(["graphml", "gexf", "json", "neo4j-admin", "csv"]),
              help="graphml/gexf for Gephi, yEd, Cytoscape; json (node-link); neo4j-admin (or csv): "
                   "CSV files for `neo4j-admin database import full`.")
@click.option("--out", "-o", default=None, type=click.Path(),
              help="File to write, - for stdout; for neo4j-admin a folder that gets actors.csv, "
                   "articles.csv, relations.csv, reports.csv and acts_for.csv.  "
                   "[default: graph.<format>, neo4j-import/ for neo4j-admin]")
@click.option("--merged", is_flag=True,
              help="One edge per relation type and actor pair, with counts (not for neo4j-admin).")
@handle_errors
def export_cmd(store: Any, filters: dict[str, Any], fmt: str, out: str | None, merged: bool) -> None:
    """Export the graph as GraphML, GEXF, node-link JSON or Neo4j bulk-import CSV.

    Every relation is an edge with its type, PLOVER root, negation, modality, date, confidence,
    sentence and article; actors carry name, kind, acts_for and sector. The neo4j-admin format
    writes the whole Neo4j graph model (actors, articles, relations, REPORTS, ACTS_FOR) for
    `neo4j-admin database import full`; `graphkit neo4j import-bulk` exports and imports in one step.

    Examples:

        graphkit export --format gexf --out graph.gexf

        graphkit export --format neo4j-admin --out bulk
    """
    from .exports import export
    from .graph import resolve_filters, store_graph
    from .stores import open_store

    if fmt in ("neo4j-admin", "csv"):
        with open_store(store, readonly=True) as source:  # type: ignore[attr-defined]
            paths = export(source, fmt, out or "neo4j-import", merged=merged, **resolve_filters(source, **filters))
        click.echo(f"wrote {', '.join(paths)}", err=True)
        return
    G, _ = store_graph(store, **filters)
    paths = export(G, fmt, out or f"graph.{fmt}", merged=merged)
    if paths != ["-"]:
        click.echo(f"wrote {', '.join(paths)}: {G.number_of_nodes():,} actors, "
                   f"{G.number_of_edges():,} relations", err=True)


@main.command()
@store_options(READ_DB)
@graph_filter_options
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1),
              help="How many actors, communities and dyads to list.")
@click.option("--json", "as_json", is_flag=True, help="Print everything as JSON.")
@click.option("--include-negated", is_flag=True, help="Count negated relations too.")
@click.option("--include-modal", is_flag=True,
              help="Count relations with a modality too (plans, threats, conditionals, questions).")
@handle_errors
def analyze(store: Any, filters: dict[str, Any], top: int, as_json: bool, include_negated: bool,
            include_modal: bool) -> None:
    """Central actors, communities and the most conflictual and cooperative pairs.

    Centrality is degree (relations in and out) and PageRank; communities come from greedy
    modularity on the undirected graph; a dyad's balance counts cooperative (QuadClass 1-2)
    against conflictual (3-4) relations and sums their Goldstein scores. Facts only by default:
    negated relations ("did not send") are left out unless --include-negated, modal ones
    ("would send", "if ... withdraws") unless --include-modal.

    Examples:

        graphkit analyze --db graphkit.db --top 5

        graphkit analyze --since 2024 --json > analysis.json

        graphkit analyze --plover SANCTION --plover COERCE --top 5
    """
    from .graph import analyze as run_analysis, store_graph

    G, _ = store_graph(store, **filters)
    a = run_analysis(G, top=top, include_negated=include_negated, include_modal=include_modal)
    click.echo(json.dumps(a, indent=2, ensure_ascii=False) if as_json else _analysis_text(a, top))


@main.command("timeline")
@store_options(READ_DB)
@graph_filter_options
@click.option("--partner", default=None, metavar="NAME",
              help="With --actor: only the relations between the two (a dyad), either way.")
@click.option("--period", type=click.Choice(["month", "week"]), default="month", show_default=True,
              help="Count relations per calendar month or per ISO week.")
@click.option("--out", "-o", default="timeline.html", show_default=True, type=click.Path(dir_okay=False),
              help="File to write: .html (self-contained, offline), .svg, or .png (needs graphkit[png]).")
@click.option("--format", "fmt", type=click.Choice(["html", "svg", "png"]), default=None,
              help="Output format.  [default: from the --out suffix]")
@click.option("--title", default=None, help="Heading of the chart.  [default: who, and per what]")
@click.option("--include-negated", is_flag=True, help="Count negated relations too.")
@click.option("--include-modal", is_flag=True,
              help="Count relations with a modality too (plans, threats, conditionals, questions).")
@click.option("--json", "as_json", is_flag=True, help="Also print the periods as JSON.")
@handle_errors
def timeline_cmd(store: Any, filters: dict[str, Any], partner: str | None, period: str, out: str,
                 fmt: str | None, title: str | None, include_negated: bool, include_modal: bool,
                 as_json: bool) -> None:
    """Draw a timeline: relations per month or week, stacked by QuadClass, with the Goldstein
    balance as a line, so you see when a relationship turned.

    Of --actor's relations (with --partner: of the dyad's), else of all. Facts only unless
    --include-negated / --include-modal; the relation filters (--relation, --plover, --since,
    --speaker, ...) apply as for view. The HTML page and the SVG need nothing else; PNG needs
    `pip install 'graphkit[png]'`.

    Examples:

        graphkit timeline --db graphkit.db --actor Russia --partner Ukraine --out russia-ukraine.html

        graphkit timeline --actor Niger --period week --out niger.svg
    """
    from .timeline import store_timeline, summary, write_timeline

    tl = store_timeline(store, partner=partner, period=period, include_negated=include_negated,
                        include_modal=include_modal, **filters)
    written = write_timeline(tl, out, fmt=fmt, title=title)
    if not tl.periods:
        warn("no dated relations match; the timeline is empty")
    if as_json:
        click.echo(json.dumps(tl.as_dict(), indent=2, ensure_ascii=False))
    click.echo(f"wrote {out} ({written}): {summary(tl)}", err=as_json)


# --- printing ---------------------------------------------------------------------------------

@contextmanager
def _progress_bar() -> Any:
    """A one-line progress display on stderr while a build runs, when stderr is a terminal."""
    bar = _BuildProgress(sys.stderr) if sys.stderr.isatty() else None
    try:
        yield bar
    finally:
        if bar is not None:
            bar.done()


class _BuildProgress:
    """Articles done, triples found, articles/s, redrawn at most every `interval` seconds."""

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


def _warn_other_input(stats: Any) -> None:
    """The warning for articles that replaced one of the same id read from another input."""
    if stats.other_input:
        article_id, before, now = stats.other_input_examples[0]
        n = stats.other_input
        warn(f"{n} {'article' if n == 1 else 'articles'} replaced stored ones of the same id read from "
             f"another input, e.g. {article_id!r}, read from {before} before and from {now} now")


def _print_relations(rows: Iterable[Any], fmt: str) -> None:
    """Relations on stdout as they come: JSON lines (flushed each), a JSON array, CSV or an
    aligned table."""
    out = sys.stdout
    if fmt == "jsonl":
        for rel in rows:
            out.write(json.dumps(rel.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
    elif fmt == "json":
        sep = "["
        for rel in rows:
            out.write(sep + "\n" + json.dumps(rel.to_dict(), ensure_ascii=False))
            sep = ","
        out.write("[]\n" if sep == "[" else "\n]\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(["doc_id", "subject", "subject_id", "relation", "object", "object_id", "negated",
                         "modality", "what", "date", "confidence", "sentence", "speaker", "speaker_id",
                         "date_source", "article_date"])
        for r in rows:
            who = r.speaker.actor if r.speaker is not None else None
            writer.writerow([r.doc_id, r.subject.actor.name, r.subject.actor.id, r.relation, r.object.actor.name,
                             r.object.actor.id, r.negated, r.modality or "", r.what or "", r.date or "",
                             r.confidence, r.sentence, who.name if who else "", who.id if who else "",
                             r.date_source, r.article_date or ""])
    else:
        for r in rows:
            neg = "NOT " if r.negated else ""
            mod = f" [{r.modality}]" if r.modality else ""
            said = f" (said by {r.speaker.actor.name})" if r.speaker is not None else ""
            out.write(f"{r.date or '':<10}  {r.doc_id[:24]:<24}  {r.subject.actor.name[:24]:<24} {neg}{r.relation:<12} "
                      f"{r.object.actor.name[:24]:<24}{mod}{said}\n")


def _stats_text(db: str, s: dict[str, Any]) -> str:
    from .ontology import SECTORS

    dates = s["dates"]
    span = f" ({dates['first']} to {dates['last']})" if dates["first"] else ""
    lines = [f"{db}: {s['articles']} articles{span}, {s['relations']} relations "
             f"({s['negated']} negated), {s['actors']} actors, {s['roles']} roles"]
    for heading, counts in (("relations by type", s["by_relation"]), ("relations by PLOVER root", s["by_plover"]),
                            ("actors by kind", s["by_kind"])):
        if counts:
            lines += [f"{heading}:", *(f"  {name:<14}{n:>8}" for name, n in counts.items())]
    if s["agents_by_sector"]:
        lines += ["agents by sector:", *(f"  {(code + ' ' + SECTORS.get(code, '')).strip()[:30]:<30}{n:>8}"
                                         for code, n in s["agents_by_sector"].items())]
    for kind, n in s["relations_with_kind"].items():
        lines.append(f"relations with {'an' if kind[0] in 'aeiou' else 'a'} {kind} actor: {n}")
    if s["top_actors"]:
        lines += ["most connected actors:", *(f"  {a['id'][:24]:<24} {a['name'][:30]:<30} {a['kind']:<13}"
                                              f"{a['degree']:>6}" for a in s["top_actors"])]
    lines.append(f"actors no list knows (named from the text): {s['unlisted_actors']}, "
                 f"in {s['relations_with_unlisted']} relations; map them with --actors")
    if s.get("articles_before_input"):
        lines.append(f"articles stored under the ids of an older graphkit: {s['articles_before_input']}; "
                     "build (or import) their inputs again to give them their new ids")
    u = s["unresolved"]
    lines.append(f"mentions no actor was made of: {u['total']} ({u['distinct']} distinct)")
    lines += [f"  {m['mention'][:40]:<40}{m['count']:>6}" for m in u["top"]]
    return "\n".join(lines)


def _import_notes(r: Any) -> list[str]:
    notes = [f"skipped {msg}" for msg in r.errors[:5]]
    if r.skipped_total > 5:
        notes.append(f"... and {r.skipped_total - 5} more skipped rows")
    if r.ignored_columns:
        notes.append(f"note: ignored column(s) {', '.join(r.ignored_columns)}")
    if r.new_actors:
        names = ", ".join(f"{n} ({i})" for n, i in list(r.new_actors.items())[:10])
        more = f" and {len(r.new_actors) - 10} more" if len(r.new_actors) > 10 else ""
        notes.append(f"note: {len(r.new_actors)} names not in the gazetteer became actors of "
                     f"kind other: {names}{more}")
    return notes


def _analysis_text(a: dict[str, Any], top: int) -> str:
    out = [f"{a[k]:,} {word}" for k, word in (("negated_left_out", "negated"), ("modal_left_out", "modal"))
           if a.get(k)]
    left_out = f" ({' and '.join(out)}, left out: facts only)" if out else ""
    lines = [f"{a['actors']:,} actors, {a['relations']:,} relations{left_out}",
             "", "most central actors (by PageRank):",
             f"  {'actor':<30} {'kind':<13}{'relations':>10}{'partners':>10}{'pagerank':>10}"]
    for v in a["centrality"]:
        lines.append(f"  {str(v['name'])[:30]:<30} {v['kind']:<13}{v['degree']:>10}{v['neighbours']:>10}"
                     f"{v['pagerank']:>10.4f}")
    real = [g for g in a["communities"] if len(g) > 1]
    isolated = f" (and {a['isolated']} isolated actors)" if a["isolated"] else ""
    lines += ["", f"communities: {a['communities_total'] - a['isolated']} with two or more actors{isolated}"]
    for i, g in enumerate(real[:top], 1):
        members = ", ".join(str(m["name"]) for m in g[:8]) + (f", … (+{len(g) - 8})" if len(g) > 8 else "")
        lines.append(f"  {i:>2}. [{len(g)}] {members}")
    for label, rows in (("most conflictual pairs", a["most_conflictual"]),
                        ("most cooperative pairs", a["most_cooperative"])):
        lines += ["", f"{label} (by summed Goldstein score):"]
        if not rows:
            lines.append("  (none)")
            continue
        lines.append(f"  {'pair':<44}{'relations':>10}{'coop':>6}{'conflict':>9}{'Goldstein':>11}")
        for d in rows:
            pair = f"{d['names'][0]} – {d['names'][1]}"
            lines.append(f"  {pair[:44]:<44}{d['relations']:>10}{d['cooperative']:>6}{d['conflictual']:>9}"
                         f"{d['goldstein']:>+11.1f}")
    return "\n".join(lines)
