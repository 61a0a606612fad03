"""Named actors that no list knows: proper-noun phrases kept as actors of their own.

Real news is mostly about actors no gazetteer lists (a regional court, an NGO, a company, a local
politician). A capitalised phrase ("the Munich I Regional Court", "Department of Health and Human
Services (HHS)", "ACLU") becomes an actor with a stable id from its normalised name, so the same
name in two articles is one node that an analyst can later map with an actors file. Its kind
comes from the text: an organisation when the name ends in an organisation's head noun or is an
acronym, a person after a title or a role noun, otherwise `unresolved`. A capitalised word used
as a place ("in Utrecht"), a date word, a sentence's first word that is an ordinary word, and
every capital of a title-case headline are no names.
"""
from __future__ import annotations

import re

from ..model import Actor

# Head nouns of organisations' names -> CAMEO sector code ("" when the head says no sector).
ORG_HEADS: dict[str, str] = {
    "court": "JUD", "tribunal": "JUD", "prosecutor's": "JUD", "judiciary": "JUD",
    "police": "COP", "gendarmerie": "COP", "guard": "MIL", "guards": "MIL", "army": "MIL",
    "forces": "MIL", "navy": "MIL", "command": "MIL", "brigade": "MIL", "brigades": "MIL",
    "battalion": "MIL", "regiment": "MIL", "corps": "MIL", "militia": "REB",
    "party": "PTY", "parliament": "LEG", "assembly": "LEG", "senate": "LEG", "congress": "LEG",
    "duma": "LEG", "knesset": "LEG", "majlis": "LEG", "caucus": "LEG",
    "ministry": "GOV", "department": "GOV", "agency": "GOV", "commission": "GOV", "office": "GOV",
    "authority": "GOV", "administration": "GOV", "bureau": "GOV", "council": "GOV", "cabinet": "GOV",
    "government": "GOV", "directorate": "GOV", "service": "GOV", "services": "GOV", "embassy": "GOV",
    "committee": "", "board": "", "union": "", "association": "", "federation": "", "league": "",
    "alliance": "", "movement": "", "front": "", "organization": "", "organisation": "",
    "foundation": "NGO", "institute": "", "institution": "", "coalition": "", "network": "",
    "center": "", "centre": "", "fund": "", "society": "", "group": "", "club": "", "initiative": "",
    "watch": "HRI", "international": "", "council's": "GOV", "program": "", "programme": "",
    "university": "EDU", "college": "EDU", "school": "EDU", "academy": "EDU",
    "bank": "BUS", "corp": "BUS", "corporation": "BUS", "inc": "BUS", "ltd": "BUS", "llc": "BUS",
    "plc": "BUS", "company": "BUS", "co": "BUS", "holdings": "BUS", "airlines": "BUS",
    "airways": "BUS", "motors": "BUS", "industries": "BUS", "petroleum": "BUS", "energy": "BUS",
    "group's": "", "times": "MED", "post": "MED", "news": "MED", "journal": "MED", "herald": "MED",
    "tribune": "MED", "television": "MED", "tv": "MED", "radio": "MED", "gazette": "MED",
    "church": "REL", "hospital": "HLH", "clinic": "HLH", "red": "", "crescent": "NGO", "cross": "NGO",
}
# Names of places, never of actors: regions and a place's head noun ("the Bekaa Valley").
PLACE_WORDS = frozenset("""europe asia africa america americas oceania antarctica arctic middle east
caribbean mediterranean pacific atlantic sahel balkans caucasus scandinavia gulf sea ocean river
island islands isle valley mountains mountain desert peninsula strait straits bay shoal reef coast
region province city county district border corridor plateau basin lake canal airport port harbour
harbor square street avenue road bridge park field airbase base camp village town highway sinai
donbas crimea kashmir gaza kurdistan regions provinces oblasts districts areas cities islands
territories counties villages towns""".split())
# Last words of the names of events, texts and seasons, not actors: "the Cold War", "Arab Spring",
# "Cyclone Nargis" (first word), "the Paris Agreement", "Brexit Day".
EVENT_WORDS = frozenset("""war wars crisis summit conference games cup olympics election elections
referendum revolution uprising spring storm hurricane typhoon cyclone earthquake pandemic epidemic
festival day week accords accord agreement treaty pact protocol initiative doctrine act bill law
plan programme program strategy offensive operation""".split())
# Words that cannot start a name but may stand inside one ("World Central Kitchen").
INNER_OK = frozenset("""north south east west northern southern eastern western central second first
new""".split())
# Words before a name that make it a person: titles and role nouns ("barrister James Bell").
PERSON_CUES = frozenset("""mr mrs ms miss dr prof sir lord lady president vice-president premier
minister secretary senator sen rep representative congressman congresswoman governor gov mayor
judge justice prosecutor attorney lawyer barrister solicitor activist dissident journalist reporter
blogger writer author businessman businesswoman tycoon billionaire cleric imam pastor rabbi bishop
general gen lieutenant lt colonel col major maj captain capt commander adm admiral sergeant sgt
spokesman spokeswoman spokesperson chairman chairwoman chair chief director ceo founder leader
lawmaker legislator mp candidate opponent rival ambassador envoy diplomat official officer counterpart
councillor councilor king queen prince princess sheikh emir sultan pope cardinal ayatollah
commissioner inspector detective agent student teacher professor doctor economist analyst
researcher scientist singer actor actress player coach striker pilot farmer worker nurse
husband wife son daughter brother sister father mother""".split())
# Capitalised words that are no names of their own (function words, calendar words, pronouns).
NOT_NAMES = frozenset("""i the a an in on at and but or nor for with from to of by as it he she they
this that these those his her its their we our you your my me him them us who whom whose which what
when where why how there here then than if so yet also after before while since because although
though however meanwhile moreover furthermore nevertheless still earlier later last next now today
yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december jan feb mar apr jun jul aug sep
sept oct nov dec mr mrs ms dr said says say according both all some many several most more other
others another each every no not any such only even just first second third one two three four five
six seven eight nine ten dozens hundreds thousands millions officials analysts experts sources
witnesses residents critics supporters people police authorities north south east west northern
southern eastern western central breaking update exclusive live watch read photo video opinion
analysis editorial advertisement sign subscribe share click follow copyright about around nearly
roughly almost approximately over under up until unless despite amid during""".split())
# Words that never stand inside a name: function words, pronouns, calendar words.
CLOSED = frozenset("""i mr mrs ms the a an in on at and but or nor for with from to of by as it he she they this
that these those his her its their we our you your my me him them us who whom whose which what when
where why how there here then than if so yet also after before while since because although though
however monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december said says say""".split())
# Prepositions after which a capitalised phrase is a place, not an actor: "in Utrecht".
PLACE_PREPS = frozenset("in at near outside inside across throughout around off into toward towards via through within".split())
# Nouns after which "into X" names the inquiry's target, not a place: "an investigation into Flynn".
INQUIRIES = frozenset("investigation investigations probe probes inquiry inquiries inquest".split())
# Lower-case words allowed inside a name between capitalised ones: "Ministry of Foreign Affairs".
CONNECTORS = frozenset("of for on de du da del della der van von al el bin ibn la le des and &".split())
_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """The id-safe normal form of a name: "the U.S. Supreme Court" -> "us-supreme-court"."""
    s = name.lower().replace(".", "").replace("’", "'").replace("'s", "")
    s = _SLUG_RE.sub("-", s).strip("-")
    return s[4:] if s.startswith("the-") else s


def is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


def name_word(text: str, inner: bool = False) -> bool:
    """Can this token be part of a name: capitalised, alphabetic (or an acronym like "U.N.");
    `inner` for a word after the name's first ("World Central Kitchen")."""
    if not text[:1].isupper():
        return False
    core = text.replace(".", "").replace("-", "").replace("'", "").replace("’", "")
    low = text.lower().rstrip(".")  # "Mr." is "mr"
    return core.isalpha() and (low not in NOT_NAMES or (inner and low not in CLOSED))


def named_actor(name: str, kind: str, sector: str | None = None, acts_for: str | None = None) -> Actor:
    """The actor a name no list knows stands for, with a stable id from the normalised name."""
    prefix = {"organisation": "org", "person": "person"}.get(kind, "unresolved")
    return Actor(f"{prefix}:{slug(name)}", name, kind, acts_for=acts_for, sector=sector or None)


def org_sector(words: list[str]) -> str | None:
    """The sector an organisation's name implies from its head noun; None when it is no
    organisation's name. `words` are the name's lower-case words."""
    head = words[-1].rstrip(".")
    if head in ORG_HEADS:
        return ORG_HEADS[head]
    for x, w in enumerate(words[1:], 1):  # "Government of National Accord", "Bank of America"
        if w in ("of", "for", "on", "to") and words[x - 1] in ORG_HEADS:
            return ORG_HEADS[words[x - 1]]
    return None
