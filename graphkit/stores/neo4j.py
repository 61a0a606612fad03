"""Neo4j store: the graph of actors, relations and articles in a Neo4j 5 database, over Bolt.

The model (drawn in cypher/README.md):

    (:Actor:<Kind> {id, name, kind, acts_for, sector})
                     Kind: State|Organisation|Person|Group|Agent|Unresolved|Other
    (:Article {id, title, url, date, source, input})
    (:Actor)-[:<RELATION> {id, doc_id, sentence_index, sentence, start, end, negated, modality,
              what, date, confidence, extractor, trigger, subject_mention, object_mention,
              plover, speaker_id, speaker_mention, date_source, article_date,
              subject_acts_for, object_acts_for, quad_class, goldstein}]->(:Actor)

A relation's speaker (the actor the text attributes the claim to) is a property pair on the
relationship, `speaker_id` (an :Actor's id; that actor is always a node of the graph) and
`speaker_mention`, not a SAID relationship: a relationship cannot point at another
relationship, so SAID would need a node per claim, doubling the graph for a lookup that
`MATCH (sp:Actor {id: r.speaker_id})` (the unique Actor id index) already gives.
    (:Article)-[:REPORTS {count}]->(:Actor)
    (:Person)-[:ACTS_FOR {key, role, title, start, end}]->(:State|:Organisation)

<RELATION> is one of the ontology's twenty types (graphkit.ontology.RELATION_NAMES): the only
relationship types besides REPORTS and ACTS_FOR this module ever writes. Labels and types are
never taken from data or user text: every statement below is a fixed string built once, at
import, from the ontology whitelist and the fixed kind -> label map; all values are parameters.
The one dynamic type (`$(row[1])` in CREATE, Neo4j 5.26 and later; older servers get a guarded
CREATE per type) is a relation's type after the store has checked it against that whitelist.

Writes are batched (`UNWIND $rows`; the relations of all twenty types go in one fixed statement:
CREATE with the row's type, checked against the ontology first, for articles new to the graph,
else a MERGE per type, each guarded by the row's type), each batch one managed transaction
(`session.execute_write`, which retries transient errors such as deadlocks and lost
connections), and MERGE on ids, so loading twice changes nothing and concurrent loads
create no duplicates (the uniqueness constraints of cypher/schema.cypher make MERGE safe).
A batch holds whole articles: an article's earlier relations are replaced in the same
transaction that writes its new ones, so a failure never leaves an article half-replaced.
In that transaction too: an article written before articles kept their `input`, under one of
the new article's former ids, is replaced by it (stores.is_former); an article that replaces
one of its id read from another input is counted (LoadStats.other_input); and the actors the
removed relations leave without any relation (nor a person acting for them, nor an agent of
theirs) are deleted, as the SQLite store does.

Every expected failure (server down, wrong password, unknown database, bad Cypher, a missing
query parameter) is raised as a one-line StoreError; connectivity and authentication are
verified before anything is written. The store only writes and reads (graphkit.build feeds it,
graphkit.views draws what a query returns): it imports the model, the ontology, the errors and
the driver.
"""
from __future__ import annotations

import logging
import os
import re
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Actor, Article, Extraction, Relation, Role
from ..ontology import RELATION_NAMES, RELATIONS
from . import NEO4J_BATCH_SIZE, LoadStats, default_plover, is_former

#: The constraints and indexes: package data (the top-level cypher/, installed as graphkit.cypher).
SCHEMA_FILE: Traversable = resources.files("graphkit.cypher") / "schema.cypher"

#: actor kind -> its second label; the only node labels written besides Actor and Article.
KIND_LABELS: dict[str, str] = {
    "state": "State", "organisation": "Organisation", "person": "Person", "group": "Group",
    "agent": "Agent", "unresolved": "Unresolved", "other": "Other",
}
STRUCTURAL_TYPES = ("REPORTS", "ACTS_FOR")
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

_IDENT = re.compile(r"^[A-Z][A-Z_]*$")
for _name in (*RELATION_NAMES, *STRUCTURAL_TYPES, *KIND_LABELS.values()):  # belt and braces
    assert _IDENT.match(_name.upper()), _name

# --- fixed statements -------------------------------------------------------------------------

_ALL_KIND_LABELS = ":".join(KIND_LABELS.values())

# Every write statement below starts from a node found by its unique id (MERGE on a uniquely
# constrained property, or MATCH with a `USING INDEX SEEK` hint) or from a relationship index
# (hinted too), so its plan does not depend on how big the graph is. Without the hints the
# planner did pick bad plans: on a full graph the stale-REPORTS delete scanned every actor and
# expanded their REPORTS (7 million db hits for 200 articles, 2 s a batch), and on a fresh server
# a stale-relation delete scanned its doc_id index instead of seeking it. `replan=skip` then
# keeps the cached plan: otherwise the server re-plans each statement whenever the graph's
# statistics have moved since the plan was made (a store that grew, or was emptied, more than
# ten seconds earlier): twenty-odd plannings at the start of a load. A missing plan is still
# planned, and a schema change still empties the cache.
_KEEP_PLAN = "CYPHER replan=skip\n"

# One statement per kind: MERGE on the id, set the properties, make the kind label the only one.
_UPSERT_ACTORS = {
    kind: (
        _KEEP_PLAN +
        "UNWIND $rows AS row\n"
        "MERGE (a:Actor {id: row.id})\n"
        "SET a.name = row.name, a.kind = row.kind, a.acts_for = row.acts_for, a.sector = row.sector\n"
        f"REMOVE a:{_ALL_KIND_LABELS}\n"
        f"SET a:{label}"
    )
    for kind, label in KIND_LABELS.items()
}
# Actors known only by id (a role's state or organisation no relation of the batch names): create
# them if needed, never overwrite what a full actor row wrote.
_ENSURE_ACTORS = (
    _KEEP_PLAN +
    "UNWIND $rows AS row\n"
    "MERGE (a:Actor {id: row.id})\n"
    "ON CREATE SET a.name = row.name, a.kind = 'other', a:Other"
)
_UPSERT_ARTICLES = (
    _KEEP_PLAN +
    "UNWIND $rows AS row\n"
    "MERGE (a:Article {id: row.id})\n"
    "SET a.title = row.title, a.url = row.url, a.date = row.date, a.source = row.source, a.input = row.input"
)
# The batch's articles already in the graph, each with the input it was read from.
_EXISTING_ARTICLES = (
    _KEEP_PLAN +
    "UNWIND $ids AS id\n"
    "MATCH (a:Article {id: id}) USING INDEX SEEK a:Article(id)\n"
    "RETURN collect([a.id, a.input]) AS rows"
)
# Articles written before articles kept their input, among the ids given (former ids).
_FORMER_ARTICLES = (
    _KEEP_PLAN +
    "UNWIND $ids AS id\n"
    "MATCH (a:Article {id: id}) USING INDEX SEEK a:Article(id)\n"
    "WHERE a.input IS NULL\n"
    "RETURN a.id AS id, a.title AS title, a.date AS date"
)
# The sentences the relations of those articles quote, one statement per type.
_FORMER_SENTENCES = {
    t: (
        _KEEP_PLAN +
        "UNWIND $ids AS d\n"
        f"MATCH ()-[r:{t} {{doc_id: d}}]->() USING INDEX SEEK r:{t}(doc_id)\n"
        "RETURN d AS id, collect(DISTINCT r.sentence) AS sentences"
    )
    for t in RELATION_NAMES
}
_ARTICLES_OF_INPUT = (
    _KEEP_PLAN +
    "MATCH (a:Article {input: $input})\n"
    "RETURN a.id AS id ORDER BY id"
)
_DELETE_ARTICLES = (
    _KEEP_PLAN +
    "UNWIND $ids AS id\n"
    "MATCH (a:Article {id: id}) USING INDEX SEEK a:Article(id)\n"
    "DETACH DELETE a"
)
# (The two statements above and below seek the article_input and actor_acts_for indexes without a
# hint: a hint would fail outright on a server whose schema predates them.)
# Actors among $ids that nothing holds any more: no relation, no person acting for them (an
# ACTS_FOR in), no actor whose acts_for they are (an agent of a state). Deleted with their
# REPORTS and ACTS_FOR links; each row gives what its actor held (its acts_for, its offices'
# states), which may be free now: the next round's candidates.
_DROP_ORPHANS = (
    _KEEP_PLAN +
    "UNWIND $ids AS id\n"
    "MATCH (a:Actor {id: id}) USING INDEX SEEK a:Actor(id)\n"
    "WHERE NOT EXISTS { MATCH (a)-[r]-(:Actor) WHERE type(r) IN $types }\n"
    "  AND NOT EXISTS { MATCH (:Actor)-[:ACTS_FOR]->(a) }\n"
    "  AND NOT EXISTS { MATCH (b:Actor {acts_for: a.id}) }\n"
    "OPTIONAL MATCH (a)-[:ACTS_FOR]->(t:Actor)\n"
    "WITH a, a.id AS gone, a.acts_for AS up, collect(t.id) AS offices\n"
    "DETACH DELETE a\n"
    "RETURN gone, up, offices"
)
# The relations of articles written before whose id is not among the ones just extracted: one
# small statement per type, each an index seek on <type>(doc_id). (One UNION ALL statement over
# the twenty types took the planner 25 s the first time a server saw it.) `ends` are the actors
# they joined, which may have no relation left.
_DELETE_STALE = {
    t: (
        _KEEP_PLAN +
        "UNWIND $docs AS d\n"
        f"MATCH (s)-[r:{t} {{doc_id: d.id}}]->(o) USING INDEX SEEK r:{t}(doc_id)\n"
        "WHERE NOT r.id IN d.keep\n"
        "WITH r, s.id AS s, o.id AS o\n"
        "DELETE r\n"
        "RETURN count(*) AS n, collect(DISTINCT s) + collect(DISTINCT o) AS ends"
    )
    for t in RELATION_NAMES
}


def _each_type(write: str) -> str:
    """`write` (Cypher with {t} for the type) once per relation type, each guarded by the row's
    type (row[1]): one statement for all twenty types costs one round trip per batch instead of
    a statement per type."""
    return "".join(f"FOREACH (_ IN CASE WHEN row[1] = '{t}' THEN [1] ELSE [] END |\n"
                   f"  {write.replace('{t}', t)})\n" for t in RELATION_NAMES)


# Each statement below finds the batch's actors once, by index seek, into a list (`actors`,
# in the order of $actor_ids, each actor wrapped in a one-element list so that a missing one
# keeps its place as [null]); rows name their actors by position in that list. Seeking both
# actors of every row instead cost 40,000 locking index seeks per 20,000 relations, for some
# 150 distinct actors.
_FIND_ACTORS = (
    "UNWIND range(0, size($actor_ids) - 1) AS i\n"
    "OPTIONAL MATCH (x:Actor {id: $actor_ids[i]}) USING INDEX SEEK x:Actor(id)\n"
    "WITH i, x ORDER BY i\n"
    "WITH collect([x]) AS actors\n"
)
#: A relation row's properties in the store contract (what relations() reads back) ...
RELATION_PROPS = ("doc_id", "sentence_index", "sentence", "start", "end", "negated", "modality",
                  "what", "date", "confidence", "extractor", "trigger", "subject_mention",
                  "object_mention", "plover", "speaker_id", "speaker_mention", "date_source",
                  "article_date")
# ... and every property a relation relationship gets, in the order a statement row carries
# them: rows are lists, [id, type, subject position, object position, *values], not maps, which
# spares packing, sending and decoding eighteen key strings per relation.
_WRITTEN_PROPS = (*RELATION_PROPS, "subject_acts_for", "object_acts_for", "quad_class", "goldstein")
_FIRST_VALUE = 4
_PROPS_MAP = "{id: row[0], " + ", ".join(f"{k}: row[{i + _FIRST_VALUE}]" for i, k in enumerate(_WRITTEN_PROPS)) + "}"
_SET_PROPS = ", ".join(f"r.{k} = row[{i + _FIRST_VALUE}]" for i, k in enumerate(_WRITTEN_PROPS))

# `n` counts the rows whose two actors were found; fewer than sent means a missing actor.
_RELATION_ROWS = (
    "UNWIND $rows AS row\n"
    "WITH row, actors[row[2]][0] AS s, actors[row[3]][0] AS o\n"
    "WHERE s IS NOT NULL AND o IS NOT NULL\n"
)
# SET of every property, null ones too: a re-extracted relation whose modality went away loses it.
_MERGE_RELATIONS = (
    _KEEP_PLAN + _FIND_ACTORS + _RELATION_ROWS
    + _each_type("MERGE (s)-[r:{t} {id: row[0]}]->(o) SET " + _SET_PROPS) +
    "RETURN count(*) AS n"
)
# Relations of an article the graph has never seen cannot exist yet (their ids derive from the
# article id), so they are created without MERGE's lookup; a concurrent writer of the same new
# article trips the uniqueness constraint and the batch is redone with MERGE.
# CREATE takes the type from the row (`$(row[1])`, Neo4j 5.26's dynamic types): every row's
# type has been checked against the ontology (_prepared) before it is sent. The planner puts an
# Eager between each pair of guarded FOREACH branches, twenty full passes over the rows; this is
# one. (MERGE with a dynamic type scans every relationship in the graph, so MERGE keeps FOREACH.)
_CREATE_RELATIONS = (
    _KEEP_PLAN + _FIND_ACTORS + _RELATION_ROWS +
    f"CREATE (s)-[r:$(row[1]) {_PROPS_MAP}]->(o)\n"
    "RETURN count(*) AS n"
)
# The same for servers older than 5.26, which have no dynamic types: a CREATE per type, guarded.
_CREATE_RELATIONS_GUARDED = (
    _KEEP_PLAN + _FIND_ACTORS + _RELATION_ROWS
    + _each_type("CREATE (s)-[r:{t} " + _PROPS_MAP + "]->(o)") +
    "RETURN count(*) AS n"
)
_SERVER_VERSION = ("CALL dbms.components() YIELD name, versions\n"
                   "WHERE name = 'Neo4j Kernel' RETURN versions[0] AS v")
# REPORTS rows come one per article, with a link per actor the article's relations touch.
_REPORT_LINKS = (
    "UNWIND $rows AS row\n"
    "MATCH (a:Article {id: row.doc_id}) USING INDEX SEEK a:Article(id)\n"
    "UNWIND row.links AS link\n"
    "WITH a, link, actors[link.x][0] AS x\n"
)
# A link carries only the number of the article's relations that involve the actor. It once
# also listed their ids and types, which each relation's doc_id already gives (and an id alone
# finds nothing without its type): two string arrays per link, 1.13x a load's time.
_SET_REPORT = "SET p.count = link.count"
_CREATE_REPORTS = _KEEP_PLAN + _FIND_ACTORS + _REPORT_LINKS + "CREATE (a)-[p:REPORTS]->(x)\n" + _SET_REPORT
_MERGE_REPORTS = _KEEP_PLAN + _FIND_ACTORS + _REPORT_LINKS + "MERGE (a)-[p:REPORTS]->(x)\n" + _SET_REPORT
# The same, one relation per statement: only for the batched-vs-single benchmark.
_MERGE_ONE_RELATION = {
    t: (
        "MATCH (s:Actor {id: $row.subject_id})\n"
        "MATCH (o:Actor {id: $row.object_id})\n"
        f"MERGE (s)-[r:{t} {{id: $row.id}}]->(o)\n"
        "SET r += $row.props"
    )
    for t in RELATION_NAMES
}
_DELETE_STALE_REPORTS = (
    _KEEP_PLAN +
    "UNWIND $docs AS d\n"
    "MATCH (a:Article {id: d.id})-[p:REPORTS]->(x:Actor) USING INDEX SEEK a:Article(id)\n"
    "WHERE NOT x.id IN d.actors\n"
    "DELETE p"
)
_MERGE_ROLES = (
    _KEEP_PLAN +
    "UNWIND $rows AS row\n"
    "MATCH (p:Actor {id: row.person_id}) USING INDEX SEEK p:Actor(id)\n"
    "MATCH (t:Actor {id: row.acts_for}) USING INDEX SEEK t:Actor(id)\n"
    "MERGE (p)-[r:ACTS_FOR {key: row.key}]->(t)\n"
    "SET r.role = row.role, r.title = row.title, r.start = row.start, r.end = row.end"
)
_DELETE_STALE_ROLES = (
    _KEEP_PLAN +
    "UNWIND $persons AS p\n"
    "MATCH (a:Actor {id: p.id})-[r:ACTS_FOR]->() USING INDEX SEEK a:Actor(id)\n"
    "WHERE NOT r.key IN p.keys\n"
    "DELETE r"
)
_HAS_KEY_CONSTRAINTS = (
    "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type\n"
    "WHERE type = 'UNIQUENESS' AND properties = ['id']\n"
    "  AND (labelsOrTypes = ['Actor'] OR labelsOrTypes = ['Article'])\n"
    "RETURN count(*) AS n"
)
# The indexes the writes seek that graphkit's schema gained later (a server set up before gets
# them at the first write).
_LATER_INDEXES = ("article_input", "actor_acts_for")
_HAS_LATER_INDEXES = "SHOW INDEXES YIELD name WHERE name IN $names RETURN count(*) AS n"


# --- settings and errors ----------------------------------------------------------------------

@dataclass
class Neo4jSettings:
    """Where and how to connect. `from_env` fills the gaps from NEO4J_URI/USER/PASSWORD/DATABASE."""

    uri: str
    user: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str | None = None
    connection_timeout: float = 5.0
    max_retry_time: float = 15.0

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None,
                 password_env: str | None = None, database: str | None = None,
                 env: Mapping[str, str] | None = None) -> "Neo4jSettings":
        """Settings from arguments, else the environment. The password is only ever read from
        the environment: the variable `password_env` names (default NEO4J_PASSWORD)."""
        env = os.environ if env is None else env
        uri = uri or env.get("NEO4J_URI")
        if not uri:
            raise StoreError("no Neo4j URI: pass --neo4j URI or set NEO4J_URI")
        var = password_env or "NEO4J_PASSWORD"
        password = env.get(var)
        if password is None:
            raise StoreError(f"no Neo4j password: environment variable {var} is not set"
                             + ("" if password_env else " (or name another with --password-env)"))
        return cls(uri=uri, user=user or env.get("NEO4J_USER") or "neo4j", password=password,
                   database=database or env.get("NEO4J_DATABASE") or None)

    @property
    def where(self) -> str:
        return f"{self.uri}" + (f" (database {self.database!r})" if self.database else "")


def has_dynamic_types(version: str) -> bool:
    """Whether a Neo4j server of `version` ("5.26.30", "2025.10.1") takes `$(expr)` as a type."""
    parts = [int(p) for p in re.findall(r"\d+", version)[:2]]
    return len(parts) == 2 and (parts[0], parts[1]) >= (5, 26)


def _first_line(text: str, limit: int = 300) -> str:
    line = " ".join(str(text).strip().splitlines()[:1]).strip()
    return line if len(line) <= limit else line[: limit - 3] + "..."


def translate_error(e: BaseException, settings: Neo4jSettings) -> StoreError:
    """One line that says what went wrong with the server at `settings`, and what to do."""
    import neo4j.exceptions as ne

    where = settings.where
    if isinstance(e, ne.AuthError):
        return StoreError(f"Neo4j at {settings.uri} refused user {settings.user!r}: wrong user name or password")
    if isinstance(e, ne.IncompleteCommit):
        return StoreError(f"lost the connection to Neo4j at {settings.uri} while committing; "
                          "the last batch may or may not be written: run the load again (it is idempotent)")
    if isinstance(e, (ne.ServiceUnavailable, ne.SessionExpired, ne.ConnectionAcquisitionTimeoutError)):
        text = str(e)
        found = re.findall(r"\(reason (?:\[Errno -?\d+\] )?([^)]*)\)", text)
        reason = found[-1] if found else _first_line(text).rstrip(":")
        return StoreError(f"cannot reach Neo4j at {settings.uri}: {reason} (is the server running?)")
    if isinstance(e, ne.Neo4jError):
        code = e.code or ""
        msg = _first_line(e.message or str(e))
        if code.endswith("DatabaseNotFound"):
            return StoreError(f"Neo4j at {settings.uri} has no database {settings.database!r}"
                              " (Community edition has one user database, 'neo4j')")
        if code.endswith("Statement.SyntaxError"):
            return StoreError(f"Cypher syntax error: {msg}")
        if code.endswith("Statement.ParameterMissing"):
            return StoreError(f"missing query parameter: {msg} (pass --param NAME=VALUE)")
        if code.endswith("Statement.AccessMode"):
            return StoreError("the query writes to the database; run it with --write to allow that")
        if code.endswith(("Security.Forbidden", "Security.AuthorizationExpired")):
            return StoreError(f"Neo4j at {where} denied user {settings.user!r}: {msg}")
        return StoreError(f"Neo4j error at {where}: {code}: {msg}")
    if isinstance(e, (ne.ConfigurationError, ne.DriverError, ValueError)):
        return StoreError(f"cannot use Neo4j URI {settings.uri!r}: {_first_line(str(e))}")
    return StoreError(f"Neo4j at {where}: {_first_line(str(e))}")


@contextmanager
def _translated(settings: Neo4jSettings) -> Iterator[None]:
    import neo4j.exceptions as ne

    try:
        yield
    except StoreError:
        raise
    except (ne.Neo4jError, ne.DriverError, ValueError, OSError) as e:
        raise translate_error(e, settings) from None


def quiet_driver_logs() -> None:
    """Keep the driver's own warnings (retries, notifications) off stderr: the CLI says one line."""
    logger = logging.getLogger("neo4j")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())
    logger.propagate = False


def connect(settings: Neo4jSettings) -> Any:
    """A driver whose connectivity, authentication and database have been checked."""
    import neo4j

    scheme = settings.uri.split("://", 1)[0].lower() if "://" in settings.uri else ""
    if scheme not in URI_SCHEMES:
        raise StoreError(f"not a Neo4j URI: {settings.uri!r} (expected e.g. bolt://127.0.0.1:7687;"
                         f" schemes: {', '.join(URI_SCHEMES)})")
    driver = None
    with _translated(settings):
        try:
            driver = neo4j.GraphDatabase.driver(
                settings.uri, auth=(settings.user, settings.password),
                connection_timeout=settings.connection_timeout,
                connection_acquisition_timeout=settings.connection_timeout + 1.0,
                max_transaction_retry_time=settings.max_retry_time,
                user_agent="graphkit")
            driver.verify_connectivity()
            # auth is checked when a connection opens; the database only when it is used
            with driver.session(database=settings.database) as session:
                session.run("RETURN 1").consume()
        except BaseException:
            if driver is not None:
                driver.close()
            raise
    return driver


# --- schema -----------------------------------------------------------------------------------

def schema_statements(path: Traversable | str = SCHEMA_FILE) -> list[str]:
    """The statements of a schema file: '//' comment lines dropped, split on ';'."""
    try:
        text = (Path(path) if isinstance(path, str) else path).read_text(encoding="utf-8")
    except OSError as e:
        raise StoreError(f"cannot read the schema file {path}: {e.strerror}") from None
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in body.split(";") if s.strip()]


# --- rows -------------------------------------------------------------------------------------

def _actor_row(a: Actor) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "kind": a.kind if a.kind in KIND_LABELS else "other",
            "acts_for": a.acts_for, "sector": a.sector}


def _role_rows(a: Actor) -> list[dict[str, Any]]:
    return [{"person_id": a.id, "acts_for": r.acts_for, "role": r.role, "title": r.title,
             "start": r.start, "end": r.end} for r in a.roles]


def _relation_row(r: Relation, article_date: str | None) -> dict[str, Any]:
    return {
        "id": r.id, "doc_id": r.doc_id, "sentence_index": r.sentence_index,
        "subject_id": r.subject.actor.id, "relation": r.relation, "object_id": r.object.actor.id,
        "negated": r.negated, "modality": r.modality, "what": r.what, "sentence": r.sentence,
        "start": r.start, "end": r.end, "date": r.date or article_date,
        "confidence": r.confidence, "extractor": r.extractor, "trigger": r.trigger,
        "subject_mention": r.subject.text, "object_mention": r.object.text, "plover": r.plover,
        "speaker_id": r.speaker.actor.id if r.speaker is not None else None,
        "speaker_mention": r.speaker.text if r.speaker is not None else None,
        "date_source": r.date_source or "article", "article_date": r.article_date or article_date,
        "subject_acts_for": r.acts_for.get("subject"), "object_acts_for": r.acts_for.get("object"),
    }


def _values(row: Mapping[str, Any]) -> list[Any]:
    """The relationship property values of a relation row, in _WRITTEN_PROPS order (a row
    without a PLOVER root gets its type's: every relationship has one)."""
    get = row.get
    rtype = RELATIONS[row["relation"]]
    return [get("doc_id"), get("sentence_index"), get("sentence"), get("start"), get("end"),
            bool(get("negated")), get("modality"), get("what"), get("date"), get("confidence"),
            get("extractor"), get("trigger"), get("subject_mention"), get("object_mention"),
            get("plover") or rtype.plover, get("speaker_id"), get("speaker_mention"),
            get("date_source") or "article", get("article_date"),
            get("subject_acts_for"), get("object_acts_for"), rtype.quad_class, rtype.goldstein]


def _props(row: Mapping[str, Any]) -> dict[str, Any]:
    """The relationship properties of a relation row (ontology codes added)."""
    return dict(zip(_WRITTEN_PROPS, _values(row)))


def _acts_for_on(actor: Mapping[str, Any] | None, roles: Iterable[Mapping[str, Any]],
                 day: str | None) -> str | None:
    """Whom a person acted for on `day`, from store rows (as Actor.acts_for_on does)."""
    if actor is None or actor.get("kind") != "person":
        return None
    person = Actor(actor["id"], actor.get("name") or actor["id"], "person", actor.get("acts_for"),
                   roles=tuple(Role(r["acts_for"], r["role"], r.get("title") or "", r.get("start"),
                                    r.get("end")) for r in roles))
    return person.acts_for_on(day)


def role_key(row: Mapping[str, Any]) -> str:
    """What tells two roles of one person apart: the office and its start."""
    return f"{row['role']}|{row.get('start') or ''}"


class _MissingActors(StoreError):
    """A relation's endpoint is not in the graph; the transaction is rolled back."""


@dataclass
class _Batch:
    """Whole articles, with their actors, roles and relations, written in one transaction."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    bare_actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    roles: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # person id -> all roles
    relations: list[dict[str, Any]] = field(default_factory=list)
    # doc id -> relation ids, for the articles whose relations this batch replaces
    docs: dict[str, list[str]] = field(default_factory=dict)
    # relations of an article that a later one of the same id replaced within this batch
    superseded: int = 0
    # id -> the batch's articles that have former ids (readers.py), which may replace old articles
    former: dict[str, Article] = field(default_factory=dict)
    # statement parameters derived from `relations` (_prepared, once per batch, not per retry)
    prepared: "_Prepared | None" = None

    def __len__(self) -> int:
        return len(self.relations) + len(self.articles) + len(self.actors)


# --- the store --------------------------------------------------------------------------------

class Neo4jStore:
    """A Neo4j database as a graphkit store. Connects (and checks the connection) on creation.

    Example:
        >>> store = Neo4jStore("bolt://127.0.0.1:7687", "neo4j", os.environ["NEO4J_PASSWORD"])
        >>> stats = store.write(graphkit.pipeline.extract(["examples/articles"]))
        >>> store.close()
    """

    def __init__(self, uri: str | Neo4jSettings, user: str = "neo4j", password: str = "",
                 database: str | None = None, batch_size: int = NEO4J_BATCH_SIZE, *,
                 connection_timeout: float = 5.0, max_retry_time: float = 15.0,
                 ensure_schema: bool = True):
        if isinstance(uri, Neo4jSettings):
            self.settings = uri
        else:
            self.settings = Neo4jSettings(uri, user, password, database, connection_timeout,
                                          max_retry_time)
        if batch_size < 1:
            raise StoreError(f"batch size must be at least 1, not {batch_size}")
        self.batch_size = batch_size
        self._written: dict[str, dict[str, Any]] = {}  # actor rows this store wrote
        self._written_roles: dict[str, list[dict[str, Any]]] = {}
        self._ensure_schema = ensure_schema
        self._schema_checked = False
        self._create: str | None = None  # the CREATE statement for new articles' relations
        self.warnings: list[str] = []
        self.driver = connect(self.settings)

    # -- plumbing --------------------------------------------------------------------------------
    @property
    def where(self) -> str:
        return self.settings.where

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.driver is not None:
            self.driver.close()
            self.driver = None

    def _session(self, notifications: bool = False, read: bool = False) -> Any:
        """A session (read-access with `read`); the server's notifications (hints, warnings)
        only when asked for."""
        import neo4j

        if self.driver is None:
            raise StoreError("the Neo4j store is closed")
        return self.driver.session(database=self.settings.database,
                                   default_access_mode=neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS,
                                   notifications_min_severity="WARNING" if notifications else "OFF")

    def _write_tx(self, fn: Any, *args: Any, notifications: bool = False) -> Any:
        with _translated(self.settings), self._session(notifications) as session:
            return session.execute_write(fn, *args)

    def _read_tx(self, fn: Any, *args: Any, notifications: bool = False) -> Any:
        with _translated(self.settings), self._session(notifications, read=True) as session:
            return session.execute_read(fn, *args)

    # -- schema ----------------------------------------------------------------------------------
    def init_schema(self, path: Traversable | str = SCHEMA_FILE, wait: float = 300.0) -> int:
        """Apply a schema file (idempotent: IF NOT EXISTS) and wait for its indexes to come online.
        Returns the number of statements run."""
        import neo4j.exceptions as ne

        statements = schema_statements(path)
        with _translated(self.settings), self._session() as session:
            for stmt in statements:
                def run(tx: Any, stmt: str = stmt) -> None:
                    tx.run(stmt).consume()
                try:
                    session.execute_write(run)
                except ne.ClientError as e:
                    # a concurrent loader created the same rule between our check and our create
                    if not (e.code or "").endswith(("EquivalentSchemaRuleAlreadyExists",
                                                    "ConstraintAlreadyExists", "IndexAlreadyExists")):
                        raise
            session.run("CALL db.awaitIndexes($t)", t=int(wait)).consume()
        self._schema_checked = True
        return len(statements)

    def _before_first_write(self) -> None:
        """Before the first write: the schema's key constraints (applied when missing, unless
        ensure_schema=False), and which CREATE statement the server understands."""
        if self._create is None:
            version = self._read_tx(lambda tx: tx.run(_SERVER_VERSION).single()["v"])
            self._create = _CREATE_RELATIONS if has_dynamic_types(version) else _CREATE_RELATIONS_GUARDED
        if self._schema_checked or not self._ensure_schema:
            return
        n = self._read_tx(lambda tx: tx.run(_HAS_KEY_CONSTRAINTS).single()["n"])
        later = self._read_tx(lambda tx: tx.run(_HAS_LATER_INDEXES, names=list(_LATER_INDEXES)).single()["n"])
        if n < 2 or later < len(_LATER_INDEXES):
            self.init_schema()
        self._schema_checked = True

    # -- writing ---------------------------------------------------------------------------------
    def _add_actor(self, batch: _Batch, actor: Actor) -> None:
        batch.actors[actor.id] = _actor_row(actor)
        if actor.id in batch.roles:
            return
        if actor.kind == "person" or actor.roles:
            rows = _role_rows(actor)
            batch.roles[actor.id] = rows
            for row in rows:
                # a role's state or organisation needs a node; if no relation names it, the node
                # has only its id until one does (stores consult no gazetteer: stores/__init__.py)
                target = row["acts_for"]
                if target not in batch.actors and target not in batch.bare_actors:
                    batch.bare_actors[target] = {"id": target, "name": target}

    def _add_extraction(self, batch: _Batch, ex: Extraction) -> None:
        a = ex.article
        if a.id in batch.docs:  # the same id twice in one batch: the later article replaces the earlier
            kept = [row for row in batch.relations if row["doc_id"] != a.id]
            batch.superseded += len(batch.relations) - len(kept)
            batch.relations = kept
        batch.articles.append({"id": a.id, "title": a.title, "url": a.url, "date": a.date,
                               "source": a.source, "input": a.input})
        if a.former_ids:
            batch.former[a.id] = a
        ids: list[str] = []
        for r in ex.relations:
            if r.relation not in RELATIONS:
                raise StoreError(f"{a.id}: relation type {r.relation!r} is not in the ontology")
            self._add_actor(batch, r.subject.actor)
            self._add_actor(batch, r.object.actor)
            if r.speaker is not None:
                self._add_actor(batch, r.speaker.actor)
            row = _relation_row(r, a.date)
            batch.relations.append(row)
            ids.append(row["id"])
        batch.docs[a.id] = ids

    def write(self, extractions: Iterable[Extraction], batch_size: int | None = None,
              stats: LoadStats | None = None) -> LoadStats:
        """Write extractions, replacing what earlier writes derived from the same articles.

        A batch is cut at article boundaries once it holds `batch_size` relations. `stats`,
        when given, is filled in as batches commit."""
        size = batch_size or self.batch_size
        stats = LoadStats() if stats is None else stats
        t0 = time.perf_counter()
        self._before_first_write()

        def fill(batch: _Batch, ex: Extraction) -> int:
            self._add_extraction(batch, ex)
            stats.unresolved += len(ex.unresolved)
            return len(ex.relations)

        self._in_batches(extractions, fill, size, stats)
        stats.seconds = time.perf_counter() - t0
        return stats

    def _in_batches(self, items: Iterable[Any], fill: Any, size: int, stats: LoadStats) -> None:
        """Add whole articles to a batch with `fill(batch, item) -> relations added`; flush a
        batch once it holds `size` relations or articles."""
        batch, n_rel = _Batch(), 0
        for item in items:
            n_rel += fill(batch, item)
            if n_rel >= size or len(batch.articles) >= size:
                self._flush(batch, stats)
                batch, n_rel = _Batch(), 0
        if batch.articles:
            self._flush(batch, stats)

    def _flush(self, batch: _Batch, stats: LoadStats) -> None:
        from neo4j.exceptions import ConstraintError

        _prepared(batch)  # once, not again on every retry of the transaction
        # Actors and roles this store already wrote unchanged need no second upsert; if the
        # graph lost them meanwhile (someone wiped it), the batch is redone in full.
        lean = replace(batch, actors={k: v for k, v in batch.actors.items() if self._written.get(k) != v},
                       roles={k: v for k, v in batch.roles.items() if self._written_roles.get(k) != v})
        with _translated(self.settings), self._session() as session:
            try:
                try:
                    done = session.execute_write(_write_batch, lean, self._create)
                except _MissingActors:
                    self._written.clear()
                    self._written_roles.clear()
                    done = session.execute_write(_write_batch, batch, self._create)
            except ConstraintError:  # another loader wrote one of these new articles meanwhile
                done = session.execute_write(_write_batch, batch, None)
        self._written.update(batch.actors)
        self._written_roles.update(batch.roles)
        self._forget(done.dropped)
        stats.articles += len(batch.articles)
        stats.committed = stats.articles
        stats.relations += len(batch.relations) + batch.superseded  # as if written, then replaced
        stats.removed += done.removed + batch.superseded
        stats.migrated += done.migrated
        for article_id, before, now in done.replaced:
            stats.replaced_from(article_id, before, now)

    def _forget(self, actor_ids: Iterable[str]) -> None:
        """Actors deleted from the graph: written again in full when a later batch names them."""
        for actor_id in actor_ids:
            self._written.pop(actor_id, None)
            self._written_roles.pop(actor_id, None)

    def delete_articles_of(self, source: str, keep: Iterable[str] = ()) -> int:
        """Delete the articles read from input `source` (a resolved path) except `keep`, with
        their relations and the actors left without any, in transactions of `batch_size`
        articles; how many. `import_relations` drops so the rows an edited file no longer has."""
        self._before_first_write()
        keep = set(keep)
        ids = [r["id"] for r in self._rows(_ARTICLES_OF_INPUT, input=source) if r["id"] not in keep]
        for i in range(0, len(ids), self.batch_size):
            self._forget(self._write_tx(_delete_articles, ids[i:i + self.batch_size]))
        return len(ids)

    def load_from(self, store: Any, batch_size: int | None = None) -> LoadStats:
        """Push every row of another store (an embedded SQLiteStore, say) into this database.

        Each of the source store's articles is written whole, so relations this database holds
        for the article but the source no longer does are removed, as on re-extraction."""
        size = batch_size or self.batch_size
        stats = LoadStats()
        t0 = time.perf_counter()
        self._before_first_write()

        actors = {row["id"]: row for row in store.actors()}
        roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in store.roles():
            roles[row["person_id"]].append(dict(row))
        by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in store.relations():
            by_doc[row["doc_id"]].append(dict(row))
        articles = {row["id"]: dict(row) for row in store.articles()}
        for doc_id in by_doc:
            articles.setdefault(doc_id, {"id": doc_id, "title": "", "url": "", "date": None,
                                         "source": ""})

        # actors first, then their roles: relation batches then only MATCH them
        actor_rows = [{"id": r["id"], "name": r.get("name") or r["id"],
                       "kind": r.get("kind") if r.get("kind") in KIND_LABELS else "other",
                       "acts_for": r.get("acts_for"), "sector": r.get("sector")} for r in actors.values()]
        for i in range(0, len(actor_rows), size):
            self._write_tx(_write_batch, _Batch(actors={r["id"]: r for r in actor_rows[i:i + size]}))
        persons = list(roles)
        for i in range(0, len(persons), size):
            batch = _Batch()
            for person_id in persons[i:i + size]:
                batch.roles[person_id] = roles[person_id]
                for actor_id in (person_id, *(row["acts_for"] for row in roles[person_id])):
                    if actor_id not in actors:
                        batch.bare_actors[actor_id] = {"id": actor_id, "name": actor_id}
            self._write_tx(_write_batch, batch)

        def fill(batch: _Batch, item: tuple[str, dict[str, Any]]) -> int:
            doc_id, art = item
            rels = by_doc.get(doc_id, [])
            batch.articles.append({k: art.get(k) for k in ("id", "title", "url", "date", "source", "input")})
            for row in rels:
                if row["relation"] not in RELATIONS:
                    raise StoreError(f"{doc_id}: relation type {row['relation']!r} is not in the ontology")
                if not row.get("date"):
                    row["date"] = art.get("date")
                if not row.get("article_date"):
                    row["article_date"] = art.get("date")
                for side in ("subject", "object"):  # not in the contract's row: derive it
                    if f"{side}_acts_for" not in row:
                        row[f"{side}_acts_for"] = _acts_for_on(actors.get(row[f"{side}_id"]),
                                                               roles.get(row[f"{side}_id"], ()),
                                                               row["date"])
                for key in ("subject_id", "object_id", "speaker_id"):
                    if row.get(key) and row[key] not in actors:
                        batch.bare_actors[row[key]] = {"id": row[key], "name": row[key]}
            batch.relations.extend(rels)
            batch.docs[doc_id] = [r["id"] for r in rels]
            return len(rels)

        self._in_batches(articles.items(), fill, size, stats)
        stats.seconds = time.perf_counter() - t0
        return stats

    def write_one_by_one(self, extractions: Iterable[Extraction]) -> LoadStats:
        """The naive way, for the benchmark only: one transaction and one MERGE per relation."""
        stats = LoadStats()
        t0 = time.perf_counter()
        self._before_first_write()
        for ex in extractions:
            batch = _Batch()
            self._add_extraction(batch, ex)
            rels, batch.relations = batch.relations, []
            batch.docs = {}
            self._write_tx(_write_batch, batch)
            for row in rels:
                def one(tx: Any, row: dict[str, Any] = row) -> None:
                    tx.run(_MERGE_ONE_RELATION[row["relation"]],
                           row={**row, "props": _props(row)}).consume()
                self._write_tx(one)
            stats.articles += 1
            stats.relations += len(rels)
        stats.seconds = time.perf_counter() - t0
        return stats

    # -- reading ---------------------------------------------------------------------------------
    def _rows(self, query: str, **params: Any) -> Iterator[dict[str, Any]]:
        rows = self._read_tx(lambda tx: [dict(rec) for rec in tx.run(query, **params)])
        yield from rows

    def actors(self) -> Iterator[dict[str, Any]]:
        return self._rows("MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind, "
                          "a.acts_for AS acts_for, a.sector AS sector ORDER BY id")

    def articles(self) -> Iterator[dict[str, Any]]:
        return self._rows("MATCH (a:Article) RETURN a.id AS id, a.title AS title, a.url AS url, "
                          "a.date AS date, a.source AS source, a.input AS input ORDER BY id")

    def relations(self) -> Iterator[dict[str, Any]]:
        for row in self._rows(
                "MATCH (s:Actor)-[r]->(o:Actor) WHERE type(r) IN $types\n"
                "RETURN r.id AS id, r.doc_id AS doc_id, r.sentence_index AS sentence_index,\n"
                "  s.id AS subject_id, type(r) AS relation, o.id AS object_id, r.negated AS negated,\n"
                "  r.modality AS modality, r.what AS what, r.sentence AS sentence, r.start AS start,\n"
                "  r.end AS end, r.date AS date, r.confidence AS confidence, r.extractor AS extractor,\n"
                "  r.trigger AS trigger, r.subject_mention AS subject_mention,\n"
                "  r.object_mention AS object_mention, r.plover AS plover,\n"
                "  r.speaker_id AS speaker_id, r.speaker_mention AS speaker_mention,\n"
                "  coalesce(r.date_source, 'article') AS date_source, r.article_date AS article_date\n"
                "ORDER BY doc_id, sentence_index, id", types=list(RELATION_NAMES)):
            if row["plover"] is None:  # written by graphkit before relations carried roots
                row["plover"] = default_plover(row["relation"])
            yield row

    def roles(self) -> Iterator[dict[str, Any]]:
        return self._rows(
            "MATCH (p:Actor)-[r:ACTS_FOR]->(t:Actor)\n"
            "RETURN p.id AS person_id, t.id AS acts_for, r.role AS role, r.title AS title,\n"
            "  r.start AS start, r.end AS end ORDER BY person_id, start")

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type (only the non-zero ones)."""
        def work(tx: Any) -> dict[str, int]:
            out: dict[str, int] = {}
            for label in ("Actor", "Article", *KIND_LABELS.values()):
                out[label] = tx.run(f"MATCH (n:{label}) RETURN count(n) AS n").single()["n"]
            for rtype in (*RELATION_NAMES, *STRUCTURAL_TYPES):
                out[rtype] = tx.run(f"MATCH ()-[r:{rtype}]->() RETURN count(r) AS n").single()["n"]
            return {k: v for k, v in out.items() if v}
        return self._read_tx(work)

    def query_type(self, query: str, params: Mapping[str, Any] | None = None) -> str:
        """What the server says `query` does, without running it: its EXPLAIN summary's query
        type ("r" read, "rw" read-write, "w" write, "s" schema or administration), or "w" when
        the plan holds an operator with effects that the server still types "r"
        (TERMINATE TRANSACTIONS)."""
        def work(tx: Any) -> tuple[str, list[str]]:
            summary = tx.run("EXPLAIN " + query, dict(params or {})).consume()
            return str(summary.query_type or ""), _plan_operators(summary.plan)
        try:
            qtype, operators = self._read_tx(work)
        except StoreError as e:
            if "conflicting values for execution mode" in str(e):
                raise StoreError("the query starts with EXPLAIN or PROFILE; graphkit plans it "
                                 "itself, so leave that keyword out") from None
            raise StoreError(_unshift_position(str(e), len("EXPLAIN "))) from None
        if qtype == "r" and _EFFECT_OPERATORS & {op.split("@", 1)[0] for op in operators}:
            return "w"
        return qtype or "w"

    def run(self, query: str, params: Mapping[str, Any] | None = None,
            write: bool = False, timeout: float | None = None) -> tuple[list[str], list[list[Any]]]:
        """Run one Cypher query; return its keys and raw records.

        Without `write` the query must be a read: the server plans it first (EXPLAIN, see
        `query_type`) and anything it would write, change the schema of or administer is refused
        with a StoreError that says to allow writes; a read then runs in a read-access session,
        whose transactions the server itself keeps from writing. `timeout` (seconds; 0 for none,
        None for the server's default) is the transaction timeout: the server stops the query
        when it runs longer. A KeyboardInterrupt (Ctrl-C) while the query runs terminates its
        transaction on the server before it propagates.

        The server's warnings about the query (an unknown label, a cartesian product, ...) are
        left in `self.warnings`, one line each."""
        import neo4j
        import neo4j.exceptions as ne

        if timeout is not None and timeout < 0:
            raise StoreError(f"the query timeout must be 0 (none) or more seconds, not {timeout:g}")
        if not write:
            qtype = self.query_type(query, params)
            if qtype != "r":
                kind = {"rw": "reads and writes", "w": "writes", "s": "changes the schema or administers"}
                raise StoreError(f"the query {kind.get(qtype, 'writes')} (server query type {qtype!r}); "
                                 "run it with --write to allow that")
        tag = uuid.uuid4().hex

        @neo4j.unit_of_work(timeout=timeout, metadata={"graphkit_query": tag})
        def work(tx: Any) -> tuple[list[str], list[list[Any]], list[str]]:
            result = tx.run(query, dict(params or {}))
            records = [list(rec.values()) for rec in result]
            keys = list(result.keys())
            summary = result.consume()
            warnings = [_first_line(n.status_description) for n in summary.gql_status_objects
                        if n.is_notification and str(n.severity).endswith("WARNING")]
            return keys, records, warnings

        interrupted = False
        with _translated(self.settings):
            session = self._session(True, read=not write)
            try:
                keys, records, self.warnings = (session.execute_write(work) if write
                                                else session.execute_read(work))
            except KeyboardInterrupt:
                # Closing the session would wait for the query to end: stop it on the server
                # first, from another connection, then let the interrupt through.
                interrupted = True
                self.terminate_tagged(tag)
                raise
            except ne.ClientError as e:
                if "TransactionTimedOut" in (e.code or ""):
                    raise StoreError(f"the query ran longer than its {timeout:g} s timeout and the "
                                     "server stopped it (raise --timeout, 0 for none, or narrow "
                                     "the query)" if timeout else
                                     "the query ran longer than the server's transaction timeout "
                                     "and the server stopped it") from None
                raise
            finally:
                try:
                    session.close()
                except Exception:
                    if not interrupted:  # after Ctrl-C the terminated transaction's error is expected
                        raise
        return keys, records

    def terminate_tagged(self, tag: str) -> int:
        """Terminate the running transactions that `run` tagged with `tag` (metadata
        graphkit_query); returns how many. Best effort: a server that cannot be reached
        within the connection timeout ends its transactions itself when they time out."""
        import neo4j.exceptions as ne

        if self.driver is None:
            return 0
        try:
            with self._session() as session:
                ids = [r["id"] for r in session.run(
                    "SHOW TRANSACTIONS YIELD transactionId AS id, metaData "
                    "WHERE metaData.graphkit_query = $tag RETURN id", tag=tag)]
                if ids:
                    session.run("TERMINATE TRANSACTIONS $ids", ids=ids).consume()
                return len(ids)
        except (ne.Neo4jError, ne.DriverError, OSError):
            return 0


def _unshift_position(message: str, shift: int) -> str:
    """An error message's query position as in the query without a `shift`-character prefix."""
    def fix(m: re.Match[str]) -> str:
        line, column, offset = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if line == 1:
            column = max(1, column - shift)
        return f"line {line}, column {column} (offset: {max(0, offset - shift)})"
    return re.sub(r"line (\d+), column (\d+) \(offset: (\d+)\)", fix, message)


#: Plan operators that act although the server types their query "r" (read).
_EFFECT_OPERATORS = frozenset({"TerminateTransactions"})


def _plan_operators(plan: Any) -> list[str]:
    """Every operator type in an EXPLAIN plan (the driver gives it as nested dicts)."""
    if not plan:
        return []
    if isinstance(plan, Mapping):
        op, children = plan.get("operatorType", ""), plan.get("children") or []
    else:
        op, children = getattr(plan, "operator_type", ""), getattr(plan, "children", []) or []
    return [str(op), *(o for c in children for o in _plan_operators(c))]


# A batch's statement parameters: the distinct actor ids, the relation rows (which name actors
# by position in that list), and the REPORTS links by (doc id, actor id): the actor's position
# and the ids of the article's relations that involve it.
_Prepared = tuple[list[str], list[list[Any]], dict[tuple[str, str], tuple[int, set[str]]]]


def _prepared(batch: _Batch) -> _Prepared:
    """A batch's statement parameters, built on first use and kept on the batch, so that a
    retried transaction does not build them again."""
    if batch.prepared is None:
        position: dict[str, int] = {}
        rel_params: list[list[Any]] = []
        reports: dict[tuple[str, str], tuple[int, set[str]]] = {}
        for row in batch.relations:
            rid, rel, doc = row["id"], row["relation"], row["doc_id"]
            if rel not in RELATIONS:  # the whitelist of CREATE's dynamic type
                raise StoreError(f"{doc}: relation type {rel!r} is not in the ontology")
            ends = []
            for actor_id in (row["subject_id"], row["object_id"]):
                x = position.setdefault(actor_id, len(position))
                ends.append(x)
                link = reports.get((doc, actor_id))
                if link is None:
                    reports[doc, actor_id] = (x, {rid})
                else:
                    link[1].add(rid)
            rel_params.append([rid, rel, ends[0], ends[1], *_values(row)])
        batch.prepared = list(position), rel_params, reports
    return batch.prepared


class _Rows(list):  # type: ignore[type-arg]
    """A statement's list parameter with a short repr. The driver (neo4j 6.4) formats every RUN's
    parameters for a debug log line whether debug logging is on or not: for a 2,000-row batch
    that repr took twice as long as packing the rows."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _run(tx: Any, statement: str, **params: Any) -> Any:
    """tx.run with list parameters wrapped in _Rows (they pack as the same bytes)."""
    return tx.run(statement, {k: _Rows(v) if isinstance(v, list) else v for k, v in params.items()})


@dataclass
class _Written:
    """What a batch's transaction did besides writing it."""

    removed: int = 0  # stale relations deleted
    migrated: int = 0  # articles from before that an article of the batch replaced
    replaced: list[tuple[str, str | None, str]] = field(default_factory=list)  # (id, input before, now)
    dropped: set[str] = field(default_factory=set)  # actors deleted: nothing holds them any more


def _delete_relations_of(tx: Any, docs: list[dict[str, Any]], ends: set[str]) -> int:
    """Delete the relations of each doc {id, keep} whose id is not in keep; adds their actors to `ends`."""
    removed = 0
    for t in RELATION_NAMES:
        rec = _run(tx, _DELETE_STALE[t], docs=docs).single()
        removed += rec["n"]
        ends.update(rec["ends"])
    return removed


def _drop_orphans(tx: Any, candidates: set[str]) -> set[str]:
    """Delete the actors among `candidates` nothing holds any more, then those their deletion
    freed (an agent's state, a person's offices' states); the ids deleted."""
    dropped: set[str] = set()
    todo = candidates
    while todo:
        freed: set[str] = set()
        for rec in _run(tx, _DROP_ORPHANS, ids=sorted(todo), types=list(RELATION_NAMES)):
            dropped.add(rec["gone"])
            freed.update(x for x in (rec["up"], *rec["offices"]) if x)
        todo = freed - dropped
    return dropped


def _replace_former(tx: Any, batch: _Batch, ends: set[str]) -> int:
    """Delete the articles from before articles kept their input that articles of the batch
    are (stores.is_former), with their relations; how many."""
    wanted = {f for a in batch.former.values() for f in a.former_ids if f not in batch.docs}
    if not wanted:
        return 0
    stored = {r["id"]: r for r in _run(tx, _FORMER_ARTICLES, ids=sorted(wanted))}
    if not stored:
        return 0
    sentences: dict[str, list[str]] = defaultdict(list)
    for t in RELATION_NAMES:
        for rec in _run(tx, _FORMER_SENTENCES[t], ids=list(stored)):
            sentences[rec["id"]].extend(rec["sentences"])
    gone: list[str] = []
    for a in batch.former.values():
        gone.extend(f for f in a.former_ids
                    if f in stored and f not in gone and is_former(a, stored[f], sentences[f]))
    if gone:
        _delete_relations_of(tx, [{"id": f, "keep": []} for f in gone], ends)
        _run(tx, _DELETE_ARTICLES, ids=gone).consume()
    return len(gone)


def _delete_articles(tx: Any, ids: list[str]) -> set[str]:
    """One transaction: the articles `ids`, their relations and the actors left without any."""
    ends: set[str] = set()
    _delete_relations_of(tx, [{"id": i, "keep": []} for i in ids], ends)
    _run(tx, _DELETE_ARTICLES, ids=ids).consume()
    return _drop_orphans(tx, ends)


def _write_batch(tx: Any, batch: _Batch, create: str | None = None) -> _Written:
    """One transaction: articles, actors, roles, stale relations (and the articles from before
    that the batch's articles replace) out, new relations in, then the actors left without a
    relation out.

    `create`: the statement that creates (does not merge) the relations of articles that were
    not in the graph before this transaction, and their REPORTS links are created too; without
    it everything is merged."""
    optimistic = create is not None
    done = _Written()
    ends: set[str] = set()
    stored: dict[str, str | None] = {}
    if batch.docs:
        stored = dict(_run(tx, _EXISTING_ARTICLES, ids=list(batch.docs)).single()["rows"])
    existing = set(stored)
    done.replaced = [(a["id"], stored[a["id"]], a["input"]) for a in batch.articles if a["id"] in stored]
    if batch.former:
        done.migrated = _replace_former(tx, batch, ends)
    if batch.articles:
        _run(tx, _UPSERT_ARTICLES, rows=batch.articles).consume()
    if batch.bare_actors:
        _run(tx, _ENSURE_ACTORS, rows=list(batch.bare_actors.values())).consume()
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in batch.actors.values():
        by_kind[row["kind"]].append(row)
    for kind, rows in by_kind.items():
        _run(tx, _UPSERT_ACTORS[kind], rows=rows).consume()
    if batch.roles:
        role_rows = [{**row, "key": role_key(row)} for rows in batch.roles.values() for row in rows]
        _run(tx, _MERGE_ROLES, rows=role_rows).consume()
        _run(tx, _DELETE_STALE_ROLES, persons=[
            {"id": pid, "keys": [role_key(r) for r in rows]} for pid, rows in batch.roles.items()]).consume()
    if existing:  # only an article written before can have stale relations
        docs = [{"id": doc, "keep": ids} for doc, ids in batch.docs.items() if doc in existing]
        done.removed = _delete_relations_of(tx, docs, ends)
    actor_ids, rel_params, reports = _prepared(batch)
    fresh_rels: list[list[Any]] = []
    known_rels: list[list[Any]] = []
    for row, params in zip(batch.relations, rel_params):
        (fresh_rels if optimistic and row["doc_id"] not in existing else known_rels).append(params)
    written = 0
    if fresh_rels:
        assert create is not None
        written += _run(tx, create, actor_ids=actor_ids, rows=fresh_rels).single()["n"]
    if known_rels:
        written += _run(tx, _MERGE_RELATIONS, actor_ids=actor_ids, rows=known_rels).single()["n"]
    if written != len(batch.relations):  # an endpoint actor is missing: no partial batch
        raise _MissingActors(f"{len(batch.relations) - written} relation(s) refer to actors that are not in the graph")
    links_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (doc, _), (x, ids) in reports.items():
        links_of[doc].append({"x": x, "count": len(ids)})
    fresh_docs = [{"doc_id": d, "links": links} for d, links in links_of.items()
                  if optimistic and d not in existing]
    known_docs = [{"doc_id": d, "links": links} for d, links in links_of.items()
                  if not optimistic or d in existing]
    if fresh_docs:
        _run(tx, _CREATE_REPORTS, actor_ids=actor_ids, rows=fresh_docs).consume()
    if known_docs:
        _run(tx, _MERGE_REPORTS, actor_ids=actor_ids, rows=known_docs).consume()
    if existing:
        actors_of: dict[str, list[str]] = defaultdict(list)
        for (doc, actor_id) in reports:
            actors_of[doc].append(actor_id)
        _run(tx, _DELETE_STALE_REPORTS,
               docs=[{"id": doc, "actors": actors_of.get(doc, [])} for doc in existing]).consume()
    if ends:
        done.dropped = _drop_orphans(tx, ends)
    return done
