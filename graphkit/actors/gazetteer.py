"""The gazetteer: every actor graphkit knows and every way news text names them.

States come from pycountry (ISO 3166 alpha-3 ids) enriched by `data/states.yaml` (short names,
demonyms, capitals and seats of power); organisations, armed groups and persons with their dated
roles come from `data/*.yaml`. A user file (`--actors my_actors.yaml`) adds or overrides entries.
"""
from __future__ import annotations

import contextlib
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import ACTOR_KINDS, Actor, Role
from ..text import tokenize

DATA = Path(__file__).with_name("data")

# Phrases that contain an actor's name but do not mean the actor; matched first and dropped.
BLOCKED = (
    "Latin America", "Latin American", "South America", "South American", "North America",
    "North American", "Central America", "Central American", "South China Sea", "East China Sea",
    "Indian Ocean", "Washington Post", "Washington state", "New Mexico", "Gulf of Mexico",
    "Sea of Japan", "Chinese New Year", "Russian roulette", "Korean Peninsula", "Korean War",
    "Arabian Sea", "Persian Gulf", "Arab Spring", "American football", "British Museum",
    "Indian Premier League", "Turkish coffee", "French fries", "Dutch auction", "Georgia state",
    "New Jersey", "New York", "New England", "New South Wales", "Jordan River", "Niger River",
    "Congo River", "Ottawa Treaty", "Ottawa treaty", "Ottawa Convention", "Paris Agreement",
    "Paris climate agreement", "Minsk agreements", "Minsk agreement", "Geneva Conventions",
    "Geneva Convention", "Abraham Accords", "Oslo Accords", "Dominican Republic", "Papua New Guinea", "Equatorial Guinea", "Guinea-Bissau",
)

_AMBIGUOUS_NAMES = frozenset({"Congo", "Korea", "Guinea", "Virgin Islands"})

# Titles: phrase -> role. "leader" and "chief" resolve by the actor's offices.
TITLES: dict[str, str] = {
    "president": "head_of_state", "king": "head_of_state", "queen": "head_of_state",
    "emir": "head_of_state", "supreme leader": "head_of_state", "monarch": "head_of_state",
    "sultan": "head_of_state", "head of state": "head_of_state", "emperor": "head_of_state",
    "prime minister": "head_of_government", "premier": "head_of_government",
    "chancellor": "head_of_government", "pm": "head_of_government",
    "head of government": "head_of_government",
    "foreign minister": "foreign_minister", "foreign secretary": "foreign_minister",
    "secretary of state": "foreign_minister", "top diplomat": "foreign_minister",
    "minister of foreign affairs": "foreign_minister", "foreign affairs minister": "foreign_minister",
    "external affairs minister": "foreign_minister", "foreign policy chief": "foreign_minister",
    "defence minister": "defence_minister", "defense minister": "defence_minister",
    "defence secretary": "defence_minister", "defense secretary": "defence_minister",
    "secretary of defense": "defence_minister", "minister of defence": "defence_minister",
    "minister of defense": "defence_minister", "war secretary": "defence_minister",
    "secretary of war": "defence_minister",
    "secretary-general": "head", "secretary general": "head", "director-general": "head",
    "director general": "head", "chief": "leader", "head": "leader", "leader": "leader",
    "boss": "leader", "chair": "head", "chairman": "head", "chairwoman": "head",
    "commission president": "head",
    "vice president": "other", "vice-president": "other", "deputy prime minister": "other",
    "deputy foreign minister": "other", "spokesman": "other", "spokeswoman": "other",
    "spokesperson": "other", "ambassador": "other", "envoy": "other", "minister": "other",
    "official": "other", "officials": "other", "diplomat": "other", "diplomats": "other",
    "commander": "other", "general": "other", "gen.": "other", "adm.": "other",
    "senator": "other", "lawmaker": "other", "negotiator": "other", "special envoy": "other",
    "crown prince": "other", "national security adviser": "other",
}
# Where a state's "leader" is its head of government rather than its head of state.
PARLIAMENTARY = frozenset("""DEU ITA IND ISR PAK IRQ GRC HUN CZE AUT GBR JPN CAN AUS ESP NLD BEL
SWE NOR DNK NZL POL SVK SVN HRV BGR ARM GEO ETH LBN NPL BGD THA MYS""".split())


@dataclass(frozen=True, slots=True)
class Alias:
    """One way of naming an actor: its tokens and how strictly their case must match."""

    tokens: tuple[str, ...]  # lower-case
    cases: tuple[int, ...]  # 0 any case, 1 capitalised in text, 2 exactly as written
    originals: tuple[str, ...]
    actor_id: str | None  # None for a blocked phrase
    form: str


def _case_of(tok: str) -> int:
    letters = [c for c in tok if c.isalpha()]
    if not letters:
        return 0
    if all(c.isupper() for c in letters) and len(letters) <= 3:
        return 2
    if tok[:1].isupper():
        return 1
    return 0


class Gazetteer:
    """Actors by id and an index of their names, by first token."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.index: dict[str, list[Alias]] = defaultdict(list)
        self.title_index: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self.holders: dict[tuple[str, str], list[tuple[Role, str]]] = defaultdict(list)
        self.demonyms: dict[str, str] = {}  # state id -> its first adjective ("German")
        self._aliases: list[tuple[str, str | None, str]] = []

    # -- building ------------------------------------------------------------------------------
    def add(self, actor: Actor) -> None:
        self.actors[actor.id] = actor

    def add_alias(self, text: str, actor_id: str | None, form: str = "name") -> None:
        self._aliases.append((text, actor_id, form))

    def finish(self) -> "Gazetteer":
        """Build the indexes once every actor and alias is in."""
        self.index.clear()
        seen: set[tuple[tuple[str, ...], str | None]] = set()
        for text, actor_id, form in self._aliases:
            toks = [t.text for t in tokenize(text)]
            if toks and toks[0].lower() == "the" and len(toks) > 1:
                toks = toks[1:]
            if not toks:
                continue
            low = tuple(t.lower().replace("’", "'") for t in toks)
            if (low, actor_id) in seen:
                continue
            seen.add((low, actor_id))
            cases = tuple(_case_of(t) for t in toks)
            if actor_id is None:  # a blocked phrase blocks however its later words are written
                cases = cases[:1] + (0,) * (len(cases) - 1)
            self.index[low[0]].append(Alias(low, cases, tuple(toks), actor_id, form))
        for entries in self.index.values():
            entries.sort(key=lambda a: -len(a.tokens))
        self.title_index.clear()
        for phrase, role in TITLES.items():
            low = tuple(t.lower for t in tokenize(phrase))
            self.title_index[low[0]].append((low, role))
        for titles in self.title_index.values():
            titles.sort(key=lambda e: -len(e[0]))
        self.holders.clear()
        for actor in self.actors.values():
            for held in actor.roles:
                self.holders[(held.acts_for, held.role)].append((held, actor.id))
        return self

    # -- lookups -------------------------------------------------------------------------------
    def holder(self, acts_for: str, role: str, day: str | None) -> Actor | None:
        """The person holding `role` for `acts_for` on `day`; None when unknown or undated."""
        if day is None:
            return None
        if role == "leader":
            kind = self.actors[acts_for].kind if acts_for in self.actors else "state"
            if kind != "state":
                order = ("head", "head_of_state")
            elif acts_for in PARLIAMENTARY:
                order = ("head_of_government", "head_of_state")
            else:
                order = ("head_of_state", "head_of_government")
            for r in order:
                found = self.holder(acts_for, r, day)
                if found:
                    return found
            return None
        if role == "head" and (acts_for, "head") not in self.holders:
            role = "head_of_state"
        for held, person_id in self.holders.get((acts_for, role), ()):
            if held.active_on(day):
                return self.actors[person_id]
        return None


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def _opt_str(value: object) -> str | None:
    """YAML reads `name: 1999` as a number; names and ids are text."""
    return None if value is None or value == "" else str(value)


def _date(value: object) -> str | None:
    return value.isoformat() if isinstance(value, date) else _opt_str(value)


def _load_yaml(path: Path) -> Any:
    import yaml  # here, not at import time: a cached gazetteer needs no YAML

    # libyaml's C loader where PyYAML has it: the same data as SafeLoader, several times faster
    fast = getattr(yaml, "CSafeLoader", None)
    try:
        with open(path, encoding="utf-8") as fh:
            if fast is not None:
                try:
                    return yaml.load(fh, Loader=fast)
                except yaml.YAMLError:  # report it as the pure-Python loader words it (and its line)
                    fh.seek(0)
            return yaml.load(fh, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise InputError(f"invalid YAML: {getattr(e, 'problem', e)}", str(path),
                         mark.line + 1 if mark else None) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", str(path)) from None
    except OSError as e:
        raise InputError(e.strerror or "cannot read", str(path)) from None


def _states(gz: Gazetteer, entries: dict, origin: str) -> None:
    import pycountry

    for c in pycountry.countries:
        gz.add(Actor(c.alpha_3, getattr(c, "common_name", None) or c.name, "state"))
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            # "Congo" names two states; "Korea, Republic of" and the like are catalogue forms
            if value and "," not in value and "(" not in value and value not in _AMBIGUOUS_NAMES:
                gz.add_alias(value, c.alpha_3)
    for code, e in (entries or {}).items():
        if not isinstance(e, dict):
            raise InputError(f"state {code!r} must be a mapping", origin)
        code = str(code).upper()
        prior = gz.actors.get(code)
        name = e.get("name") or (prior.name if prior else code)
        aliases = tuple(_as_list(e.get("aliases")))
        gz.add(Actor(code, name, "state", aliases=aliases))
        gz.add_alias(name, code)
        for a in aliases:
            gz.add_alias(a, code)
        for adj in _as_list(e.get("adjectives")):
            gz.demonyms.setdefault(code, adj)
            gz.add_alias(adj, code, "adjective")
            if adj.endswith(("an", "i")) and " " not in adj:
                gz.add_alias(adj + "s", code, "adjective")
        for m in _as_list(e.get("metonyms")):
            gz.add_alias(m, code, "metonym")
        for m in _as_list(e.get("places")):
            gz.add_alias(m, code, "place")


def _organisations(gz: Gazetteer, entries: list, origin: str) -> None:
    for e in entries or []:
        if not isinstance(e, dict) or not e.get("id"):
            raise InputError(f"organisation entry without an id: {e!r:.60}", origin)
        kind = e.get("kind", "organisation")
        if kind not in ACTOR_KINDS:
            raise InputError(f"unknown actor kind {kind!r} for {e['id']}", origin)
        aliases = tuple(_as_list(e.get("aliases")))
        actor = Actor(str(e["id"]), str(e.get("name") or e["id"]), kind, aliases=aliases)
        gz.add(actor)
        for a in (actor.name, e.get("full_name"), *aliases):
            if a:
                gz.add_alias(a, actor.id)
        for m in _as_list(e.get("metonyms")):
            gz.add_alias(m, actor.id, "metonym")


def _persons(gz: Gazetteer, entries: list, origin: str) -> None:
    for e in entries or []:
        if not isinstance(e, dict) or not e.get("id") or not e.get("name"):
            raise InputError(f"person entry needs id and name: {e!r:.60}", origin)
        roles = tuple(Role(str(r["acts_for"]), str(r.get("role", "other")), str(r.get("title") or ""),
                           _date(r.get("start")), _date(r.get("end")))
                      for r in e.get("roles") or [] if isinstance(r, dict) and r.get("acts_for"))
        aliases = tuple(_as_list(e.get("aliases")))
        acts_for = _opt_str(e.get("acts_for")) or (max(roles, key=lambda r: r.start or "").acts_for if roles else None)
        actor = Actor(str(e["id"]), str(e["name"]), "person", acts_for=acts_for, aliases=aliases, roles=roles)
        gz.add(actor)
        gz.add_alias(actor.name, actor.id)
        for a in aliases:
            gz.add_alias(a, actor.id)


def _generic(gz: Gazetteer, entries: list, origin: str) -> None:
    """`actors:` entries of a user file: any kind, id + name + aliases (+ acts_for)."""
    for e in entries or []:
        if not isinstance(e, dict) or not e.get("id") or not e.get("name"):
            raise InputError(f"actor entry needs id and name: {e!r:.60}", origin)
        kind = e.get("kind", "other")
        if kind not in ACTOR_KINDS:
            raise InputError(f"unknown actor kind {kind!r} for {e['id']}", origin)
        prior = gz.actors.get(str(e["id"]))
        actor = Actor(str(e["id"]), str(e["name"]), kind, acts_for=_opt_str(e.get("acts_for")),
                      aliases=tuple(_as_list(e.get("aliases"))), roles=prior.roles if prior else ())
        gz.add(actor)
        for a in (actor.name, *actor.aliases):
            gz.add_alias(a, actor.id)


def _user_file(gz: Gazetteer, path: Path) -> None:
    data = _load_yaml(path)
    if data is None:
        return
    if not isinstance(data, dict):
        raise InputError("expected a mapping with states/organisations/persons/actors", str(path))
    unknown = set(data) - {"states", "organisations", "organizations", "persons", "actors", "remove"}
    if unknown:
        raise InputError(f"unknown section(s): {', '.join(sorted(unknown))}", str(path))
    _states(gz, data.get("states") or {}, str(path))
    _organisations(gz, (data.get("organisations") or []) + (data.get("organizations") or []), str(path))
    _persons(gz, data.get("persons") or [], str(path))
    _generic(gz, data.get("actors") or [], str(path))
    removed = {str(x).lower() for x in _as_list(data.get("remove"))}
    if removed:  # aliases the user wants to stop resolving
        gz._aliases = [a for a in gz._aliases if a[0].lower() not in removed]


# -- the on-disk cache of built gazetteers ----------------------------------------------------
# Parsing the YAML and indexing every alias takes ~0.2 s, more than the rest of start-up; a
# pickled Gazetteer loads in ~15 ms. A cache file is named by a hash of everything the result
# depends on (the bundled data files' and the user's --actors files' contents, the code that
# builds the gazetteer, pycountry's database, Python and graphkit versions), so any change makes
# a new key and the stale file is never read. Any failure to read or write the cache means
# building as without it: an unwritable or corrupt cache never breaks a run.
_CACHE_FORMAT = 1
_CACHE_KEEP = 8  # newest cache files kept (one per distinct set of --actors files)


def _cache_dir() -> Path | None:
    """$GRAPHKIT_CACHE_DIR, else the user cache directory; None when GRAPHKIT_NO_CACHE is set."""
    if os.environ.get("GRAPHKIT_NO_CACHE"):
        return None
    where = os.environ.get("GRAPHKIT_CACHE_DIR")
    if where:
        return Path(where)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "graphkit" / "Cache" if base else None
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home directory to find
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "graphkit"
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base and os.path.isabs(base) else home / ".cache") / "graphkit"


def _cache_key(extra: tuple[str, ...]) -> str | None:
    """A hash of every input of the built gazetteer; None when one cannot be read."""
    import hashlib
    import importlib.util

    from .. import __version__, model, text

    h = hashlib.sha256(f"{_CACHE_FORMAT} {sys.version} {__version__}".encode())
    try:
        for path in (DATA / "states.yaml", DATA / "organisations.yaml", DATA / "persons.yaml", *map(Path, extra)):
            h.update(f"\0{path}\0".encode())
            h.update(path.read_bytes())
        spec = importlib.util.find_spec("pycountry")
        if spec is None or spec.origin is None:
            return None
        pycountry_dir = Path(spec.origin).parent
        code: list[str | Path] = [__file__, text.__file__, model.__file__, spec.origin, pycountry_dir / "databases" / "iso3166-1.json"]
        for f in code:  # code: its size and mtime say when it changed
            st = os.stat(f)
            h.update(f"\0{f}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    except (OSError, TypeError, ValueError, ImportError):
        return None
    return h.hexdigest()[:40]


def _cache_read(folder: Path, key: str) -> Gazetteer | None:
    import pickle

    path = folder / f"gazetteer-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            gz = pickle.load(fh)
    except Exception:  # missing, truncated, or written by other code: build instead
        return None
    if not isinstance(gz, Gazetteer):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # most recently used: kept longest
    return gz


def _pickle_dispatch() -> dict[type, Any]:
    """Pickle the small frozen dataclasses (thousands of them) as constructor calls: they load
    ~1.4x faster than through dataclasses' generic __setstate__."""
    import copyreg
    import dataclasses

    def as_call(obj: Any) -> tuple[type, tuple[Any, ...]]:
        return type(obj), tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))

    table: dict[type, Any] = dict(copyreg.dispatch_table)
    for cls in (Alias, Actor, Role):
        if all(f.init for f in dataclasses.fields(cls)) and not hasattr(cls, "__post_init__"):
            table[cls] = as_call
    return table


def _cache_write(folder: Path, key: str, gz: Gazetteer) -> None:
    import pickle
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
                pickler.dispatch_table = _pickle_dispatch()
                pickler.dump(gz)
            os.replace(tmp, folder / f"gazetteer-{key}.pickle")  # atomic: readers see all or nothing
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        files = sorted(folder.glob("gazetteer-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[_CACHE_KEEP:]:
            old.unlink()
    except Exception:  # unwritable, full or vanished: the cache is only a speed-up
        pass


@lru_cache(maxsize=8)
def _load_cached(extra: tuple[str, ...]) -> Gazetteer:
    folder = _cache_dir()
    key = _cache_key(extra) if folder is not None else None
    if folder is not None and key is not None:
        cached = _cache_read(folder, key)
        if cached is not None:
            return cached
    gz = _build(extra)
    if folder is not None and key is not None:
        _cache_write(folder, key, gz)
    return gz


def _build(extra: tuple[str, ...]) -> Gazetteer:
    gz = Gazetteer()
    _states(gz, _load_yaml(DATA / "states.yaml") or {}, "states.yaml")
    _organisations(gz, _load_yaml(DATA / "organisations.yaml") or [], "organisations.yaml")
    _persons(gz, _load_yaml(DATA / "persons.yaml") or [], "persons.yaml")
    for phrase in BLOCKED:
        gz.add_alias(phrase, None, "blocked")
    for path in extra:
        _user_file(gz, Path(path))
    return gz.finish()


def load_gazetteer(extra: str | os.PathLike | None = None) -> Gazetteer:
    """The bundled gazetteer, plus a user's YAML file of actors when given (cached per file)."""
    if extra is None:
        return _load_cached(())
    path = Path(extra)
    if not path.is_file():
        raise InputError("no such actors file", str(path))
    return _load_cached((str(path.resolve()),))


