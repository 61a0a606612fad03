"""A synthetic news corpus for the benchmarks: deterministic, any size, real actor names.

Each article is 150–400 words: a dateline, relation sentences drawn from varied templates
(active, passive, nominal, negated, modal, titled persons, adjectives and capitals) between
filler sentences that name no relation. Actor names come from graphkit's own gazetteer data,
so the extractors resolve them as they would in real news.

Article i depends only on (seed, i): the first 1,000 articles of a 10,000-article corpus are the
1,000-article corpus, so sizes can be compared.

    python bench/corpus.py 1000 bench/out/corpus-1000.jsonl
"""
from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "graphkit" / "actors" / "data"
DEFAULT_SEED = 20240618


@dataclass(frozen=True)
class _Actor:
    name: str  # "Germany", "NATO", "Olaf Scholz"
    kind: str  # state | organisation | group | person
    adjective: str = ""  # "German" (states only)
    capital: str = ""  # "Berlin" (states only; a metonym)
    title: str = ""  # "Chancellor" (persons only)


@lru_cache(maxsize=1)
def _actors() -> tuple[list[_Actor], list[_Actor], list[_Actor]]:
    states_yaml = yaml.safe_load((DATA / "states.yaml").read_text(encoding="utf-8")) or {}
    states = []
    for e in states_yaml.values():
        if not isinstance(e, dict) or not e.get("name") or e.get("sovereign") is False:
            continue
        adjs = [a for a in (e.get("adjectives") or []) if " " not in a]
        metonyms = e.get("metonyms") or []
        capital = e.get("capital") if e.get("capital") in metonyms else ""
        states.append(_Actor(e["name"], "state", adjs[0] if adjs else "", capital or ""))
    orgs = [_Actor(e["name"], e.get("kind", "organisation"))
            for e in yaml.safe_load((DATA / "organisations.yaml").read_text(encoding="utf-8")) or []
            if isinstance(e, dict) and e.get("name")]
    persons = []
    for e in yaml.safe_load((DATA / "persons.yaml").read_text(encoding="utf-8")) or []:
        if not isinstance(e, dict) or not e.get("name"):
            continue
        titles = [r.get("title") for r in e.get("roles") or [] if isinstance(r, dict) and r.get("title")]
        persons.append(_Actor(e["name"], "person", title=titles[0] if titles else ""))
    return states, orgs, persons


# {A}/{B}: an actor's name (a state, sometimes an organisation or person); {adjA}/{adjB}: a
# state's adjective; {capA}/{capB}: its capital; {PA}: "Title Name" of a person.
RELATION_TEMPLATES = (
    "{A} imposed sanctions on {B} over its {topic} on {weekday}.",
    "{A} sanctioned {n} {adjB} companies accused of helping the {topic}.",
    "{B} was sanctioned by {A} after talks on the {topic} collapsed.",
    "{A} accused {B} of {misdeed}, officials said.",
    "{capA} accused {capB} of {misdeed} in a statement on {weekday}.",
    "{A} warned {B} against {action}.",
    "{PA} warned that {B} would face consequences for {misdeed}.",
    "{A} and {B} signed a {deal} agreement in {city} on {weekday}.",
    "{A} reached a deal with {B} on {topic} after months of negotiations.",
    "{PA} met {PB} in {city} to discuss the {topic}.",
    "{A} held talks with {B} on the {topic}, the foreign ministry said.",
    "{A} condemned {B}'s {thing} as a violation of international law.",
    "{adjA} officials sharply criticised {B} over the {topic}.",
    "{A} sent {weapons} to {B} last month, according to officials.",
    "{A} has supplied {weapons} to {B} since the spring.",
    "{B} received {weapons} from {A} earlier this year.",
    "{A} urged {B} to {demand}.",
    "{PA} called on {B} to {demand}.",
    "{A} rejected {B}'s proposal for {topic2}.",
    "{A} summoned {B}'s ambassador over the {thing}.",
    "{A} expelled {n} {adjB} diplomats on {weekday}.",
    "{A} launched missile strikes on {B} overnight, officials said.",
    "{adjA} forces attacked {adjB} positions near the border.",
    "{A} deployed troops near its border with {B}.",
    "{A} withdrew its forces from {B} after a decade.",
    "{A} released {n} {adjB} prisoners as part of the {deal} arrangement.",
    "{A} praised {B} for its role in the {topic}.",
    "{A} voiced support for {B} in the dispute over the {topic}.",
    "{A} has not supplied weapons to {B}, a spokesman said.",
    "{A} could impose new tariffs on {B} if the {topic} is not resolved.",
    "{A} plans to visit {B} next month, the ministry said.",
    "{PA} visited {B} on {weekday} for talks on {topic2}.",
    "{A} and {B} will hold joint naval exercises in the {sea} next month.",
    "{A} refused to meet {B} before the summit.",
    "{A} seized a tanker linked to {B} in the {sea}.",
    "{A} blamed {B} for the {thing}.",
    "{A} threatened to cut ties with {B} over the {topic}.",
    "The {thing} drew condemnation from {A}, which called on {B} to {demand}.",
)

FILLERS = (
    "Oil prices rose by {pct} percent in early trading on {weekday}.",
    "Analysts said the decision reflected growing concern over energy prices and inflation.",
    "The talks are expected to resume in {city} later this month.",
    "Officials declined to give further details, citing the sensitivity of the discussions.",
    "Markets in the region were largely unmoved by the announcement.",
    "The statement did not say when the measures would take effect.",
    "Diplomats described the meeting as frank but constructive.",
    "Several hundred people gathered outside the parliament building in {city} on {weekday}.",
    "The announcement came days before a regional summit in {city}.",
    "A spokesperson said the government remained committed to dialogue.",
    "Independent observers could not immediately verify the claims.",
    "The currency fell to its lowest level in {n} months against the dollar.",
    "The measures follow a year of rising tension in the region.",
    "Shipping companies said they were monitoring the situation closely.",
    "Opposition lawmakers demanded a full debate on the issue in parliament.",
    "Aid agencies warned that the humanitarian situation was deteriorating quickly.",
    "The figures were published by the national statistics office on {weekday}.",
    "Security was tight around the venue, with roads closed for several hours.",
    "Experts cautioned that the agreement left many questions unanswered.",
    "The ministry said more than {n}00 people had been evacuated from the area.",
    "It was the {ordinal} such incident this year, according to local media.",
    "Trade between the two countries reached a record high last year.",
    "The decision is likely to be challenged in court, lawyers said.",
    "Heavy rain disrupted travel across much of the country over the weekend.",
)

TOPICS = ("nuclear programme", "border dispute", "grain deal", "gas pipeline", "fishing rights",
          "maritime boundary", "election", "refugee crisis", "trade dispute", "ceasefire",
          "missile programme", "cyber campaign", "energy crisis", "peace process")
TOPICS2 = ("a ceasefire", "new elections", "a prisoner exchange", "a trade corridor",
           "a joint inquiry", "peace talks", "a buffer zone", "debt relief")
MISDEEDS = ("interfering in its elections", "violating the ceasefire", "supplying weapons to rebels",
            "launching cyberattacks", "harbouring militants", "stoking unrest",
            "breaching the arms embargo", "spying on its diplomats")
ACTIONS = ("any further escalation", "deploying troops to the border", "testing new missiles",
           "crossing the red line", "arming the rebels")
DEALS = ("trade", "security", "energy", "defence", "grain", "prisoner-swap", "fisheries")
THINGS = ("missile test", "military exercises", "border incursion", "arrest of a journalist",
          "drone attack", "seizure of a vessel", "cyberattack", "detention of two citizens")
WEAPONS = ("artillery shells", "air defence systems", "drones", "armoured vehicles",
           "ammunition", "fighter jets", "humanitarian aid", "medical supplies")
DEMANDS = ("halt its nuclear programme", "release the detained sailors", "withdraw its troops",
           "return to the negotiating table", "respect the ceasefire", "end the blockade")
SEAS = ("Black Sea", "Red Sea", "Baltic Sea", "Mediterranean", "Persian Gulf", "Arabian Sea",
        "South China Sea")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = ("second", "third", "fourth", "fifth")
SOURCES = ("graphkit bench wire", "bench desk", "synthetic agency")


def article(i: int, seed: int = DEFAULT_SEED) -> dict:
    """The i-th article of the corpus made from `seed` (a JSONL-ready dict)."""
    rng = random.Random(seed * 1_000_003 + i)
    states, orgs, persons = _actors()
    with_adj = [s for s in states if s.adjective]
    with_cap = [s for s in states if s.capital]
    titled = [p for p in persons if p.title]
    day = date(2022, 1, 1) + timedelta(days=rng.randrange(0, 3 * 365))
    target = rng.randint(150, 400)
    dateline = rng.choice(with_cap).capital.upper() or "GENEVA"

    def name() -> str:
        r = rng.random()
        if r < 0.7:
            return rng.choice(states).name
        if r < 0.85:
            return rng.choice(orgs).name
        return rng.choice(persons).name

    def fill(template: str) -> str:
        a, b = rng.sample(with_adj, 2)
        ca, cb = rng.sample(with_cap, 2)
        pa, pb = rng.sample(titled, 2)
        values = {
            "A": name() if rng.random() < 0.5 else a.name, "B": b.name,
            "adjA": a.adjective, "adjB": b.adjective, "capA": ca.capital, "capB": cb.capital,
            "PA": f"{pa.title} {pa.name}", "PB": f"{pb.title} {pb.name}",
            "city": rng.choice(with_cap).capital, "topic": rng.choice(TOPICS),
            "topic2": rng.choice(TOPICS2), "misdeed": rng.choice(MISDEEDS),
            "action": rng.choice(ACTIONS), "deal": rng.choice(DEALS), "thing": rng.choice(THINGS),
            "weapons": rng.choice(WEAPONS), "demand": rng.choice(DEMANDS), "sea": rng.choice(SEAS),
            "weekday": rng.choice(WEEKDAYS), "n": str(rng.randint(2, 40)),
            "pct": str(rng.randint(1, 9)), "ordinal": rng.choice(ORDINALS),
        }
        if values["A"] == values["B"]:
            values["A"] = a.name
        s = template.format(**values)
        return s[0].upper() + s[1:]

    sentences: list[str] = []
    words = 0
    while words < target:
        template = rng.choice(RELATION_TEMPLATES if rng.random() < 0.4 else FILLERS)
        s = fill(template)
        sentences.append(s)
        words += len(s.split())
    paragraphs, k = [], 0
    while k < len(sentences):
        step = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[k:k + step]))
        k += step
    text = f"{dateline} — " + "\n\n".join(paragraphs)
    title = sentences[0].rstrip(".")
    return {"id": f"bench-{i:07d}", "title": title[:120], "date": day.isoformat(),
            "source": rng.choice(SOURCES), "url": f"https://example.org/bench/{i}", "text": text}


def generate(n: int, seed: int = DEFAULT_SEED) -> list[dict]:
    return [article(i, seed) for i in range(n)]


def write_jsonl(path: str | Path, n: int, seed: int = DEFAULT_SEED) -> Path:
    """Write an n-article corpus to `path` (kept when it already exists with the same n and seed)."""
    path = Path(path)
    stamp = path.with_suffix(path.suffix + ".stamp")
    want = f"{n} {seed} {_fingerprint()}"
    if path.exists() and stamp.exists() and stamp.read_text() == want:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(article(i, seed), ensure_ascii=False) + "\n")
    tmp.replace(path)
    stamp.write_text(want)
    return path


def _fingerprint() -> str:
    """Changes when this generator or the gazetteer data change, so cached corpora are remade."""
    import hashlib

    h = hashlib.sha1(Path(__file__).read_bytes())
    for f in sorted(DATA.glob("*.yaml")):
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = sys.argv[2] if len(sys.argv) > 2 else f"bench/out/corpus-{count}.jsonl"
    print(write_jsonl(out, count))
