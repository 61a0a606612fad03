"""Agents: actors the text describes by role rather than by name, composed PETRARCH-style.

"German prosecutors" is Germany's judiciary (CAMEO code DEUJUD), "the Israeli military" Israel's
(ISRMIL), "a court in Bishkek" Kyrgyzstan's, "Federal Police" the police of a state the sentence
does not name (COP). Each agent noun carries a CAMEO sector code (`ontology.SECTORS`); an agent
acts for the state or organisation that qualifies it, so exports line up with GDELT's actor codes.
"""
from __future__ import annotations

from ..model import Actor
from ..ontology import SECTORS

# Agent nouns (lower case, singular and plural) -> CAMEO sector code.
_NOUNS: dict[str, tuple[str, ...]] = {
    "GOV": ("government", "governments", "govt", "authorities", "officials", "official", "administration",
            "ministry", "ministries", "cabinet", "regime", "diplomats", "diplomat", "embassy", "embassies",
            "envoy", "envoys", "ambassador", "ambassadors", "consulate", "spokesman", "spokeswoman",
            "spokesperson", "spokespeople", "mayor", "governor", "governors", "junta", "presidency",
            "negotiators", "negotiator", "delegation", "delegations", "leadership", "state media",
            "ministers", "counterpart", "counterparts", "prime minister", "foreign minister", "justice minister", "interior minister",
            "defence minister", "defense minister", "finance minister", "health minister"),
    "MIL": ("military", "militaries", "army", "armies", "navy", "troops", "soldiers", "forces",
            "armed forces", "commanders", "commander", "generals",
            "marines", "coast guard", "coastguard", "defence ministry", "defense ministry",
            "paratroopers", "warplanes", "air force"),
    "COP": ("police", "policemen", "police officers", "officers", "security forces", "riot police",
            "border guards", "border police", "gendarmes", "gendarmerie", "interior ministry", "customs",
            "immigration officials", "agents", "investigators", "detectives"),
    "JUD": ("court", "courts", "judge", "judges", "prosecutor", "prosecutors", "prosecution",
            "judiciary", "tribunal", "magistrate", "magistrates", "attorney general", "justice ministry",
            "supreme court", "high court", "appeals court", "constitutional court", "jury"),
    "LEG": ("parliament", "parliaments", "lawmakers", "legislators", "legislature", "senators",
            "congressmen", "mps", "deputies", "assembly", "senate", "lower house", "upper house",
            "congress", "parliamentarians", "lawmaker", "legislator", "senator", "mp", "mla", "mlas"),
    "OPP": ("opposition", "dissidents", "dissident", "opposition leader", "opposition party",
            "critics"),
    "REB": ("rebels", "rebel", "rebel group", "rebel forces", "guerrillas", "guerrilla", "fighters"),
    "INS": ("insurgents", "insurgent", "militants", "militant", "jihadists", "extremists", "gunmen",
            "terrorists", "suicide bomber", "bombers", "attackers"),
    "SEP": ("separatists", "separatist"),
    "SPY": ("intelligence", "intelligence agency", "intelligence services", "spies", "spy agency",
            "intelligence officials", "security services", "security service"),
    "BUS": ("company", "companies", "firm", "firms", "businesses", "business", "banks", "bank",
            "corporation", "corporations", "investors", "businessmen", "businessman", "exporters",
            "importers", "manufacturers", "carmakers", "oil companies", "conglomerate"),
    "MED": ("journalist", "journalists", "reporter", "reporters", "media", "newspaper", "newspapers",
            "cameraman", "cameramen", "photojournalist", "photojournalists", "editor", "editors",
            "broadcaster", "broadcasters", "press", "photographer", "blogger", "bloggers"),
    "CVL": ("protesters", "protestors", "demonstrators", "civilians", "citizens", "citizen", "residents",
            "villagers", "students", "student", "man", "men", "woman", "women", "nationals", "national",
            "people", "crowds", "mob", "families", "tourists", "tourist", "pilgrims", "voters",
            "youths", "farmers", "fishermen", "teenager", "boy", "girl", "children", "couple",
            "herders", "worshippers", "settlers", "supporters", "lawyer", "lawyers", "pilot", "pilots",
            "sailors", "crew", "passengers", "businesswoman", "academic", "researcher",
            "prisoners", "political prisoners", "detainees", "hostages", "captives", "inmates"),
    "REF": ("refugees", "refugee", "asylum seekers", "asylum seeker", "migrants", "migrant",
            "displaced people"),
    "HRI": ("activists", "activist", "rights groups", "rights group", "human rights groups",
            "rights activists", "campaigners", "watchdog", "ombudsman"),
    "LAB": ("unions", "union", "trade unions", "workers", "strikers", "labour unions", "labor unions"),
    "IGO": ("inspectors", "weapons inspectors"),
    "NGO": ("charity", "charities", "aid groups", "aid group", "aid agencies", "aid workers", "ngo",
            "ngos", "relief agencies", "nonprofit"),
    "HLH": ("doctors", "health ministry", "health officials", "health authorities", "hospital",
            "hospitals", "medics", "nurses"),
    "EDU": ("university", "universities", "academics", "teachers", "scientists", "researchers"),
    "REL": ("clerics", "cleric", "church", "imam", "bishops", "bishop", "priests", "priest", "rabbis",
            "monks", "clergy"),
    "PTY": ("party", "parties", "ruling party", "coalition"),
    "ELI": ("tycoon", "oligarch", "oligarchs", "billionaire", "royals", "prince"),
    "CRM": ("smugglers", "smuggler", "traffickers", "gangs", "gang", "cartel", "cartels", "pirates",
            "hackers", "criminals", "suspects", "suspect", "kidnappers", "drug lords"),
    "AGR": ("farm groups",),
    "ENV": ("environmentalists", "environmental groups"),
}

# phrase (tuple of lower-case words) -> sector; longest first per first word
AGENT_PHRASES: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _code, _phrases in _NOUNS.items():
    assert _code in SECTORS, _code
    for _p in _phrases:
        _w = tuple(_p.split())
        AGENT_PHRASES.setdefault(_w[-1], []).append((_w, _code))
for _v in AGENT_PHRASES.values():
    _v.sort(key=lambda e: -len(e[0]))

# Words that may stand between a qualifier and an agent noun: "German federal prosecutors",
# "Israeli security forces", "two Turkish army officers".
MODIFIERS = frozenset("""federal state local regional provincial national central senior top junior
military security special riot border naval coast civil civilian public chief deputy former
opposition rebel militant government governing ruling leading prominent jailed detained imprisoned
exiled unnamed anonymous several two three four five six many some other foreign defence defense
interior justice health finance economy trade energy intelligence election electoral anti-corruption
anti-terrorism counterterrorism elite armed municipal city district supreme high appeals appeal
constitutional administrative criminal military-run state-run state-owned privately-owned
independent pro-democracy pro-government anti-government young elderly unarmed peaceful angry
hundreds thousands dozens of the a an more than at least about around nearly""".split())

# Agent nouns that name an actor only with a qualifier ("Russian troops attacked"): bare, they are
# forces that an actor moves ("massed 100,000 troops near the border", "withdrew troops").
NEEDS_QUALIFIER = frozenset("""troops soldiers forces military army navy marines paratroopers warplanes
armed commanders generals""".split())

# Sectors whose agents name an actor without a qualifier ("prosecutors", "rebels", "rights
# groups"); elsewhere a bare noun ("migrants", "companies", "students") is too vague to be a node.
BARE_SECTORS = frozenset({"COP", "JUD", "LEG", "SPY", "REB", "INS", "SEP", "OPP", "HRI", "NGO", "CRM", "GOV",
                          "BUS", "LAB", "HLH", "EDU", "REL", "ELI", "ENV", "AGR"})


# Sectors of people an act is aimed at, named without a qualifier only as its target ("opened
# fire on protesters", "deported migrants", "detained journalists"): mentions of form "group",
# never a relation's subject, since "protesters said" names no one in particular.
GROUP_SECTORS = frozenset({"CVL", "REF", "MED"})


def agent_at(words: list[str], i: int) -> tuple[int, str] | None:
    """(length, sector) of the longest agent phrase ending at word index i (lower-case words)."""
    cands = AGENT_PHRASES.get(words[i])
    if not cands:
        return None
    for phrase, code in cands:
        k = len(phrase)
        if i - k + 1 >= 0 and tuple(words[i - k + 1:i + 1]) == phrase:
            return k, code
    return None


def agent_actor(sector: str, acts_for: str | None, qualifier_name: str = "") -> Actor:
    """The agent actor of `sector` acting for the state or organisation `acts_for` (named
    `qualifier_name`: "German", "NATO"), or a bare sector when the text names no qualifier
    ("prosecutors", "Federal Police")."""
    label = SECTORS[sector]
    if acts_for is None:
        return Actor(sector, label, "agent", sector=sector)
    actor_id = f"{acts_for}{sector}" if len(acts_for) == 3 and acts_for.isalpha() else f"{acts_for}:{sector}"
    return Actor(actor_id, f"{qualifier_name} {label}", "agent", acts_for=acts_for, sector=sector)
