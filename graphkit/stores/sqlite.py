"""The embedded store: one SQLite file (stdlib sqlite3, WAL journal).

Schema (version 4; the DDL is `SCHEMA` below)
---------------------------------------------
meta        key TEXT PRIMARY KEY, value TEXT
            ("application", "graphkit") marks the file as a graphkit store and
            ("schema_version", "4") says which layout it has. A file without them is refused.
actors      id TEXT PRIMARY KEY, name, kind (state|organisation|person|group|agent|unresolved|
            other), acts_for, sector (an agent's CAMEO sector code: JUD, MIL, COP, ...; else NULL)
articles    id TEXT PRIMARY KEY, title, url, date (YYYY-MM-DD or NULL), source, input (the
            resolved file, or "<stdin>", the article was read from; "" when not known; NULL
            for an article written before schema 3, under the ids graphkit gave then, which
            the index articles_before_input lists).
relations   id TEXT UNIQUE (`Relation.id`: a hash of doc_id, sentence_index, subject_id,
            relation, object_id, negated), the other columns of the Store contract's relation
            row, negated as 0/1, plus subject_acts_for / object_acts_for (the state or
            organisation a person subject/object acted for on the article's date), and plover
            (the event's PLOVER root; NULL in rows written before schema 2, which read back
            with their relation type's default root). Schema 4 added speaker_id and
            speaker_mention (the actor the text attributes the claim to, and the words naming
            it; NULL where the text asserts it itself), date_source ('text' when the sentence
            gave the event's date, else 'article') and article_date (the article's own date;
            `date` is the event's).
            doc_id -> articles(id) ON DELETE CASCADE; subject_id, object_id, speaker_id ->
            actors(id). Indexed by (doc_id, sentence_index), subject_id, object_id and (the
            rows that have one) speaker_id. (A rowid table: rows are appended in load order
            and only the small id index takes random inserts.)
roles       person_id -> actors(id), acts_for, role, title, start, end: a person's offices.
unresolved  article_id -> articles(id) ON DELETE CASCADE, mention, count; PRIMARY KEY
            (article_id, mention): names the extractor met but could not resolve.

How writes work
---------------
`write()` takes one Extraction per article and commits once per `batch_size` articles. For each
article it upserts the article row and the actors its relations name (with a person's roles),
deletes the article's relations that the new extraction no longer contains (a re-extraction
replaces stale relations), upserts the new relations by id and replaces the article's
unresolved mentions. Upserts only touch rows whose values changed, so writing the same input
twice leaves identical rows and costs mostly reads. An article that replaces one read from
another input is counted in LoadStats.other_input; an article from before schema 3 stored
under one of the new article's former ids is replaced by it (stores.is_former), counted in
LoadStats.migrated. Actors no relation names any more are then removed (`_drop_orphans`).

Crash safety: every batch is one transaction in WAL mode. A process killed half-way (even with
SIGKILL) leaves a file whose committed batches are complete and whose open batch is rolled back
when the file is next opened; re-running the same load completes it, and since every row is
keyed, nothing is duplicated. (`synchronous=NORMAL`: a crash of the process is safe; a power
loss may lose the last committed batches but never corrupts the file.)

Older files are migrated in place when opened, in one transaction, by the steps of
`_MIGRATIONS` from their version on, each a small function that looks before it acts (so a
migration interrupted or run twice ends the same way): schema 1 -> 2 (graphkit before actor
sectors and PLOVER roots) rebuilds the actors table with the wider kind check and the sector
column (SQLite cannot alter a CHECK constraint) and gives relations their plover column; 2 -> 3
(before ids keyed on their input) gives articles their input column, NULL in every existing row;
3 -> 4 adds the speaker and date columns (existing rows: no speaker, date_source 'article',
article_date their article's date) and the speaker index. schema_version then says the last
step's version.

A load deletes no article of another id, except one from before schema 3 that an article it
writes replaces (above); `delete_articles_of` deletes an import's rows its file no longer has.
"""
from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, StoreError
from ..model import Actor, Article, Extraction, Mention, Relation, Role
from ..ontology import PLOVER_ROOTS, RELATIONS, UnknownRelation, get_relation
from . import SQLITE_BATCH_SIZE, LoadStats, check_date, default_plover, is_former

SCHEMA_VERSION = 4
APPLICATION = "graphkit"

SCHEMA = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE actors (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('state', 'organisation', 'person', 'group', 'agent',
                                           'unresolved', 'other')),
    acts_for TEXT,
    sector   TEXT
);
CREATE TABLE articles (
    id     TEXT PRIMARY KEY,
    title  TEXT NOT NULL DEFAULT '',
    url    TEXT NOT NULL DEFAULT '',
    date   TEXT,
    source TEXT NOT NULL DEFAULT '',
    input  TEXT
);
CREATE INDEX articles_before_input ON articles (id) WHERE input IS NULL;
CREATE TABLE relations (
    id               TEXT NOT NULL UNIQUE,
    doc_id           TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_index   INTEGER NOT NULL,
    subject_id       TEXT NOT NULL REFERENCES actors(id),
    relation         TEXT NOT NULL,
    object_id        TEXT NOT NULL REFERENCES actors(id),
    negated          INTEGER NOT NULL CHECK (negated IN (0, 1)),
    modality         TEXT,
    what             TEXT,
    sentence         TEXT NOT NULL,
    start            INTEGER NOT NULL,
    "end"            INTEGER NOT NULL,
    date             TEXT,
    confidence       REAL NOT NULL,
    extractor        TEXT NOT NULL,
    trigger          TEXT NOT NULL,
    subject_mention  TEXT NOT NULL,
    object_mention   TEXT NOT NULL,
    subject_acts_for TEXT,
    object_acts_for  TEXT,
    plover           TEXT,
    speaker_id       TEXT REFERENCES actors(id),
    speaker_mention  TEXT,
    date_source      TEXT NOT NULL DEFAULT 'article',
    article_date     TEXT
);
CREATE INDEX relations_doc ON relations (doc_id, sentence_index);
CREATE INDEX relations_subject ON relations (subject_id);
CREATE INDEX relations_object ON relations (object_id);
CREATE INDEX relations_speaker ON relations (speaker_id) WHERE speaker_id IS NOT NULL;
CREATE TABLE roles (
    person_id TEXT NOT NULL REFERENCES actors(id),
    acts_for  TEXT NOT NULL,
    role      TEXT NOT NULL,
    title     TEXT NOT NULL DEFAULT '',
    start     TEXT,
    "end"     TEXT
);
CREATE INDEX roles_person ON roles (person_id);
CREATE TABLE unresolved (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    mention    TEXT NOT NULL,
    count      INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (article_id, mention)
) WITHOUT ROWID;
"""

_TABLES = ("meta", "actors", "articles", "relations", "roles", "unresolved")

_RELATION_COLUMNS = ("id", "doc_id", "sentence_index", "subject_id", "relation", "object_id",
                     "negated", "modality", "what", "sentence", "start", "end", "date",
                     "confidence", "extractor", "trigger", "subject_mention", "object_mention",
                     "plover", "speaker_id", "speaker_mention", "date_source", "article_date",
                     "subject_acts_for", "object_acts_for")
# What `relations()` yields: the Store contract's relation row.
_CONTRACT_RELATION = _RELATION_COLUMNS[:-2]

# Schema 1 -> 2: the actors table as schema 2 has it (built under a temporary name, then
# renamed), and the columns the two tables gained.
_ACTORS_V2 = SCHEMA[SCHEMA.index("CREATE TABLE actors"):SCHEMA.index("CREATE TABLE articles")].strip().rstrip(";")
_NEW_KINDS = ("agent", "unresolved")


def _columns(c: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in c.execute(f"PRAGMA table_info({table})")}


def _to_schema_2(c: sqlite3.Connection, path: str) -> None:
    """Schema 1 -> 2: the actors table rebuilt with the agent and unresolved kinds and the
    sector column, relations' plover column."""
    actors_sql = c.execute("SELECT sql FROM sqlite_master WHERE name = 'actors'").fetchone()[0]
    actor_columns = _columns(c, "actors")
    if not all(f"'{k}'" in actors_sql for k in _NEW_KINDS) or "sector" not in actor_columns:
        c.execute("DROP TABLE IF EXISTS actors_v2")
        c.execute(_ACTORS_V2.replace("CREATE TABLE actors", "CREATE TABLE actors_v2", 1))
        sector = "sector" if "sector" in actor_columns else "NULL"
        c.execute(f"INSERT INTO actors_v2 (id, name, kind, acts_for, sector) "
                  f"SELECT id, name, kind, acts_for, {sector} FROM actors")
        c.execute("DROP TABLE actors")
        c.execute("ALTER TABLE actors_v2 RENAME TO actors")
    if "plover" not in _columns(c, "relations"):
        c.execute("ALTER TABLE relations ADD COLUMN plover TEXT")
    if c.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise StoreError(f"{path}: cannot migrate schema 1 to 2: the store has relations whose "
                         "actors are missing")


def _to_schema_3(c: sqlite3.Connection, path: str) -> None:
    """Schema 2 -> 3: articles' input column, NULL in every row already there (written under
    the ids graphkit gave before), and the index that finds those rows."""
    if "input" not in _columns(c, "articles"):
        c.execute("ALTER TABLE articles ADD COLUMN input TEXT")
    c.execute("CREATE INDEX IF NOT EXISTS articles_before_input ON articles (id) WHERE input IS NULL")


def _to_schema_4(c: sqlite3.Connection, path: str) -> None:
    """Schema 3 -> 4: who the text says made the claim (speaker), and the event's date apart from
    the article's. Rows from before have no speaker and their article's date as their source."""
    have = _columns(c, "relations")
    for column, ddl in (("speaker_id", "TEXT REFERENCES actors(id)"), ("speaker_mention", "TEXT"),
                        ("date_source", "TEXT NOT NULL DEFAULT 'article'"), ("article_date", "TEXT")):
        if column not in have:
            c.execute(f"ALTER TABLE relations ADD COLUMN {column} {ddl}")
            if column == "article_date":
                c.execute("UPDATE relations SET article_date = "
                          "(SELECT date FROM articles WHERE articles.id = relations.doc_id)")
    c.execute("CREATE INDEX IF NOT EXISTS relations_speaker ON relations (speaker_id) "
              "WHERE speaker_id IS NOT NULL")


#: What a column added by a later schema reads as in a store read as it is.
_OLD_DEFAULTS = {"date_source": "'article'"}
#: (the version it makes, the step): each takes a store of the version before to its own.
_MIGRATIONS = ((2, _to_schema_2), (3, _to_schema_3), (4, _to_schema_4))
#: The oldest schema a read-only opening reads without migrating, where it cannot migrate.
_READ_AS_IS = 2


def _upsert(table: str, columns: tuple[str, ...]) -> str:
    """INSERT ... ON CONFLICT(id) DO UPDATE, touching the row only when a value changed."""
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    rest = [c for c in columns if c != "id"]
    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in rest)
    changed = " OR ".join(f'"{c}" IS NOT excluded."{c}"' for c in rest)
    return (f"INSERT INTO {table} ({cols}) VALUES ({marks}) "
            f"ON CONFLICT(id) DO UPDATE SET {sets} WHERE {changed}")


_UPSERT_ACTOR = _upsert("actors", ("id", "name", "kind", "acts_for", "sector"))
_UPSERT_ARTICLE = _upsert("articles", ("id", "title", "url", "date", "source", "input"))
_UPSERT_RELATION = _upsert("relations", _RELATION_COLUMNS)


class SQLiteStore:
    """A graphkit store in one SQLite file; created (with its schema) when missing.

    `create=False` opens an existing store only (for readers such as `graphkit stats`);
    `readonly=True` opens it read-only (see `_connect_readonly`): every write is refused, a
    store in a read-only folder or file can be read, and no -wal/-shm file is left behind.

    Example:
        >>> from graphkit.pipeline import extract
        >>> with SQLiteStore("graphkit.db") as store:
        ...     store.write(extract(["examples/articles"]))
        ...     print(store.stats()["relations"])
        >>> with SQLiteStore("graphkit.db", readonly=True) as store:
        ...     print(store.stats()["relations"])
    """

    def __init__(self, path: str | os.PathLike = "graphkit.db", create: bool = True,
                 readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self._tidy = False
        self._before_input = False  # the store holds articles from before schema 3 (write() looks)
        name = str(self.path)
        if self.path.is_dir():
            raise StoreError(f"{name}: is a folder, not a graphkit database")
        exists = self.path.exists()
        if not exists and (readonly or not create):
            raise StoreError(f"{name}: no such database (create one with `graphkit build`)")
        if exists and (readonly or not create) and self.path.stat().st_size == 0:
            raise StoreError(f"{name}: empty file, not a graphkit database")
        try:
            self.conn = self._connect_readonly() if readonly else sqlite3.connect(
                name, isolation_level=None, timeout=10.0)
        except sqlite3.Error as e:
            raise StoreError(f"{name}: cannot open database ({e})") from None
        try:
            self._open()
        except sqlite3.DatabaseError as e:
            self.conn.close()
            msg = str(e)
            if "not a database" in msg or "malformed" in msg or "encrypted" in msg:
                raise StoreError(f"{name}: not a graphkit database (not an SQLite file)") from None
            raise StoreError(f"{name}: cannot open database ({msg})") from None
        except StoreError:
            self.conn.close()
            raise

    def _connect_readonly(self) -> sqlite3.Connection:
        """A read-only connection (URI mode=ro): SQLite itself refuses every write.

        A WAL-mode reader needs the -wal and -shm files beside the database. Where the folder
        can be written they are created if missing and, since a read-only connection cannot
        remove them, removed at close() the way SQLite's last connection does (unless another
        connection still uses them). Where neither the folder nor an existing -wal allows
        that (a read-only mount, a folder of another user's with no writer open), the file is
        opened immutable: nothing can be writing it from here, and nothing is created."""
        folder = self.path.parent if str(self.path.parent) else Path(".")
        wal, shm = (Path(f"{self.path}-{x}") for x in ("wal", "shm"))
        writable = os.access(folder, os.W_OK) and os.access(self.path, os.W_OK)
        uri = self.path.resolve().as_uri() + "?mode=ro"
        if not writable and not wal.exists():
            uri += "&immutable=1"
        self._tidy = writable and not wal.exists() and not shm.exists()
        return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10.0)

    # -- opening ------------------------------------------------------------------------------
    def _open(self) -> None:
        c = self.conn
        # Read before writing anything: a foreign SQLite file must not be switched to WAL.
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = self._check(tables) if tables else SCHEMA_VERSION
        self.schema_version = SCHEMA_VERSION  # once opened (migrated where it was older)
        if self.readonly:
            c.execute("PRAGMA foreign_keys = ON")
            c.execute("PRAGMA cache_size = -65536")
            if version < SCHEMA_VERSION:
                writable = os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)
                if not writable and version >= _READ_AS_IS:
                    self.schema_version = version
                    return  # readable as it is (articles read back without their input)
                if not writable:
                    raise StoreError(f"{self.path}: a store of schema {version} in a read-only place: "
                                     f"copy it where it can be written and open it once to migrate "
                                     f"it to schema {SCHEMA_VERSION}")
                # migrated in place as any opening does (one transaction), then read read-only
                c.close()
                SQLiteStore(self.path, create=False).close()
                self.conn = self._connect_readonly()
                self._open()
            return
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = NORMAL")
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("PRAGMA cache_size = -65536")  # 64 MiB of page cache: big loads stay in memory
        if not tables:
            c.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have created it between our look and our lock.
                if not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
                    for stmt in SCHEMA.split(";"):
                        if stmt.strip():
                            c.execute(stmt)
                    c.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                                  [("application", APPLICATION), ("schema_version", str(SCHEMA_VERSION))])
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
        elif version < SCHEMA_VERSION:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        """Every step of `_MIGRATIONS` past the store's `version`, in place and in one transaction
        (see the module's docstring)."""
        c = self.conn
        version = 0
        c.execute("PRAGMA foreign_keys = OFF")  # schema 2 rebuilds the actors table under its references
        try:
            c.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated it between our look and our lock.
                version = int(c.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
                for target, step in _MIGRATIONS:
                    if version < target:
                        step(c, str(self.path))
                if version < SCHEMA_VERSION:
                    c.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as e:
            raise StoreError(f"{self.path}: cannot migrate schema {version} to {SCHEMA_VERSION} ({e})") from None
        finally:
            c.execute("PRAGMA foreign_keys = ON")

    def _check(self, tables: set[str]) -> int:
        """The schema version of an existing store; refuses what this graphkit cannot use."""
        name = str(self.path)
        meta: dict[str, str] = {}
        if "meta" in tables:
            try:
                meta = dict(self.conn.execute("SELECT key, value FROM meta"))
            except sqlite3.Error:
                meta = {}
        if meta.get("application") != APPLICATION:
            raise StoreError(f"{name}: an SQLite database but not a graphkit store (no graphkit meta table)")
        try:
            version = int(meta.get("schema_version", ""))
        except ValueError:
            raise StoreError(f"{name}: graphkit store with an unreadable schema version") from None
        if version > SCHEMA_VERSION:
            raise StoreError(f"{name}: written by a newer graphkit (schema {version}, this one reads "
                             f"{SCHEMA_VERSION}); upgrade graphkit")
        if version < 1 or not set(_TABLES) <= tables:
            raise StoreError(f"{name}: graphkit store of schema {version} is incomplete or outdated; "
                             f"rebuild it")
        return version

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()
        if self._tidy:
            self._tidy = False
            self._remove_wal_files()

    def _remove_wal_files(self) -> None:
        """After a read-only connection that created -wal/-shm: open and close the file once
        read-write, so that SQLite, if this is the last connection, checkpoints the (empty)
        log and deletes both, as it does after any writer. Writes no data."""
        try:
            c = sqlite3.connect(str(self.path), isolation_level=None, timeout=1.0)
            try:
                c.execute("PRAGMA query_only = ON")
                c.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                c.close()
        except sqlite3.Error:
            pass  # a writer holds the store: the files are its, it removes them

    # -- writing ------------------------------------------------------------------------------
    @property
    def where(self) -> str:
        return str(self.path)

    def write(self, extractions: Iterable[Extraction], batch_size: int | None = None,
              stats: LoadStats | None = None) -> LoadStats:
        """Store each article's extraction, replacing what an earlier run derived from it;
        one transaction per `batch_size` articles (default SQLITE_BATCH_SIZE). `stats`, when
        given, is filled in as batches commit."""
        batch_size = SQLITE_BATCH_SIZE if batch_size is None else batch_size
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        stats = LoadStats() if stats is None else stats
        t0 = time.perf_counter()
        seen_actors: dict[str, Actor] = {}
        c = self.conn
        in_batch = 0
        # articles from before schema 3 (the partial index lists them): look for former ids only then
        self._before_input = c.execute("SELECT 1 FROM articles WHERE input IS NULL LIMIT 1").fetchone() is not None
        try:
            for ex in extractions:
                if in_batch == 0:
                    c.execute("BEGIN IMMEDIATE")
                self._write_one(ex, stats, seen_actors)
                in_batch += 1
                if in_batch >= batch_size:
                    c.execute("COMMIT")
                    stats.committed, in_batch = stats.articles, 0
            if in_batch:
                c.execute("COMMIT")
                stats.committed, in_batch = stats.articles, 0
            if stats.removed or stats.migrated:
                self._drop_orphans()
        except sqlite3.Error as e:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise StoreError(f"{self.path}: write failed ({e})") from None
        except BaseException:
            # Input or extractor errors, Ctrl-C: the open batch is dropped, committed ones stay.
            if c.in_transaction:
                c.execute("ROLLBACK")
            else:  # Ctrl-C right after a COMMIT, before it was counted
                stats.committed = stats.articles
            raise
        finally:
            stats.seconds = time.perf_counter() - t0
        return stats

    def _write_one(self, ex: Extraction, stats: LoadStats, seen: dict[str, Actor]) -> None:
        c = self.conn
        a = ex.article
        before = c.execute("SELECT input FROM articles WHERE id = ?", (a.id,)).fetchone()
        if before is not None:
            stats.replaced_from(a.id, before[0], a.input)
        if a.former_ids and self._before_input:
            stats.migrated += self._replace_former(a)
        c.execute(_UPSERT_ARTICLE, (a.id, a.title or "", a.url or "", a.date, a.source or "", a.input or ""))
        rows: dict[str, tuple[Any, ...]] = {}
        for r in ex.relations:
            for actor in _actors_of(r):
                if seen.get(actor.id) != actor:
                    self._write_actor(actor)
                    seen[actor.id] = actor
            rows[r.id] = _relation_row(r, a.date)
        existing = {row[0] for row in c.execute("SELECT id FROM relations WHERE doc_id = ?", (a.id,))}
        stale = existing - rows.keys()
        if stale:
            c.executemany("DELETE FROM relations WHERE id = ?", [(i,) for i in stale])
            stats.removed += len(stale)
        c.executemany(_UPSERT_RELATION, rows.values())
        counts = Counter(m for m in ex.unresolved if m and m.strip())
        old = dict(c.execute("SELECT mention, count FROM unresolved WHERE article_id = ?", (a.id,)))
        if old != counts:
            c.execute("DELETE FROM unresolved WHERE article_id = ?", (a.id,))
            c.executemany("INSERT INTO unresolved (article_id, mention, count) VALUES (?, ?, ?)",
                          [(a.id, m, n) for m, n in counts.items()])
        stats.articles += 1
        stats.relations += len(rows)
        stats.unresolved += sum(counts.values())

    def _replace_former(self, a: Article) -> int:
        """Delete the articles from before schema 3 that `a` is under one of its former ids
        (stores.is_former), with their relations and unresolved mentions; how many."""
        c = self.conn
        ids = [i for i in a.former_ids if i != a.id]
        if not ids:
            return 0
        marks = ", ".join("?" for _ in ids)
        found = c.execute(f"SELECT id, title, date FROM articles WHERE input IS NULL AND id IN ({marks})",
                          ids).fetchall()
        gone = [(ident,) for ident, title, date in found if is_former(a, {"title": title, "date": date}, (
            r[0] for r in c.execute("SELECT DISTINCT sentence FROM relations WHERE doc_id = ?", (ident,))))]
        c.executemany("DELETE FROM articles WHERE id = ?", gone)
        return len(gone)

    def _write_actor(self, actor: Actor) -> None:
        c = self.conn
        c.execute(_UPSERT_ACTOR, (actor.id, actor.name, actor.kind, actor.acts_for, actor.sector))
        if actor.kind != "person":
            return
        new = sorted(((r.acts_for, r.role, r.title or "", r.start, r.end) for r in actor.roles),
                     key=_sort_key)
        old = sorted(c.execute('SELECT acts_for, role, title, start, "end" FROM roles WHERE person_id = ?',
                               (actor.id,)), key=_sort_key)
        if new != old:
            c.execute("DELETE FROM roles WHERE person_id = ?", (actor.id,))
            c.executemany('INSERT INTO roles (person_id, acts_for, role, title, start, "end") '
                          "VALUES (?, ?, ?, ?, ?, ?)", [(actor.id, *r) for r in new])

    def delete_articles_of(self, source: str, keep: Iterable[str] = ()) -> int:
        """Delete the articles read from input `source` (a resolved path) except `keep`, with
        their relations; how many. `import_relations` drops so the rows an edited file no
        longer has, and no other file's."""
        keep = set(keep)
        c = self.conn
        try:
            c.execute("BEGIN IMMEDIATE")
            ids = [r[0] for r in c.execute("SELECT id FROM articles WHERE input = ?", (source,))
                   if r[0] not in keep]
            c.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids])
            c.execute("COMMIT")
            if ids:
                self._drop_orphans()
        except sqlite3.Error as e:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise StoreError(f"{self.path}: delete failed ({e})") from None
        return len(ids)

    def _drop_orphans(self) -> None:
        """Remove actors (and their roles) that no relation names any more, once relations were
        removed: an actor stays while a relation, another actor's `acts_for` or a kept role names it."""
        c = self.conn
        used = ("SELECT subject_id FROM relations UNION SELECT object_id FROM relations "
                "UNION SELECT speaker_id FROM relations WHERE speaker_id IS NOT NULL")
        c.execute("BEGIN IMMEDIATE")
        c.execute(f"DELETE FROM roles WHERE person_id NOT IN ({used})")
        while c.execute(f"DELETE FROM actors WHERE id NOT IN ({used}) AND id NOT IN (SELECT acts_for FROM roles) "
                        "AND id NOT IN (SELECT acts_for FROM actors WHERE acts_for IS NOT NULL)").rowcount:
            pass  # an agent removed may free the state it acted for
        c.execute("COMMIT")

    # -- reading ------------------------------------------------------------------------------
    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        for row in cur:
            yield dict(zip(names, row))

    def actors(self) -> Iterator[dict[str, Any]]:
        yield from self._rows("SELECT id, name, kind, acts_for, sector FROM actors ORDER BY id")

    def articles(self) -> Iterator[dict[str, Any]]:
        source = "input" if "input" in _columns(self.conn, "articles") else "NULL AS input"  # schema 2, read as is
        yield from self._rows(f"SELECT id, title, url, date, source, {source} FROM articles ORDER BY id")

    def _relation_columns(self, columns: tuple[str, ...], alias: str = "") -> str:
        """The SELECT list of `columns`; in a store read as it is (an older schema on a
        read-only mount) a column it lacks reads as its default."""
        have = _columns(self.conn, "relations")
        return ", ".join(f'{alias}"{c}"' if c in have else f"{_OLD_DEFAULTS.get(c, 'NULL')} AS \"{c}\""
                         for c in columns)

    def relations(self) -> Iterator[dict[str, Any]]:
        cols = self._relation_columns(_CONTRACT_RELATION)
        for row in self._rows(f"SELECT {cols} FROM relations ORDER BY doc_id, sentence_index, id"):
            row["negated"] = bool(row["negated"])
            if row["plover"] is None:  # written before schema 2: the type's default root
                row["plover"] = default_plover(row["relation"])
            yield row

    def find_relations(self, subject: str | None = None, object: str | None = None,
                       relation: str | Iterable[str] | None = None,
                       plover: str | Iterable[str] | None = None, since: str | None = None,
                       until: str | None = None, speaker: str | None = None,
                       facts_only: bool = True) -> Iterator[Relation]:
        """The stored relations that match, as `Relation` objects with their sentences: the
        embedded store's answer to the named Cypher queries. (`relations()` is the Store
        contract's row reader; this one filters in SQL and builds the model's objects.)

        Parameters
        ----------
        subject, object, speaker : str, optional
            An actor id ("RUS") or exact name ("Russia", any case): the acting actor, the actor
            acted on, the actor the text attributes the claim to.
        relation, plover : str or iterable of str, optional
            Relation types and PLOVER roots to keep (any case); an unknown one is an InputError.
        since, until : str, optional
            Keep relations whose event date (else their article's) is on or after `since`, on
            or before `until` (YYYY-MM-DD, YYYY-MM or YYYY); undated ones then drop out.
        facts_only : bool, default True
            Keep only facts: asserted (no modality) and not negated. False keeps everything.

        Returns
        -------
        relations : iterator of Relation
            In date order (undated last). Actors come with their roles; a mention read back
            spans its relation's sentence (the store keeps the words, not their offsets).

        Example
        -------
        >>> with SQLiteStore("graphkit.db", readonly=True) as store:
        ...     for r in store.find_relations(object="Ukraine", relation="SUPPLIES"):
        ...         print(r.date, r.subject.actor.name, r.sentence)
        """
        where: list[str] = []
        params: list[Any] = []
        for column, value in (("subject_id", subject), ("object_id", object), ("speaker_id", speaker)):
            if value is not None:
                where.append(f"r.{column} IN (SELECT id FROM actors WHERE id = ? OR name = ? COLLATE NOCASE)")
                params += [value, value]
        types = _relation_types(relation)
        if types is not None:
            where.append(f"r.relation IN ({', '.join('?' for _ in types)})")
            params += sorted(types)
        roots = _plover_roots(plover)
        if roots is not None:
            defaults = sorted(t for t, rt in RELATIONS.items() if rt.plover in roots)
            where.append(f"(r.plover IN ({', '.join('?' for _ in roots)}) OR (r.plover IS NULL AND "
                         f"r.relation IN ({', '.join('?' for _ in defaults) or 'NULL'})))")
            params += sorted(roots) + defaults
        since, until = check_date(since, "since"), check_date(until, "until")
        if since is not None:  # a date of any precision ("2022") meets a range inside its period
            where.append("(COALESCE(r.date, a.date) >= ? OR substr(?, 1, length(COALESCE(r.date, a.date))) "
                         "= COALESCE(r.date, a.date))")
            params += [since, since]
        if until is not None:
            where.append("substr(COALESCE(r.date, a.date), 1, ?) <= ?")
            params += [len(until), until]
        if facts_only:
            where.append("r.modality IS NULL AND r.negated = 0")
        cols = self._relation_columns(_RELATION_COLUMNS, "r.")
        sql = (f"SELECT {cols}, a.date AS doc_date FROM relations r LEFT JOIN articles a ON a.id = r.doc_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY COALESCE(r.date, a.date) IS NULL, COALESCE(r.date, a.date), r.doc_id, "
                 "r.sentence_index, r.id")
        actors: dict[str, Actor] = {}
        for row in self._rows(sql, tuple(params)):
            yield self._relation(row, actors)

    def _actor(self, actor_id: str, cache: dict[str, Actor]) -> Actor:
        """The actor of a stored id, with its roles (an id the actors table lacks: kind other)."""
        actor = cache.get(actor_id)
        if actor is None:
            found = self.conn.execute("SELECT name, kind, acts_for, sector FROM actors WHERE id = ?",
                                      (actor_id,)).fetchone()
            name, kind, acts_for, sector = found if found else (actor_id, "other", None, None)
            roles = tuple(Role(*r) for r in self.conn.execute(
                'SELECT acts_for, role, title, start, "end" FROM roles WHERE person_id = ? '
                "ORDER BY start, acts_for, role", (actor_id,)))
            actor = cache[actor_id] = Actor(actor_id, name, kind, acts_for, roles=roles, sector=sector)
        return actor

    def _relation(self, row: dict[str, Any], actors: dict[str, Actor]) -> Relation:
        start, end = row["start"], row["end"]

        def mention(actor_id: str, text: str | None) -> Mention:
            return Mention(self._actor(actor_id, actors), text or "", start, end)

        acts = {side: row[f"{side}_acts_for"] for side in ("subject", "object") if row[f"{side}_acts_for"]}
        return Relation(
            subject=mention(row["subject_id"], row["subject_mention"]), relation=row["relation"],
            object=mention(row["object_id"], row["object_mention"]), doc_id=row["doc_id"],
            sentence=row["sentence"], sentence_index=row["sentence_index"], start=start, end=end,
            negated=bool(row["negated"]), modality=row["modality"], what=row["what"],
            date=row["date"] or row["doc_date"], confidence=row["confidence"], extractor=row["extractor"],
            trigger=row["trigger"], plover=row["plover"] or default_plover(row["relation"]), acts_for=acts,
            speaker=mention(row["speaker_id"], row["speaker_mention"]) if row["speaker_id"] else None,
            date_source=row["date_source"] or "article", article_date=row["article_date"] or row["doc_date"])

    def roles(self) -> Iterator[dict[str, Any]]:
        yield from self._rows('SELECT person_id, acts_for, role, title, start, "end" FROM roles '
                              "ORDER BY person_id, start, acts_for, role, title")

    def unresolved(self) -> Iterator[dict[str, Any]]:
        """Rows of article_id, mention, count."""
        yield from self._rows("SELECT article_id, mention, count FROM unresolved ORDER BY article_id, mention")

    # -- merging ------------------------------------------------------------------------------
    def merge_from(self, other: SQLiteStore) -> MergeStats:
        """Add every row of another store to this one, in one transaction: its actors (with
        their roles), articles, relations and unresolved names. An article both stores hold is
        taken whole from `other`, as a re-extraction would replace it (so merging twice
        changes nothing); ids are graphkit's own, unique across stores of distinct articles.

        Example
        -------
        >>> with SQLiteStore("all.db") as into, SQLiteStore("march.db", readonly=True) as other:
        ...     print(into.merge_from(other).relations)
        """
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; cannot merge into it")
        if other.path.resolve() == self.path.resolve():
            raise StoreError(f"{self.path}: cannot merge a store into itself")
        t0 = time.perf_counter()
        stats = MergeStats(source=str(other.path), into=str(self.path))
        src, c = other.conn, self.conn
        try:
            c.execute("BEGIN IMMEDIATE")
            c.executemany(_UPSERT_ACTOR, src.execute("SELECT id, name, kind, acts_for, sector FROM actors"))
            stats.actors = src.execute("SELECT COUNT(*) FROM actors").fetchone()[0]
            roles: dict[str, list[tuple[Any, ...]]] = {}
            for person, *role in src.execute('SELECT person_id, acts_for, role, title, start, "end" FROM roles'):
                roles.setdefault(person, []).append(tuple(role))
            for person, rows in roles.items():
                c.execute("DELETE FROM roles WHERE person_id = ?", (person,))
                c.executemany('INSERT INTO roles (person_id, acts_for, role, title, start, "end") '
                              "VALUES (?, ?, ?, ?, ?, ?)", [(person, *r) for r in rows])
            docs = [r[0] for r in src.execute("SELECT id FROM articles")]
            source = "input" if "input" in _columns(src, "articles") else "NULL"  # a schema-2 source read as is
            c.executemany(_UPSERT_ARTICLE, src.execute(f"SELECT id, title, url, date, source, {source} FROM articles"))
            stats.articles = len(docs)
            keep: dict[str, set[str]] = {d: set() for d in docs}
            for rid, doc in src.execute("SELECT id, doc_id FROM relations"):
                keep.setdefault(doc, set()).add(rid)
            for doc, ids in keep.items():
                stale = [i for (i,) in c.execute("SELECT id FROM relations WHERE doc_id = ?", (doc,))
                         if i not in ids]
                c.executemany("DELETE FROM relations WHERE id = ?", [(i,) for i in stale])
                stats.removed += len(stale)
            cols = ", ".join(f'"{col}"' for col in _RELATION_COLUMNS)
            c.executemany(_UPSERT_RELATION, src.execute(f"SELECT {cols} FROM relations ORDER BY rowid"))
            stats.relations = src.execute("SELECT COUNT(*) FROM relations").fetchone()[0]
            c.executemany("DELETE FROM unresolved WHERE article_id = ?", [(d,) for d in docs])
            c.executemany("INSERT INTO unresolved (article_id, mention, count) VALUES (?, ?, ?)",
                          src.execute("SELECT article_id, mention, count FROM unresolved"))
            c.execute("COMMIT")
            if stats.removed:
                self._drop_orphans()
        except sqlite3.Error as e:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise StoreError(f"{self.path}: merge of {other.path} failed ({e})") from None
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        stats.seconds = time.perf_counter() - t0
        return stats

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, sorted: two stores with equal dumps hold the same data."""
        out = {}
        for table in _TABLES:
            rows = self.conn.execute(f"SELECT * FROM {table}").fetchall()
            out[table] = sorted(rows, key=lambda r: tuple(_sort_key(v) for v in r))
        return out

    def stats(self) -> dict[str, Any]:
        """Counts of everything, relations by type and by PLOVER root, actors by kind (and agents
        by sector), the relations with an agent or unresolved actor, the best-connected actors,
        unresolved mentions and the articles' date range."""
        c = self.conn
        by_plover: Counter[str] = Counter()
        for relation, plover, n in c.execute("SELECT relation, plover, COUNT(*) FROM relations "
                                             "GROUP BY relation, plover"):
            by_plover[plover or default_plover(relation) or "(none)"] += n
        with_kind = {kind: c.execute(
            "SELECT COUNT(*) FROM relations r LEFT JOIN actors s ON s.id = r.subject_id "
            "LEFT JOIN actors o ON o.id = r.object_id WHERE s.kind = ? OR o.kind = ?",
            (kind, kind)).fetchone()[0] for kind in _NEW_KINDS}

        def one(sql: str) -> Any:
            return c.execute(sql).fetchone()[0]

        top = [{"id": i, "name": n or i, "kind": k or "", "degree": d} for i, n, k, d in c.execute(
            "SELECT e.id, a.name, a.kind, e.degree FROM "
            "(SELECT id, COUNT(*) AS degree FROM (SELECT subject_id AS id FROM relations "
            " UNION ALL SELECT object_id FROM relations) GROUP BY id) AS e "
            "LEFT JOIN actors a ON a.id = e.id ORDER BY e.degree DESC, e.id LIMIT 10")]
        first, last = c.execute("SELECT MIN(date), MAX(date) FROM articles WHERE date IS NOT NULL").fetchone()
        return {
            "path": str(self.path),
            "schema_version": self.schema_version,
            "actors": one("SELECT COUNT(*) FROM actors"),
            "articles": one("SELECT COUNT(*) FROM articles"),
            "relations": one("SELECT COUNT(*) FROM relations"),
            "negated": one("SELECT COUNT(*) FROM relations WHERE negated = 1"),
            "roles": one("SELECT COUNT(*) FROM roles"),
            "by_relation": dict(c.execute(
                "SELECT relation, COUNT(*) FROM relations GROUP BY relation ORDER BY 2 DESC, 1")),
            "by_plover": dict(sorted(by_plover.items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_kind": dict(c.execute("SELECT kind, COUNT(*) FROM actors GROUP BY kind ORDER BY 2 DESC, 1")),
            "agents_by_sector": dict(c.execute(
                "SELECT COALESCE(sector, '(none)'), COUNT(*) FROM actors WHERE kind = 'agent' "
                "GROUP BY 1 ORDER BY 2 DESC, 1")),
            "relations_with_kind": with_kind,
            # named actors no list knows (ids org:, person:, unresolved: from their names)
            "unlisted_actors": one(f"SELECT COUNT(*) FROM actors WHERE {_UNLISTED.format(col='id')}"),
            "relations_with_unlisted": one(
                "SELECT COUNT(*) FROM relations WHERE "
                f"{_UNLISTED.format(col='subject_id')} OR {_UNLISTED.format(col='object_id')}"),
            "top_actors": top,
            "unresolved": {
                "total": one("SELECT COALESCE(SUM(count), 0) FROM unresolved"),
                "distinct": one("SELECT COUNT(DISTINCT mention) FROM unresolved"),
                "top": [{"mention": m, "count": n} for m, n in c.execute(
                    "SELECT mention, SUM(count) FROM unresolved GROUP BY mention "
                    "ORDER BY 2 DESC, 1 LIMIT 10")],
            },
            "dates": {"first": first, "last": last},
            # stored before ids were keyed on their input: building their inputs again re-keys them
            "articles_before_input": one("SELECT COUNT(*) FROM articles WHERE input IS NULL")
            if self.schema_version >= 3 else one("SELECT COUNT(*) FROM articles"),
        }


@dataclass
class MergeStats:
    """What merging one store into another did."""

    source: str
    into: str
    actors: int = 0
    articles: int = 0
    relations: int = 0  # the source's relations, now in the target (new or replaced)
    removed: int = 0  # the target's relations of the source's articles that the source lacks
    seconds: float = 0.0


def merge_stores(sources: Iterable[str | os.PathLike], into: str | os.PathLike) -> list[MergeStats]:
    """Merge the SQLite stores `sources`, in order, into the store `into` (created when missing):
    `graphkit merge A.db B.db --into C.db`. Each source is one transaction; a source that is
    `into` itself is skipped. Raises StoreError for a source that is missing or no store.

    Example
    -------
    >>> [s.relations for s in merge_stores(["a.db", "b.db"], "all.db")]
    [120, 87]
    """
    paths = [Path(p) for p in sources]
    target = Path(into)
    out: list[MergeStats] = []
    opened = []
    try:
        for p in paths:  # every source checked before anything is written
            if target.exists() and p.exists() and p.resolve() == target.resolve():
                continue
            opened.append(SQLiteStore(p, readonly=True))
        with SQLiteStore(target) as store:
            for source in opened:
                out.append(store.merge_from(source))
    finally:
        for source in opened:
            source.close()
    return out


def _relation_types(names: str | Iterable[str] | None) -> set[str] | None:
    """Relation type names checked against the ontology (any case); None or nothing: None."""
    if names is None:
        return None
    out = set()
    for name in [names] if isinstance(names, str) else names:
        try:
            out.add(get_relation(name).name)
        except UnknownRelation as e:
            raise InputError(str(e)) from None
    return out or None


def _plover_roots(roots: str | Iterable[str] | None) -> set[str] | None:
    """PLOVER root names checked against the ontology (any case); None or nothing: None."""
    if roots is None:
        return None
    out = set()
    for root in [roots] if isinstance(roots, str) else roots:
        name = str(root).strip().upper()
        if name not in PLOVER_ROOTS:
            raise InputError(f"--plover {root!r}: unknown PLOVER root (known: {', '.join(PLOVER_ROOTS)})")
        out.add(name)
    return out or None


_UNLISTED = "({col} LIKE 'org:%' OR {col} LIKE 'person:%' OR {col} LIKE 'unresolved:%')"


def _actors_of(r: Relation) -> tuple[Actor, ...]:
    """The actors a relation row refers to: subject, object and (when the text names one) speaker."""
    if r.speaker is None:
        return (r.subject.actor, r.object.actor)
    return (r.subject.actor, r.object.actor, r.speaker.actor)


def _relation_row(r: Relation, article_date: str | None) -> tuple[Any, ...]:
    """A relation's row in _RELATION_COLUMNS order; `article_date` stands in for a relation that
    does not carry its article's date."""
    speaker = r.speaker
    return (r.id, r.doc_id, r.sentence_index, r.subject.actor.id, r.relation, r.object.actor.id,
            1 if r.negated else 0, r.modality, r.what, r.sentence, r.start, r.end, r.date,
            float(r.confidence), r.extractor, r.trigger, r.subject.text, r.object.text,
            r.plover or default_plover(r.relation),
            speaker.actor.id if speaker is not None else None, speaker.text if speaker is not None else None,
            r.date_source or "article", r.article_date or article_date,
            r.acts_for.get("subject"), r.acts_for.get("object"))


def _sort_key(v: Any) -> Any:
    """Sorts tuples holding None next to strings (None first)."""
    if isinstance(v, tuple):
        return tuple(_sort_key(x) for x in v)
    return (0, "") if v is None else (1, v) if isinstance(v, str) else (2, v)
