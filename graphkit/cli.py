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
from .stores import NEO4J_BATCH_SIZE, QUERY_TIMEOUT


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

    wrapper = click.option("--keep-unresolved", is_flag=True,
                           help="dependency extractor: keep names the gazetteer lacks as actors "
                                "of kind other.")(wrapper)
    wrapper = click.option("--model", default=None,
                           help="spaCy model for the dependency extractor (default en_core_web_sm).")(wrapper)
    wrapper = click.option("--actors", "actors", type=click.Path(dir_okay=False),
                           help="YAML file of extra or overriding actors.")(wrapper)
    wrapper = click.option("--extractor", "-e", default="rules", show_default=True,
                           help="rules, dependency (needs graphkit[nlp]) or auto (dependency when "
                                "a spaCy model is installed, rules otherwise).")(wrapper)
    return wrapper


@click.group()
@click.version_option(package_name="graphkit")
def main() -> None:
    """graphkit: knowledge graphs of international relations from news text."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@extractor_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl",
              show_default=True, help="Output format.")
@handle_errors
def extract(inputs: tuple[str, ...], extractor: Any, fmt: str) -> None:
    """Extract actor-relation-actor triples from articles.

    INPUTS are .txt, .jsonl, .html or feed files, folders (read recursively), or - for stdin.

    Example:

        graphkit extract examples/articles --format table
    """
    from .pipeline import extract_relations

    rows = extract_relations(inputs, extractor=extractor)
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
@handle_errors
def eval_cmd(gold: str, extractor: Any, show_errors: bool, as_json: bool) -> None:
    """Score an extractor on a gold file: P/R/F1 per relation and micro-averaged.

    Example:

        graphkit eval tests/data/gold_dev.jsonl --errors
    """
    from .evaluate import evaluate, format_report

    report = evaluate(gold, extractor)
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
@click.option("--batch-size", default=None, type=click.IntRange(min=1),
              help="Per transaction: articles into SQLite (default 500); relations with --neo4j "
                   f"(default {NEO4J_BATCH_SIZE}).")
@click.option("--neo4j", "neo4j_uri", default=None, metavar="URI",
              help="Extract straight into Neo4j at URI instead of --db (user, password and "
                   "database from NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE).")
@handle_errors
def build(inputs: tuple[str, ...], db: str, extractor: Any, batch_size: int | None,
          neo4j_uri: str | None = None) -> None:
    """Extract relations from articles into a graph store (SQLite).

    INPUTS are .txt, .jsonl, .html or feed files, folders (read recursively), or - for stdin.
    All inputs are checked before anything is written; a re-run replaces what an earlier run
    derived from the same articles, so building twice changes nothing.

    Example:

        graphkit build examples/articles --db graphkit.db
    """
    from .build import build as run_build

    bar = _BuildProgress(sys.stderr) if sys.stderr.isatty() else None
    options: dict[str, Any] = {}
    # --batch-size counts articles for SQLite and relations for Neo4j: unset, each keeps its default
    sizing: dict[str, Any] = {} if batch_size is None else {"batch_size": batch_size}
    if neo4j_uri:
        from .stores.neo4j import build_into_neo4j

        settings = _neo4j_settings(neo4j_uri, None, None, None)
        s = build_into_neo4j(inputs, settings, extractor=extractor, **sizing, **options)
        removed = f", {s.removed} stale removed" if s.removed else ""
        click.echo(f"built {settings.where}: {s.articles} articles, {s.relations} relations{removed}, "
                   f"{s.unresolved} unresolved mentions in {s.seconds:.1f} s")
        return
    try:
        stats = run_build(inputs, db=db, extractor=extractor, progress=bar, **sizing, **options)
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
    """Summarise a graph store: counts by relation, PLOVER root and actor kind (agents by sector),
    the relations with an agent or unresolved actor, top actors, unresolved names.

    Example:

        graphkit stats --db graphkit.db
    """
    from .stores.sqlite import SQLiteStore

    with SQLiteStore(db, readonly=True) as store:
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
    if s["by_plover"]:
        click.echo("relations by PLOVER root:")
        for root, n in s["by_plover"].items():
            click.echo(f"  {root:<14}{n:>8}")
    if s["by_kind"]:
        click.echo("actors by kind:")
        for kind, n in s["by_kind"].items():
            click.echo(f"  {kind:<14}{n:>8}")
    if s["agents_by_sector"]:
        from .ontology import SECTORS

        click.echo("agents by sector:")
        for code, n in s["agents_by_sector"].items():
            click.echo(f"  {(code + ' ' + SECTORS.get(code, '')).strip()[:30]:<30}{n:>8}")
    for kind, n in s["relations_with_kind"].items():
        article = "an" if kind[0] in "aeiou" else "a"
        click.echo(f"relations with {article} {kind} actor: {n}")
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

    Columns: subject, relation, object; optional date, source, url, negated, sentence, plover
    (the PLOVER root; by default the relation type's own).
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


# --- Neo4j: schema, load, query (cypher/README.md) ---------------------------------------------

def neo4j_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--neo4j URI, --user, --password-env, --database; the environment fills what is missing."""
    fn = click.option("--database", default=None, metavar="NAME",
                      help="Database name [env NEO4J_DATABASE; default: the server's default].")(fn)
    fn = click.option("--password-env", default=None, metavar="VAR",
                      help="Environment variable holding the password [default: NEO4J_PASSWORD]. "
                           "Passwords are never taken on the command line.")(fn)
    fn = click.option("--user", default=None, metavar="USER", help="User name [env NEO4J_USER; default: neo4j].")(fn)
    fn = click.option("--neo4j", "neo4j_uri", default=None, metavar="URI",
                      help="Bolt URI, e.g. bolt://127.0.0.1:7687 [env NEO4J_URI].")(fn)
    return fn


def _neo4j_settings(neo4j_uri: str | None, user: str | None, password_env: str | None,
                    database: str | None) -> Any:
    from .stores.neo4j import Neo4jSettings, quiet_driver_logs

    quiet_driver_logs()
    return Neo4jSettings.from_env(uri=neo4j_uri, user=user, password_env=password_env, database=database)


@main.group("neo4j")
def neo4j_group() -> None:
    """Neo4j housekeeping: `graphkit neo4j init` sets up constraints and indexes."""


@neo4j_group.command("init")
@neo4j_options
@click.option("--schema", "schema_file", default=None, type=click.Path(dir_okay=False),
              help="Schema file to apply [default: cypher/schema.cypher].")
@handle_errors
def neo4j_init(neo4j_uri: str | None, user: str | None, password_env: str | None,
               database: str | None, schema_file: str | None) -> None:
    """Create graphkit's constraints and indexes (idempotent: safe to run again).

    Example:

        NEO4J_PASSWORD=... graphkit neo4j init --neo4j bolt://127.0.0.1:7687
    """
    from .stores.neo4j import SCHEMA_FILE, Neo4jStore

    settings = _neo4j_settings(neo4j_uri, user, password_env, database)
    with Neo4jStore(settings, ensure_schema=False) as store:
        n = store.init_schema(schema_file or SCHEMA_FILE)
    click.echo(f"applied {n} schema statements to {settings.where}")


@main.command()
@click.option("--db", default="graphkit.db", show_default=True, type=click.Path(),
              help="SQLite store made by `graphkit build` or `graphkit import`.")
@neo4j_options
@click.option("--batch-size", default=NEO4J_BATCH_SIZE, show_default=True, type=click.IntRange(min=1),
              help="Relations per transaction (whole articles; a batch never splits one).")
@handle_errors
def load(db: str, neo4j_uri: str | None, user: str | None, password_env: str | None,
         database: str | None, batch_size: int) -> None:
    """Load an SQLite store into Neo4j (idempotent: loading twice changes nothing).

    Articles already in Neo4j are replaced by their rows in the store, so relations the store
    no longer holds for them are removed. The password comes from NEO4J_PASSWORD or the
    variable --password-env names.

    Example:

        graphkit load --db graphkit.db --neo4j bolt://127.0.0.1:7687
    """
    from .stores.neo4j import Neo4jStore
    from .stores.sqlite import SQLiteStore

    settings = _neo4j_settings(neo4j_uri, user, password_env, database)
    with SQLiteStore(db, readonly=True) as source, Neo4jStore(settings, batch_size=batch_size) as target:
        stats = target.load_from(source)
    rate = stats.relations / stats.seconds if stats.seconds > 0 else 0.0
    removed = f", {stats.removed} stale removed" if stats.removed else ""
    click.echo(f"loaded {db} into {settings.where}: {stats.articles} articles, "
               f"{stats.relations} relations{removed} in {stats.seconds:.1f} s ({rate:.0f} relations/s)")


@main.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter; VALUE is parsed as JSON where it can be, else kept a string. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--write", "allow_write", is_flag=True,
              help="Allow the query to write, change the schema or administer (default: read-only).")
@click.option("--timeout", default=QUERY_TIMEOUT, show_default=True, type=click.FloatRange(min=0),
              metavar="SECONDS", help="Transaction timeout: the server stops the query after this "
                                      "long (0: no limit).")
@neo4j_options
@handle_errors
def query(query: str, params: tuple[str, ...], fmt: str, allow_write: bool, timeout: float,
          neo4j_uri: str | None, user: str | None, password_env: str | None, database: str | None) -> None:
    """Run a Cypher query on Neo4j: a named query, a .cypher file, or Cypher text.

    A name such as who_supplies runs cypher/queries/who_supplies.cypher; its header lists the
    parameters it takes. Values are always sent as parameters, never spliced into the query.
    Without --write the server plans the query first (EXPLAIN) and anything its plan would
    write or administer (TERMINATE TRANSACTIONS too) is refused; reads run in a read-access
    session. Ctrl-C terminates the running transaction on the server and exits 130.

    Examples:

        graphkit query who_supplies --param actor=Ukraine

        graphkit query 'MATCH (a:Actor {id: $id})-[r]->(b) RETURN type(r), b.name' -p id=RUS --format csv
    """
    from .cypher_queries import format_result, load_query, parse_params
    from .stores.neo4j import Neo4jStore

    q = load_query(query)
    bound = q.bind(parse_params(params))
    settings = _neo4j_settings(neo4j_uri, user, password_env, database)
    with Neo4jStore(settings, ensure_schema=False) as store:
        keys, records = store.run(q.text, bound, write=allow_write, timeout=timeout)
        warnings = [] if q.declared else store.warnings
    for w in warnings:
        click.echo(f"graphkit: warning: {w}", err=True)
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
        summary = q.summary[len(f"{q.name}:"):].strip() if q.summary.startswith(f"{q.name}:") else q.summary
        takes = " ".join(f"--param {p.name}=..." if p.required else f"[{p.name}]" for p in q.params.values())
        click.echo(f"{q.name:<24} {summary}" + (f"\n{'':<24}   {takes}" if takes else ""))


# --- view, export, analyze: the graph of a store ----------------------------------------------

def graph_filter_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--db and the filters shared by view, export and analyze."""
    for opt in reversed([
        click.option("--db", default="graphkit.db", show_default=True, type=click.Path(),
                     help="SQLite file made by `graphkit build` or `graphkit import`."),
        click.option("--relation", "relations", multiple=True, metavar="TYPE",
                     help="Keep only this relation type (repeatable), e.g. --relation ATTACKS."),
        click.option("--actor", default=None, metavar="NAME",
                     help="Keep only the neighbourhood of this actor (a name, alias or id)."),
        click.option("--hops", default=None, type=click.IntRange(min=0),
                     help="Radius around --actor, ignoring direction.  [default: 1]"),
        click.option("--since", default=None, metavar="DATE",
                     help="Keep relations dated on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)."),
        click.option("--until", default=None, metavar="DATE",
                     help="Keep relations dated on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY)."),
        click.option("--min-mentions", default=1, show_default=True, type=click.IntRange(min=1),
                     help="Keep a relation only when at least N stored relations report it."),
        click.option("--plover", "plover", multiple=True, metavar="ROOT",
                     help="Keep only relations with this PLOVER root (repeatable), e.g. --plover ASSAULT."),
    ]):
        fn = opt(fn)
    return fn


def _store_graph(db: str, relations: tuple[str, ...], actor: str | None, hops: int | None,
                 since: str | None, until: str | None, min_mentions: int,
                 plover: tuple[str, ...] = ()) -> tuple[Any, dict[str, Any]]:
    """The filtered graph of the store `db`, and the filters as to_networkx took them."""
    from .errors import InputError
    from .graph import plover_roots, to_networkx
    from .ontology import UnknownRelation, get_relation
    from .stores.sqlite import SQLiteStore

    names = []
    for r in relations:
        try:
            names.append(get_relation(r).name)
        except UnknownRelation as e:
            raise InputError(str(e)) from None
    roots = plover_roots(plover)
    if hops is not None and actor is None:
        raise InputError("--hops needs --actor")
    with SQLiteStore(db, readonly=True) as store:
        actor_id = _resolve_actor(actor, store) if actor is not None else None
        filters: dict[str, Any] = {"relations": names or None, "actor": actor_id, "hops": hops,
                                   "since": since, "until": until, "min_mentions": min_mentions,
                                   "plover": sorted(roots) if roots else None}
        G = to_networkx(store, **filters)
    return G, filters


def _resolve_actor(name: str, store: Any) -> str:
    """An actor id for `name`: the gazetteer's resolver first, then the store's own actors."""
    from .actors import Resolver
    from .errors import InputError

    actor = Resolver().resolve(name)
    if actor is not None:
        return actor.id
    wanted = name.strip().casefold()
    for row in store.actors():
        if wanted in (str(row["id"]).casefold(), str(row.get("name") or "").casefold()):
            return row["id"]
    raise InputError(f"unknown actor {name!r} (not in the gazetteer nor in the store)")


@main.command()
@graph_filter_options
@click.option("--out", "-o", default="graph.html", show_default=True, type=click.Path(dir_okay=False),
              help="HTML file to write.")
@click.option("--max-nodes", default=500, show_default=True, type=click.IntRange(min=1),
              help="Draw at most N actors: those with the most relations.")
@click.option("--color-by", type=click.Choice(["relation", "quad"]), default="relation",
              show_default=True, help="Colour edges by relation type or by QuadClass.")
@click.option("--include-negated", is_flag=True, help="Also draw negated relations (dashed).")
@click.option("--title", default="graphkit", show_default=True, help="Heading of the page.")
@click.option("--neo4j", "neo4j_uri", default=None, metavar="URI",
              help="Draw from Neo4j instead of --db (with --cypher; password from NEO4J_PASSWORD).")
@click.option("--cypher", default=None, metavar="QUERY_OR_FILE",
              help="With --neo4j: a query (text, .cypher file or named query) returning nodes, "
                   "relationships or paths; a named query's graph form (cypher/queries/graph/) "
                   "when it has one.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A --cypher query parameter (repeatable).")
@handle_errors
def view(db: str, relations: tuple[str, ...], actor: str | None, hops: int | None, since: str | None,
         until: str | None, min_mentions: int, plover: tuple[str, ...], out: str, max_nodes: int, color_by: str,
         include_negated: bool, title: str, neo4j_uri: str | None = None, cypher: str | None = None,
         params: tuple[str, ...] = ()) -> None:
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
    from .views import write_view

    if neo4j_uri or cypher:
        G, filters = _neo4j_graph(neo4j_uri, cypher, params, relations, actor, hops, since, until,
                                  min_mentions, plover)
    else:
        G, filters = _store_graph(db, relations, actor, hops, since, until, min_mentions, plover)
    stats = write_view(G, out, color_by=color_by, max_nodes=max_nodes, title=title,
                       include_negated=include_negated,
                       filters_line=_filters_text(filters, G))
    if stats.actors_total == 0:
        click.echo("graphkit: warning: no relations match; the page is empty", err=True)
    click.echo(f"wrote {stats.path}: {stats.summary} ({stats.edges_shown:,} edges, "
               f"{stats.bytes / 1e6:.1f} MB, {stats.seconds:.1f} s)")


def _filters_text(filters: dict[str, Any], G: Any) -> str:
    from .views import describe_filters

    return describe_filters(filters, G)


@main.command("export")
@graph_filter_options
@click.option("--format", "fmt", required=True, type=click.Choice(["graphml", "gexf", "json", "csv"]),
              help="graphml/gexf for Gephi, yEd, Cytoscape; json (node-link); csv for neo4j-admin import.")
@click.option("--out", "-o", default=None, type=click.Path(),
              help="File to write, - for stdout; for csv a folder that gets actors.csv and "
                   "relations.csv.  [default: graph.<format>, neo4j-import/ for csv]")
@click.option("--merged", is_flag=True,
              help="One edge per relation type and actor pair, with counts (not for csv).")
@handle_errors
def export_cmd(db: str, relations: tuple[str, ...], actor: str | None, hops: int | None,
               since: str | None, until: str | None, min_mentions: int, plover: tuple[str, ...],
               fmt: str, out: str | None, merged: bool) -> None:
    """Export the graph as GraphML, GEXF, node-link JSON or Neo4j bulk-import CSV.

    Every relation is an edge with its type, PLOVER root, negation, modality, date, confidence,
    sentence and article; actors carry name, kind, acts_for and sector. The csv format writes actors.csv and
    relations.csv for `neo4j-admin database import full`.

    Examples:

        graphkit export --format gexf --out graph.gexf

        graphkit export --format csv --out neo4j-import
        neo4j-admin database import full neo4j --nodes=neo4j-import/actors.csv --relationships=neo4j-import/relations.csv
    """
    from .exports import export

    G, _ = _store_graph(db, relations, actor, hops, since, until, min_mentions, plover)
    if out is None:
        out = "neo4j-import" if fmt == "csv" else f"graph.{fmt}"
    paths = export(G, fmt, out, merged=merged)
    if paths != ["-"]:
        click.echo(f"wrote {', '.join(paths)}: {G.number_of_nodes():,} actors, "
                   f"{G.number_of_edges():,} relations", err=True)


@main.command()
@graph_filter_options
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1),
              help="How many actors, communities and dyads to list.")
@click.option("--json", "as_json", is_flag=True, help="Print everything as JSON.")
@click.option("--include-negated", is_flag=True, help="Count negated relations too.")
@handle_errors
def analyze(db: str, relations: tuple[str, ...], actor: str | None, hops: int | None, since: str | None,
            until: str | None, min_mentions: int, plover: tuple[str, ...], top: int, as_json: bool,
            include_negated: bool) -> None:
    """Central actors, communities and the most conflictual and cooperative pairs.

    Centrality is degree (relations in and out) and PageRank; communities come from greedy
    modularity on the undirected graph; a dyad's balance counts cooperative (QuadClass 1-2)
    against conflictual (3-4) relations and sums their Goldstein scores. Negated relations are
    left out unless --include-negated.

    Examples:

        graphkit analyze --db graphkit.db --top 5

        graphkit analyze --since 2024 --json > analysis.json

        graphkit analyze --plover SANCTION --plover COERCE --top 5
    """
    from .graph import centrality, communities, dyad_balance

    G, _ = _store_graph(db, relations, actor, hops, since, until, min_mentions, plover)
    scores = centrality(G, include_negated=include_negated)
    groups = communities(G, include_negated=include_negated)
    dyads = dyad_balance(G, include_negated=include_negated)
    conflictual = [d for d in dyads if d["goldstein"] < 0][:top]
    cooperative = [d for d in reversed(dyads) if d["goldstein"] > 0][:top]
    name = {n: G.nodes[n].get("name", n) for n in G.nodes}
    if as_json:
        def dyad(d: dict[str, Any]) -> dict[str, Any]:
            return {**d, "actors": list(d["actors"]), "names": list(d["names"]),
                    "by_quad": {str(k): v for k, v in d["by_quad"].items()}}
        click.echo(json.dumps({
            "actors": G.number_of_nodes(), "relations": G.number_of_edges(),
            "centrality": [{"id": k, **v} for k, v in list(scores.items())[:top]],
            "communities": [[{"id": a, "name": name[a]} for a in g] for g in groups[:top]],
            "communities_total": len(groups),
            "most_conflictual": [dyad(d) for d in conflictual],
            "most_cooperative": [dyad(d) for d in cooperative],
        }, indent=2, ensure_ascii=False))
        return
    negated = sum(1 for *_, d in G.edges(data=True) if d.get("negated"))
    left_out = f" ({negated:,} negated, left out)" if negated and not include_negated else ""
    click.echo(f"{G.number_of_nodes():,} actors, {G.number_of_edges():,} relations{left_out}")
    click.echo("\nmost central actors (by PageRank):")
    click.echo(f"  {'actor':<30} {'kind':<13}{'relations':>10}{'partners':>10}{'pagerank':>10}")
    for k, v in list(scores.items())[:top]:
        click.echo(f"  {str(v['name'])[:30]:<30} {v['kind']:<13}{v['degree']:>10}{v['neighbours']:>10}"
                   f"{v['pagerank']:>10.4f}")
    real = [g for g in groups if len(g) > 1]
    click.echo(f"\ncommunities: {len(real)} with two or more actors"
               + (f" (and {len(groups) - len(real)} isolated actors)" if len(groups) > len(real) else ""))
    for i, g in enumerate(real[:top], 1):
        members = ", ".join(str(name[a]) for a in g[:8]) + (f", … (+{len(g) - 8})" if len(g) > 8 else "")
        click.echo(f"  {i:>2}. [{len(g)}] {members}")
    for label, rows in (("most conflictual pairs", conflictual), ("most cooperative pairs", cooperative)):
        click.echo(f"\n{label} (by summed Goldstein score):")
        if not rows:
            click.echo("  (none)")
            continue
        click.echo(f"  {'pair':<44}{'relations':>10}{'coop':>6}{'conflict':>9}{'Goldstein':>11}")
        for d in rows:
            pair = f"{d['names'][0]} – {d['names'][1]}"
            click.echo(f"  {pair[:44]:<44}{d['relations']:>10}{d['cooperative']:>6}{d['conflictual']:>9}"
                       f"{d['goldstein']:>+11.1f}")


def _neo4j_graph(neo4j_uri: str | None, cypher: str | None, params: tuple[str, ...],
                 relations: tuple[str, ...], actor: str | None, hops: int | None, since: str | None,
                 until: str | None, min_mentions: int,
                 plover: tuple[str, ...] = ()) -> tuple[Any, dict[str, Any]]:
    """`view --neo4j URI --cypher Q`: the graph of what the query returns, filtered as --db is."""
    from .cypher_queries import load_query, parse_params
    from .errors import InputError
    from .graph import plover_roots, to_networkx
    from .stores.neo4j import subgraph_from_cypher

    if not cypher:
        raise InputError("--neo4j needs --cypher QUERY_OR_FILE: what to draw")
    roots = plover_roots(plover)
    q = load_query(cypher, graph=True)  # a named query's graph form, when it has one
    sub = subgraph_from_cypher(_neo4j_settings(neo4j_uri, None, None, None), q.text,
                               q.bind(parse_params(params)))
    sub.require_drawable(f"query {q.name}" if q.name else "the query")
    if hops is not None and actor is None:
        raise InputError("--hops needs --actor")
    actor_id = _resolve_actor(actor, sub) if actor is not None else None
    filters: dict[str, Any] = {"relations": list(relations) or None, "actor": actor_id, "hops": hops,
                               "since": since, "until": until, "min_mentions": min_mentions,
                               "plover": sorted(roots) if roots else None}
    return to_networkx(sub, **filters), filters
