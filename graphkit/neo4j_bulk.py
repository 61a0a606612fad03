"""The bulk route into Neo4j: a store as CSV for ``neo4j-admin database import full``, and the
import itself.

A first load of millions of relations is faster offline: neo4j-admin writes the store files
directly instead of committing transactions over Bolt. `write_import_csv` writes the whole graph
model of `graphkit.stores.neo4j` (actors with their kind labels, articles, the relations with
every property the batched load sets, REPORTS and ACTS_FOR), so that an imported database
answers every named query exactly as one loaded with `Neo4jStore.load_from`. `import_bulk` runs
the importer on such a folder and turns its failures into one line.

Files (all UTF-8, RFC 4180 quoting; strings are always quoted, so ``""`` is an empty string and
an empty cell no property at all, which is how the batched load stores a null):

* ``actors.csv``   ``id:ID(Actor),name,kind,acts_for,sector,:LABEL`` (``Actor;State``, ...)
* ``articles.csv`` ``id:ID(Article),title,url,date,source,input,:LABEL`` (``Article``)
* ``relations.csv`` ``:START_ID(Actor),:END_ID(Actor),:TYPE,id,doc_id,sentence_index:long,...``
* ``reports.csv``  ``:START_ID(Article),:END_ID(Actor),:TYPE,count:long`` (``REPORTS``)
* ``acts_for.csv`` ``:START_ID(Actor),:END_ID(Actor),:TYPE,key,role,title,start,end``

Values keep their line breaks, so the importer runs with ``--multiline-fields=true``. Import
by hand with (the database must be stopped, and new or replaced with --overwrite-destination)::

    neo4j-admin database import full neo4j --nodes=DIR/actors.csv --nodes=DIR/articles.csv \\
        --relationships=DIR/relations.csv --relationships=DIR/reports.csv \\
        --relationships=DIR/acts_for.csv --multiline-fields=true

then start Neo4j and run ``graphkit neo4j init`` (constraints and indexes: the Community
importer cannot create them).
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, StoreError
from .graph import _collect
from .ontology import RELATIONS
from .stores.neo4j import _WRITTEN_PROPS, KIND_LABELS, _acts_for_on, _values, role_key

__all__ = ["FILES", "HEADERS", "write_import_csv", "import_bulk", "importer_arguments", "BulkImport"]

# Property types of the relation columns that are not strings (neo4j-admin's type names; long and
# double are what the driver writes for Python ints and floats).
_REL_TYPES = {"sentence_index": "long", "start": "long", "end": "long", "negated": "boolean",
              "confidence": "double", "quad_class": "long", "goldstein": "double"}

HEADERS: dict[str, list[str]] = {
    "actors.csv": ["id:ID(Actor)", "name", "kind", "acts_for", "sector", ":LABEL"],
    "articles.csv": ["id:ID(Article)", "title", "url", "date", "source", "input", ":LABEL"],
    "relations.csv": [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "id",
                      *(f"{p}:{_REL_TYPES[p]}" if p in _REL_TYPES else p for p in _WRITTEN_PROPS)],
    "reports.csv": [":START_ID(Article)", ":END_ID(Actor)", ":TYPE", "count:long"],
    "acts_for.csv": [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "key", "role", "title", "start", "end"],
}
#: The files of an export and whether each holds nodes (else relationships), in import order.
FILES: dict[str, bool] = {"actors.csv": True, "articles.csv": True, "relations.csv": False,
                          "reports.csv": False, "acts_for.csv": False}


class _label(str):
    """A :LABEL or :TYPE cell: a fixed name from the whitelist, written unquoted."""

    __slots__ = ()


def _cell(value: Any) -> str:
    """One CSV cell: None is empty (no property), a string always quoted (so "" stays "")."""
    if value is None:
        return ""
    if isinstance(value, _label):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return '"' + str(value).replace('"', '""') + '"'


class _Writer:
    """A CSV file written line by line with `_cell` quoting."""

    def __init__(self, path: Path, header: list[str]):
        self.fh = open(path, "w", encoding="utf-8", newline="")
        self.fh.write(",".join(header) + "\n")
        self.rows = 0

    def row(self, values: Iterable[Any]) -> None:
        self.fh.write(",".join(_cell(v) for v in values) + "\n")
        self.rows += 1

    def close(self) -> None:
        self.fh.close()


def write_import_csv(source: Any, folder: str | os.PathLike, *, relation_ids: set[str] | None = None,
                     actor_ids: set[str] | None = None) -> list[str]:
    """Write the store `source` (or its rows, as `graph.to_networkx` takes them) as neo4j-admin
    CSV into `folder`.

    The same graph `Neo4jStore.load_from(source)` writes into an empty database. `relation_ids`
    and `actor_ids` narrow it (a filtered export): only those relations and actors, and the
    articles the kept relations come from. Returns the paths written.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: exists and is not a folder (the neo4j-admin export writes "
                         "its files into a folder)")
    folder.mkdir(parents=True, exist_ok=True)
    actor_rows, article_rows, relation_rows, role_rows = _collect(source)
    actors = {r["id"]: r for r in actor_rows if actor_ids is None or r["id"] in actor_ids}
    roles: dict[str, list[dict]] = defaultdict(list)
    for r in role_rows:
        if actor_ids is None or (r["person_id"] in actor_ids and r["acts_for"] in actor_ids):
            roles[r["person_id"]].append(dict(r))
    relations = [dict(r) for r in relation_rows if relation_ids is None or r["id"] in relation_ids]
    if actor_ids is not None:  # a kept relation's speaker is a node too, as in a batched load
        speakers = {r["speaker_id"] for r in relations if r.get("speaker_id")}
        actors.update({r["id"]: r for r in actor_rows if r["id"] in speakers})
    articles = {r["id"]: dict(r) for r in article_rows}
    if relation_ids is not None or actor_ids is not None:
        used = {r["doc_id"] for r in relations}
        articles = {k: v for k, v in articles.items() if k in used}
    for r in relations:  # a relation's article the store lacks: an article of its id alone
        articles.setdefault(r["doc_id"], {"id": r["doc_id"], "title": "", "url": "", "date": None,
                                          "source": ""})

    # actors known only by id (a role's state, an endpoint the store lacks), as load_from makes them
    bare: dict[str, None] = {}
    for person_id, rows in roles.items():
        for actor_id in (person_id, *(row["acts_for"] for row in rows)):
            if actor_id not in actors:
                bare[actor_id] = None
    for r in relations:
        for key in ("subject_id", "object_id", "speaker_id"):
            if r.get(key) and r[key] not in actors:
                bare[r[key]] = None

    paths = {name: folder / name for name in FILES}
    writers = {name: _Writer(path, HEADERS[name]) for name, path in paths.items()}
    try:
        w = writers["actors.csv"]
        for a in actors.values():
            kind = str(a.get("kind") or "other")
            kind = kind if kind in KIND_LABELS else "other"
            w.row([a["id"], a.get("name") or a["id"], kind, a.get("acts_for"), a.get("sector"),
                   _label(f"Actor;{KIND_LABELS[kind]}")])
        for actor_id in bare:
            w.row([actor_id, actor_id, "other", None, None, _label("Actor;Other")])
        w = writers["articles.csv"]
        for a in articles.values():
            w.row([a["id"], a.get("title"), a.get("url"), a.get("date"), a.get("source"), a.get("input"),
                   _label("Article")])

        w = writers["relations.csv"]
        reports: dict[tuple[str, str], set[str]] = defaultdict(set)
        for r in relations:
            if r["relation"] not in RELATIONS:  # the whitelist of relationship types, as the store's
                raise StoreError(f"{r['doc_id']}: relation type {r['relation']!r} is not in the ontology")
            art = articles[r["doc_id"]]
            if not r.get("date"):
                r["date"] = art.get("date")
            if not r.get("article_date"):
                r["article_date"] = art.get("date")
            for side in ("subject", "object"):  # not in the contract's row: derive it, as load_from does
                if f"{side}_acts_for" not in r:
                    r[f"{side}_acts_for"] = _acts_for_on(actors.get(r[f"{side}_id"]),
                                                         roles.get(r[f"{side}_id"], ()), r["date"])
            w.row([r["subject_id"], r["object_id"], _label(r["relation"]), r["id"], *_values(r)])
            reports[r["doc_id"], r["subject_id"]].add(r["id"])
            reports[r["doc_id"], r["object_id"]].add(r["id"])
        w = writers["reports.csv"]
        for (doc, actor_id), ids in reports.items():
            w.row([doc, actor_id, _label("REPORTS"), len(ids)])
        w = writers["acts_for.csv"]
        links: dict[tuple[str, str, str], dict] = {}
        for person_id, rows in roles.items():
            for row in rows:  # MERGE on (person, target, key): the last row of a key wins
                links[person_id, row["acts_for"], role_key(row)] = row
        for (person_id, target, key), row in links.items():
            w.row([person_id, target, _label("ACTS_FOR"), key, row.get("role"), row.get("title"),
                   row.get("start"), row.get("end")])
    finally:
        for w in writers.values():
            w.close()
    return [str(p) for p in paths.values()]


# --- the import -------------------------------------------------------------------------------

@dataclass
class BulkImport:
    """What an import did: counts from the importer's report, its command line and output."""

    folder: str
    database: str
    nodes: int = 0
    relationships: int = 0
    properties: int = 0
    seconds: float = 0.0
    command: list[str] = field(default_factory=list)
    output: str = ""

    def summary(self) -> str:
        rate = self.relationships / self.seconds if self.seconds > 0 else 0.0
        return (f"imported {self.folder} into database {self.database!r}: {self.nodes:,} nodes, "
                f"{self.relationships:,} relationships, {self.properties:,} properties in "
                f"{self.seconds:.1f} s ({rate:,.0f} relationships/s)")


def importer_arguments(folder: str | os.PathLike, database: str = "neo4j",
                       overwrite: bool = False) -> list[str]:
    """The `neo4j-admin` arguments that import the export in `folder` (after checking it holds
    every file, each with graphkit's header)."""
    folder = Path(folder)
    if not folder.exists():
        raise InputError(f"{folder}: no such folder (write one with `graphkit export --format "
                         "neo4j-admin --out DIR`, or pass --db)")
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder (the neo4j-admin export is a folder of CSV files)")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9.\-]{0,62}", database):
        raise InputError(f"{database!r}: not a Neo4j database name")
    args = ["database", "import", "full", database]
    for name, is_nodes in FILES.items():
        path = folder / name
        try:
            with open(path, encoding="utf-8") as fh:
                header = fh.readline().rstrip("\r\n")
        except FileNotFoundError:
            raise InputError(f"{path}: missing (not a complete neo4j-admin export: write one with "
                             "`graphkit export --format neo4j-admin`)") from None
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"{path}: cannot read it: {e}") from None
        if header != ",".join(HEADERS[name]):
            raise InputError(f"{path}: unexpected header {header[:80]!r} (not written by this "
                             "graphkit: export again)")
        args.append(f"{'--nodes' if is_nodes else '--relationships'}={path.resolve()}")
    # bad rows (if any) are listed here, not in the working directory
    args += ["--multiline-fields=true", f"--report-file={(folder / 'import.report').resolve()}"]
    if overwrite:
        args.append("--overwrite-destination=true")
    return args


def _admin_command(admin: str | list[str] | None) -> list[str]:
    """The neo4j-admin command: `admin` (a command line, split like a shell), else NEO4J_ADMIN,
    else neo4j-admin on PATH, else $NEO4J_HOME/bin/neo4j-admin."""
    spec = admin if admin is not None else os.environ.get("NEO4J_ADMIN")
    if spec:
        cmd = list(spec) if isinstance(spec, list) else shlex.split(spec)
        if not cmd:
            raise InputError("the neo4j-admin command is empty")
        if shutil.which(cmd[0]) is None:
            raise StoreError(f"neo4j-admin command {cmd[0]!r} not found")
        return cmd
    found = shutil.which("neo4j-admin")
    if found is None and os.environ.get("NEO4J_HOME"):
        candidate = Path(os.environ["NEO4J_HOME"]) / "bin" / "neo4j-admin"
        found = str(candidate) if candidate.exists() else None
    if found is None:
        raise StoreError("neo4j-admin not found: put Neo4j's bin/ on PATH, set NEO4J_HOME, or "
                         "name the command with --neo4j-admin (or NEO4J_ADMIN)")
    return [found]


# The importer's own words for the failures a user can fix, and the line graphkit says instead.
_FAILURES = (
    (re.compile(r"Database already exist", re.I),
     "database {db!r} already exists (neo4j-admin imports only into a new database): pass "
     "--overwrite to replace it (deleting what it holds)"),
    (re.compile(r"(in use|FileLock|store_lock|database_lock|lock file)", re.I),
     "database {db!r} is in use: stop Neo4j (or the database) before a bulk import"),
)


def _failure(output: str, database: str, rc: int) -> str:
    for pattern, message in _FAILURES:
        if pattern.search(output):
            return message.format(db=database)
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    reason = next((ln for ln in lines if re.search(r"(error|exception|fail|invalid|not )", ln, re.I)
                   and not ln.startswith(("IMPORT FAILED", "WARNING Import failed", "Run with"))),
                  lines[-1] if lines else f"exit code {rc}")
    return f"neo4j-admin import failed (exit {rc}): {reason[:300]}"


def import_bulk(folder: str | os.PathLike, *, source: Any = None, database: str = "neo4j",
                admin: str | list[str] | None = None, overwrite: bool = False,
                log: str | os.PathLike | None = None) -> BulkImport:
    """Import a neo4j-admin export into a stopped Neo4j: the first load of a big graph.

    With `source` (a store, or an SQLite file's path) the store is exported into `folder` first:
    export and import in one step. `admin` is the neo4j-admin command line (default: NEO4J_ADMIN,
    else neo4j-admin on PATH, else $NEO4J_HOME/bin/neo4j-admin). The importer writes only a new
    database; `overwrite` replaces an existing one. Its full output goes to `log` (default
    FOLDER/import.log). Afterwards start Neo4j and apply the schema (`graphkit neo4j init`).
    """
    if source is not None:
        if isinstance(source, (str, os.PathLike)):
            from .stores.sqlite import SQLiteStore

            if not Path(source).is_file():
                raise InputError(f"{source}: no such SQLite store")
            with SQLiteStore(os.fspath(source), readonly=True) as store:
                write_import_csv(store, folder)
        else:
            write_import_csv(source, folder)
    args = importer_arguments(folder, database, overwrite)
    cmd = [*_admin_command(admin), *args]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    except OSError as e:
        raise StoreError(f"cannot run neo4j-admin ({cmd[0]}): {e.strerror or e}") from None
    seconds = time.perf_counter() - t0
    output = (p.stdout or "") + (p.stderr or "")
    log_path = Path(log) if log is not None else Path(folder) / "import.log"
    try:
        log_path.write_text(output, encoding="utf-8")
    except OSError:
        pass
    if p.returncode != 0 or "IMPORT DONE" not in output:
        raise StoreError(_failure(output, database, p.returncode) + f" (full output: {log_path})")
    result = BulkImport(str(folder), database, seconds=seconds, command=cmd, output=output)
    done = output[output.rindex("IMPORT DONE"):]
    for name in ("nodes", "relationships", "properties"):
        m = re.search(rf"^\s*([\d,]+) {name}\b", done, re.M)
        if m:
            setattr(result, name, int(m.group(1).replace(",", "")))
    return result
