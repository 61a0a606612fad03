"""`import_relations`: relations someone already coded (CSV or JSONL) into the graph store.

Each row has `subject`, `relation` and `object`, and optionally `date` (YYYY-MM-DD), `source`,
`url`, `negated` (true/false, yes/no, 1/0), `sentence` (the supporting text) and `plover` (the
event's PLOVER root, one of `ontology.PLOVER_ROOTS`, case-insensitive; empty or absent: the
relation type's own root). A CSV file has a
header row; a JSONL file has one object per line. Other columns are ignored (and reported).

- Actors are resolved like names in articles ("Beijing" -> China, "Xi Jinping" -> the person).
  A name the gazetteer does not know becomes an actor of kind "other" with id `other:<slug>`;
  the report lists those names, so a typo never silently becomes a wrong actor.
- Relation names are ontology types, case-insensitive, with spaces or hyphens for underscores
  ("agrees with" is AGREES_WITH).
- Every row is checked before anything is written: one bad row (unknown relation or PLOVER
  root, empty actor, unreadable date or negated value, subject and object the same actor,
  malformed line) stops
  the import with an InputError naming the file and line, unless `skip_invalid` is set, which
  loads the valid rows and counts the skipped ones by reason.

Provenance: each row becomes its own article, id `import:<file stem>@<hash>:<line>` (the hash of
the file's resolved path, readers.id_hash), carrying the row's date, source and url and the
file as its input; its relation has extractor "import". The file is the unit of an import:
importing it again replaces the earlier import of that file, reached by whichever path (rows
that changed are replaced, rows no longer in the file are deleted), so re-importing is
idempotent, and no other file's rows are touched (rels.csv and rels.jsonl, week1/relations.csv
and week2/relations.csv are four imports). Rows imported before ids carried the hash
(`import:<stem>:<line>`) are replaced by the same rows imported again (stores.is_former).
"""
from __future__ import annotations

import csv
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date as _date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from .actors import Resolver, load_gazetteer
from .errors import InputError
from .model import Actor, Article, Extraction, Mention, Relation
from .ontology import PLOVER_ROOTS, RELATIONS, UnknownRelation, get_relation
from .readers import file_input, id_hash
from .stores import Store, open_store

REQUIRED = ("subject", "relation", "object")
OPTIONAL = ("date", "source", "url", "negated", "sentence", "plover")
EXTRACTOR = "import"

_TRUE = {"true", "yes", "y", "t", "1"}
_FALSE = {"false", "no", "n", "f", "0", ""}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class ImportReport:
    """What an import did."""

    path: str
    db: str
    rows: int = 0  # data rows read (blank lines not counted)
    imported: int = 0  # rows loaded as relations
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows skipped
    errors: list[str] = field(default_factory=list)  # the first messages of skipped rows, "file:line: ..."
    new_actors: dict[str, str] = field(default_factory=dict)  # unknown name -> its "other:<slug>" id
    ignored_columns: list[str] = field(default_factory=list)
    removed: int = 0  # rows of an earlier import of this file that are no longer in it
    migrated: int = 0  # rows imported before ids carried the file's hash, replaced under their new id
    other_input: int = 0  # rows that replaced a stored article of the same id read from another input
    other_input_examples: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "db": self.db, "rows": self.rows, "imported": self.imported,
                "skipped": dict(self.skipped), "skipped_total": self.skipped_total,
                "errors": list(self.errors), "new_actors": dict(self.new_actors),
                "ignored_columns": list(self.ignored_columns), "removed": self.removed,
                "migrated": self.migrated, "other_input": self.other_input,
                "seconds": round(self.seconds, 3)}


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    subject: Actor
    subject_text: str
    relation: str
    object: Actor
    object_text: str
    date: str | None
    source: str
    url: str
    negated: bool
    sentence: str
    plover: str


@dataclass(frozen=True, slots=True)
class _Invalid:
    line: int
    reason: str
    message: str


class _BadRow(Exception):
    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


def import_relations(path: str | os.PathLike, db: Any = "graphkit.db",
                     skip_invalid: bool = False, actors: str | os.PathLike | None = None,
                     batch_size: int = 500) -> ImportReport:
    """Load the relations of a CSV or JSONL file into the store `db`: a Store, or where one is
    (graphkit.stores.open_store: an SQLite file, a Neo4j URI or Neo4jSettings), opened once the
    file has been checked. Replaces the earlier import of the same file, and only that.

    Raises InputError naming the file and line of the first bad row (nothing is written),
    unless `skip_invalid`, which loads the valid rows and counts the others in the report.

    Example:
        >>> report = import_relations("examples/relations.csv", db="graphkit.db")
        >>> print(report.imported, report.new_actors)
    """
    t0 = time.perf_counter()
    src = Path(path)
    name = os.fspath(path)
    if not src.exists():
        raise InputError("no such file", name)
    if src.is_dir():
        raise InputError("is a folder, not a CSV or JSONL file", name)
    resolver = Resolver(load_gazetteer(actors))
    parser = _Parser(src, name, resolver)
    report = ImportReport(path=name, db=db.where if isinstance(db, Store) else str(db))

    # Pass 1: check every row, write nothing.
    invalid: list[_Invalid] = []
    for item in parser.rows():
        report.rows += 1
        if isinstance(item, _Invalid):
            invalid.append(item)
    report.ignored_columns = sorted(parser.ignored)
    if report.rows == 0:
        raise InputError("no relation rows in the file (it is empty or has only a header)", name)
    if invalid and not skip_invalid:
        first = invalid[0]
        more = f" (and {len(invalid) - 1} more invalid rows; --skip-invalid loads the valid ones)" \
            if len(invalid) > 1 else ""
        raise InputError(first.message + more, name, first.line)
    for bad in invalid:
        report.skipped[bad.reason] = report.skipped.get(bad.reason, 0) + 1
    report.errors = [f"{name}:{bad.line}: {bad.message}" for bad in invalid[:20]]

    # Pass 2: the valid rows, streamed into the store.
    source = file_input(src)
    prefix = f"import:{src.stem}@{id_hash(source)}:"
    kept: list[str] = []

    def extractions() -> Iterator[Extraction]:
        for item in parser.rows():
            if isinstance(item, _Invalid):
                continue
            ex = _extraction(item, prefix, src, source)
            kept.append(ex.article.id)
            for actor in (item.subject, item.object):
                if actor.kind == "other" and actor.id.startswith("other:"):
                    report.new_actors.setdefault(actor.name, actor.id)
            yield ex

    own = not isinstance(db, Store)
    store: Store = open_store(db) if own else db
    try:
        report.db = store.where
        load = store.write(extractions(), batch_size)
        report.removed = load.removed + store.delete_articles_of(source, keep=kept)
    finally:
        if own:
            store.close()
    report.migrated, report.other_input = load.migrated, load.other_input
    report.other_input_examples = load.other_input_examples
    report.imported = load.relations
    report.seconds = time.perf_counter() - t0
    return report


def _extraction(row: _Row, prefix: str, src: Path, source: str) -> Extraction:
    doc_id = f"{prefix}{row.line}"
    filename = src.name
    acts: dict[str, str] = {}
    for key, actor in (("subject", row.subject), ("object", row.object)):
        if actor.kind == "person":
            who = actor.acts_for_on(row.date)
            if who:
                acts[key] = who
    rel = Relation(subject=Mention(row.subject, row.subject_text, 0, 0), relation=row.relation,
                   object=Mention(row.object, row.object_text, 0, 0), doc_id=doc_id,
                   sentence=row.sentence, sentence_index=0, start=0, end=len(row.sentence),
                   negated=row.negated, date=row.date, confidence=1.0, extractor=EXTRACTOR,
                   plover=row.plover, acts_for=acts)
    article = Article(id=doc_id, text=row.sentence, title=f"{filename}, line {row.line}", url=row.url,
                      date=row.date, source=row.source, origin=f"{filename}:{row.line}", input=source,
                      former_ids=(f"import:{src.stem}:{row.line}",))
    unresolved = [a.name for a in (row.subject, row.object) if a.kind == "other" and a.id.startswith("other:")]
    return Extraction(article, [rel], unresolved)


class _Parser:
    """Reads a CSV or JSONL file into checked rows, resolving actor names (with a cache)."""

    def __init__(self, path: Path, name: str, resolver: Resolver):
        self.path = path
        self.name = name
        self.resolver = resolver
        self.ignored: set[str] = set()
        self._actors: dict[tuple[str, str | None], Actor] = {}
        self.format = self._sniff()

    def _sniff(self) -> str:
        with open(self.path, "rb") as fh:
            head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
        suffix = self.path.suffix.lower()
        if head.startswith(b"["):
            return "json"  # a JSON array of objects, whatever the file is called
        if suffix in (".jsonl", ".ndjson") or (suffix not in (".csv", ".tsv") and head.startswith(b"{")):
            return "jsonl"
        first = head.split(b"\n", 1)[0]
        if suffix == ".tsv" or (first.count(b"\t") > max(first.count(b","), first.count(b";"))):
            return "tsv"
        if first.count(b";") > first.count(b","):
            return "csv;"  # "subject;relation;object", as spreadsheets in many locales save CSV
        return "csv"

    def rows(self) -> Iterator[_Row | _Invalid]:
        with open(self.path, "rb") as fh:
            records = self._jsonl(fh) if self.format == "jsonl" else \
                self._json_array(fh) if self.format == "json" else self._csv(fh)
            for line, record in records:
                if isinstance(record, _Invalid):
                    yield record
                    continue
                try:
                    yield self._check(line, record)
                except _BadRow as e:
                    yield _Invalid(line, e.reason, e.message)

    # -- formats --------------------------------------------------------------------------------
    def _lines(self, fh: BinaryIO) -> Iterator[str]:
        for lineno, raw in enumerate(fh, 1):
            try:
                yield raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as e:
                raise InputError(f"not UTF-8 text (byte {e.start} of the line)", self.name, lineno) from None

    def _jsonl(self, fh: BinaryIO) -> Iterator[tuple[int, dict[str, Any] | _Invalid]]:
        for lineno, line in enumerate(self._lines(fh), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield lineno, _Invalid(lineno, "malformed row", f"invalid JSON: {e.msg} at column {e.colno}")
                continue
            yield lineno, self._record(lineno, obj, "expected a JSON object")

    def _record(self, lineno: int, obj: Any, not_object: str) -> dict[str, Any] | _Invalid:
        """A JSON row with its keys normalised, noting the columns graphkit ignores."""
        if not isinstance(obj, dict):
            return _Invalid(lineno, "malformed row", not_object)
        record = {str(k).strip().lower(): v for k, v in obj.items()}
        self.ignored.update(k for k in record if k not in REQUIRED and k not in OPTIONAL)
        return record

    def _json_array(self, fh: BinaryIO) -> Iterator[tuple[int, dict[str, Any] | _Invalid]]:
        """The objects of a JSON array, each with the line it starts on."""
        try:
            text = fh.read().decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise InputError(f"not UTF-8 text (byte {e.start})", self.name) from None
        decoder = json.JSONDecoder()
        pos = text.index("[") + 1
        while True:
            while pos < len(text) and text[pos] in " \t\r\n,":
                pos += 1
            if pos >= len(text):
                raise InputError("the JSON array is not closed", self.name, text.count("\n") + 1)
            if text[pos] == "]":
                return
            lineno = text.count("\n", 0, pos) + 1
            try:
                obj, pos = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as e:
                raise InputError(f"invalid JSON: {e.msg}", self.name, e.lineno) from None
            yield lineno, self._record(lineno, obj, "expected a JSON object in the array")

    def _csv(self, fh: BinaryIO) -> Iterator[tuple[int, dict[str, Any] | _Invalid]]:
        delimiter = {"tsv": "\t", "csv;": ";"}.get(self.format, ",")
        reader = csv.reader(self._lines(fh), delimiter=delimiter)
        header: list[str] | None = None
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                if header is None:
                    raise InputError(f"unreadable CSV header ({e})", self.name, start) from None
                yield start, _Invalid(start, "malformed row", f"unreadable CSV ({e})")
                continue
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                missing = [c for c in REQUIRED if c not in header]
                if missing:
                    raise InputError(f"the header row lacks the column(s) {', '.join(missing)} "
                                     f"(needs {', '.join(REQUIRED)}; optional {', '.join(OPTIONAL)})",
                                     self.name, start)
                self.ignored.update(c for c in header if c and c not in REQUIRED and c not in OPTIONAL)
                continue
            if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
                yield start, _Invalid(start, "malformed row",
                                      f"{len(row)} fields where the header has {len(header)}")
                continue
            yield start, {h: v for h, v in zip(header, row) if h}

    # -- checks ---------------------------------------------------------------------------------
    def _check(self, line: int, rec: dict[str, Any]) -> _Row:
        day = _parse_date(rec.get("date"))
        negated = _parse_negated(rec.get("negated"))
        source, url, sentence = (_text_field(rec, k) for k in ("source", "url", "sentence"))
        relation = rec.get("relation")
        if not isinstance(relation, str) or not relation.strip():
            raise _BadRow("unknown relation", "empty relation")
        try:
            rel = get_relation(relation).name
        except UnknownRelation as e:
            raise _BadRow("unknown relation", str(e)) from None
        plover = _parse_plover(rec.get("plover"), rel)
        subject, subject_text = self._actor(rec.get("subject"), "subject", day)
        obj, object_text = self._actor(rec.get("object"), "object", day)
        if subject.id == obj.id:
            raise _BadRow("same actor", f"subject {subject_text!r} and object {object_text!r} are "
                                        f"the same actor ({subject.id})")
        return _Row(line, subject, subject_text, rel, obj, object_text, day, source, url, negated, sentence,
                    plover)

    def _actor(self, value: Any, role: str, day: str | None) -> tuple[Actor, str]:
        if value is not None and not isinstance(value, str):
            raise _BadRow("empty actor", f"{role} must be a name (text)")
        if value is None or not value.strip():
            raise _BadRow("empty actor", f"empty {role}")
        text = " ".join(value.split())
        key = (text, day)
        actor = self._actors.get(key)
        if actor is None:
            actor = self.resolver.resolve(text, day)
            if actor is None:
                slug = re.sub(r"[\W_]+", "-", text.casefold()).strip("-")
                if not slug:
                    raise _BadRow("empty actor", f"{role} {text!r} has no letters or digits")
                actor = Actor(f"other:{slug}", text, "other")
            self._actors[key] = actor
        return actor, text


def _text_field(rec: dict[str, Any], key: str) -> str:
    value = rec.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _BadRow("malformed row", f"{key!r} must be text")
    return value.strip()


def _parse_date(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    s = str(value).strip()
    try:
        if not isinstance(value, str) or not _DATE_RE.match(s):
            raise ValueError
        if len(s) == 10:
            return _date.fromisoformat(s).isoformat()
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise _BadRow("bad date", f"unreadable date {s[:40]!r} (use YYYY-MM-DD)") from None


def _parse_plover(value: Any, relation: str) -> str:
    """A row's PLOVER root, checked; the relation type's own when the row gives none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return RELATIONS[relation].plover
    root = value.strip().upper() if isinstance(value, str) else None
    if root not in PLOVER_ROOTS:
        raise _BadRow("unknown plover root", f"unknown PLOVER root {str(value)[:30]!r} "
                                             f"(known: {', '.join(PLOVER_ROOTS)})")
    return root


def _parse_negated(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        v = value.strip().lower()
        if v in _TRUE:
            return True
        if v in _FALSE:
            return False
    raise _BadRow("bad negated value", f"negated must be true or false, not {str(value)[:20]!r}")
