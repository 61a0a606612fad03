"""Named Cypher queries (cypher/queries/*.cypher): finding them, their parameters, their output.

A query file starts with a comment header that names its parameters, one a line, each marked
`(required)` or `(default: JSON)`:

    // who_supplies: who supplies an actor ...
    //
    // Parameters:
    //   $actor  the receiving actor: an id ("UKR") or its exact name   (required)
    //   $since  only relations dated on or after this day              (default: null)

`graphkit query NAME --param k=v` fills the defaults, refuses unknown or missing parameters
before anything reaches the server, and sends every value as a query parameter: user text is
never spliced into Cypher.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .errors import StoreError

#: The named queries: package data (the top-level cypher/ folder, installed as graphkit.cypher).
QUERIES_DIR: Traversable = resources.files("graphkit.cypher") / "queries"
#: the folder (under QUERIES_DIR) of named queries' graph forms, for `graphkit view`
GRAPH_FORMS = "graph"

_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_PARAM_LINE = re.compile(
    r"^//\s+\$(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<doc>.*?)\s*"
    r"\((?:(?P<required>required)|default:\s*(?P<default>.*))\)\s*$")
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass
class Param:
    name: str
    doc: str
    required: bool
    default: Any = None


@dataclass
class CypherQuery:
    """A query's text and, for a query file, its name, summary and declared parameters."""

    text: str
    name: str | None = None
    path: Traversable | None = None
    summary: str = ""
    params: dict[str, Param] = field(default_factory=dict)

    @property
    def declared(self) -> bool:
        return self.path is not None and bool(self.params or self.summary)

    @property
    def about(self) -> str:
        """What the query answers: its summary without the leading "name:"."""
        prefix = f"{self.name}:"
        return self.summary[len(prefix):].strip() if self.name and self.summary.startswith(prefix) else self.summary

    def bind(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """The parameters to send: defaults filled in; unknown or missing ones refused."""
        if not self.declared:
            return dict(given)
        label = self.name or str(self.path)
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            takes = ", ".join(self.params) or "no parameters"
            raise StoreError(f"query {label} has no parameter ${unknown[0]} (it takes: {takes})")
        out: dict[str, Any] = {}
        for p in self.params.values():
            if p.name in given:
                out[p.name] = given[p.name]
            elif p.required:
                raise StoreError(f"query {label} needs --param {p.name}=VALUE ({p.doc})")
            else:
                out[p.name] = p.default
        return out


def parse_query(text: str, name: str | None = None, path: Traversable | None = None) -> CypherQuery:
    """Read the header comment of a query file."""
    q = CypherQuery(text=text, name=name, path=path)
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("//"):
            break  # the header ends at the first statement line
        if not q.summary and s.lstrip("/ ").strip():
            q.summary = s.lstrip("/ ").strip()
        m = _PARAM_LINE.match(s)
        if m:
            default = None
            if m.group("default") is not None:
                raw = m.group("default").strip()
                try:
                    default = json.loads(raw)
                except json.JSONDecodeError:
                    raise StoreError(f"{path}: bad default for ${m.group('name')}: {raw} (not JSON)") from None
            q.params[m.group("name")] = Param(m.group("name"), m.group("doc"),
                                              m.group("required") is not None, default)
    return q


def used_params(text: str) -> set[str]:
    """The $parameters a query's statement (comments and strings stripped) uses."""
    body = "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
    body = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", body)
    return set(_PARAM_USE.findall(body))


def query_names(directory: Traversable = QUERIES_DIR) -> list[str]:
    """The names of the named queries in `directory` (a folder or package data)."""
    return sorted(p.name[:-len(".cypher")] for p in directory.iterdir()
                  if p.name.endswith(".cypher") and p.is_file())


def named_queries(directory: Traversable = QUERIES_DIR) -> list[CypherQuery]:
    """Every named query of `directory`, parsed (name, summary, parameters), by name."""
    return [_read(directory / f"{name}.cypher", name) for name in query_names(directory)]


def load_query(file_or_text: str, directory: Traversable = QUERIES_DIR, graph: bool = False) -> CypherQuery:
    """A query from a file path, a name in cypher/queries/ ("who_supplies"), or Cypher text.

    With `graph`, a named query that returns a table (sanction_network) gives its graph form
    instead, cypher/queries/graph/NAME.cypher: the same parameters, returning the nodes and
    relationships behind the table's rows, for `graphkit view --cypher NAME`."""
    s = file_or_text.strip()
    if not s:
        raise StoreError("empty query")
    path = Path(s)
    if "\n" not in s and len(s) < 1024:
        try:
            is_file = path.is_file()
        except OSError:
            is_file = False
        if is_file:
            return _read(path, path.stem)
        if _NAME.match(s):
            stem = s[:-len(".cypher")] if s.endswith(".cypher") else s
            named = directory / f"{stem}.cypher"
            drawn = directory / GRAPH_FORMS / f"{stem}.cypher"
            if graph and named.is_file() and drawn.is_file():
                return _read(drawn, stem)
            if named.is_file():
                return _read(named, stem)
            if " " not in s:
                known = ", ".join(query_names(directory)) or "none"
                raise StoreError(f"no query file or named query {s!r} (named queries: {known})")
    return CypherQuery(text=s)


def _read(path: Traversable, name: str) -> CypherQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise StoreError(f"cannot read query file {path}: {e}") from None
    return parse_query(text, name=name, path=path)


def run_query(settings: Any, query: str, params: Iterable[str] | Mapping[str, Any] = (),
              write: bool = False, timeout: float | None = None) -> tuple[list[str], list[list[Any]], list[str]]:
    """`graphkit query`: a named query, a .cypher file or Cypher text run on the Neo4j server
    of `settings`, read-only unless `write` (see Neo4jStore.run). `params` are NAME=VALUE
    strings or a mapping, bound against a query file's header. Returns the keys, the records
    and the server's warnings (none for a named query: its header documents what it does)."""
    from .stores.neo4j import Neo4jStore

    q = load_query(query)
    bound = q.bind(params if isinstance(params, Mapping) else parse_params(params))
    with Neo4jStore(settings, ensure_schema=False) as store:
        keys, records = store.run(q.text, bound, write=write, timeout=timeout)
        return keys, records, [] if q.declared else store.warnings


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """`k=v` strings to a dict; each value parsed as JSON where possible, else kept a string."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip().lstrip("$")
        if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", key):
            raise StoreError(f"bad --param {pair!r}: expected NAME=VALUE")
        try:
            out[key] = json.loads(raw)
        except json.JSONDecodeError:
            out[key] = raw
    return out


# --- results ----------------------------------------------------------------------------------

def plain(value: Any) -> Any:
    """A result value as JSON-ready data: nodes, relationships and paths become dicts."""
    from neo4j.graph import Node, Path as GPath, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        d: dict[str, Any] = {"type": value.type}
        for end, node in (("start", value.start_node), ("end", value.end_node)):
            if node is not None and node.get("id") is not None:
                d[end] = node.get("id")
        d.update({k: plain(v) for k, v in value.items()})
        return d
    if isinstance(value, GPath):
        return {"nodes": [plain(n) for n in value.nodes],
                "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    iso = getattr(value, "iso_format", None)
    return iso() if callable(iso) else str(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict) and "labels" in value:
        return f"({':'.join(['', *value['labels']])} {value.get('id', '')})".replace("( ", "(")
    return json.dumps(value, ensure_ascii=False)


def format_result(keys: Sequence[str], records: Sequence[Sequence[Any]], fmt: str = "table",
                  max_width: int = 60) -> str:
    """Records as an aligned text table, CSV or a JSON array of objects."""
    rows = [[plain(v) for v in rec] for rec in records]
    if fmt == "json":
        return json.dumps([dict(zip(keys, row)) for row in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(keys)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
        return buf.getvalue()
    cells = [[_cell(v).replace("\n", " ") for v in row] for row in rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(k)] + [len(row[i]) for row in cells]) for i, k in enumerate(keys)]
    lines = ["  ".join(k.ljust(w) for k, w in zip(keys, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
