"""The relation types graphkit extracts, aligned with CAMEO, PLOVER, QuadClass and Goldstein.

Twenty verb-style types cover every PLOVER event type, so graphkit's output lines up with GDELT,
ICEWS and POLECAT data. Each type carries its trigger lexicon: verbs (lemmas, or phrases whose
first word inflects) and nouns for nominal forms, with the prepositions that introduce the object.
The type names are also the only relationship types ever written to Neo4j (a whitelist).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

QUAD_CLASSES = {1: "Verbal Cooperation", 2: "Material Cooperation", 3: "Verbal Conflict",
                4: "Material Conflict"}

# The PLOVER event roots (PLOVER codebook, 2021), the code every relation carries in `plover`.
PLOVER_ROOTS: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

# CAMEO's agent (sector) codes: what part of a state an agent actor is ("DEU" + "JUD" = DEUJUD,
# German prosecutors), as GDELT's Actor1Code writes it.
SECTORS: dict[str, str] = {
    "GOV": "government", "MIL": "military", "COP": "police", "JUD": "judiciary",
    "LEG": "legislature", "OPP": "opposition", "REB": "rebels", "INS": "insurgents",
    "SPY": "intelligence", "BUS": "business", "MED": "media", "CVL": "civilians",
    "REF": "refugees", "HRI": "human rights", "LAB": "labour", "NGO": "NGO", "IGO": "IGO",
    "EDU": "education", "HLH": "health", "ELI": "elites", "CRM": "criminals", "REL": "religious",
    "AGR": "agriculture", "ENV": "environment", "MOD": "moderates", "RAD": "radicals",
    "UAF": "armed forces (unaffiliated)", "PTY": "political party", "SEP": "separatists"}


@dataclass(frozen=True, slots=True)
class RelationType:
    """One relation type and how it maps onto the event-data standards."""

    name: str
    cameo_root: str
    cameo_code: str
    cameo_label: str
    plover: str
    quad_class: int
    goldstein: float
    description: str
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    verb_preps: tuple[str, ...] = ()
    noun_preps: tuple[str, ...] = ()
    inverse_verbs: tuple[str, ...] = ()  # "X received drones from Y" means Y -> X
    symmetric: bool = False
    clausal_object: bool = False  # "warned that China would ..." makes China the object

    @property
    def quad_label(self) -> str:
        return QUAD_CLASSES[self.quad_class]

    @property
    def cooperative(self) -> bool:
        return self.quad_class in (1, 2)


def _t(*words: str) -> tuple[str, ...]:
    return tuple(words)


RELATION_TYPES: tuple[RelationType, ...] = (
    RelationType(
        "WARNS", "13", "130", "Threaten", "THREATEN", 3, -4.4,
        "Warns or threatens an actor.",
        verbs=_t("warn", "threaten", "caution", "menace", "give~deadline,ultimatum"),
        nouns=_t("warning", "threat", "ultimatum"),
        verb_preps=_t("against"), noun_preps=_t("to", "against"), clausal_object=True),
    RelationType(
        "SUPPLIES", "07", "070", "Provide aid", "AID", 2, 7.0,
        "Provides weapons, goods, money, technology or aid to an actor.",
        verbs=_t("supply", "provide", "deliver", "send", "ship", "sell", "export", "transfer",
                 "give", "hand over", "donate", "arm", "equip", "fund", "finance", "furnish",
                 "smuggle", "funnel", "pledge", "grant", "loan", "lend", "train", "airlift", "donate",
                 "evacuate", "contribute", "grant~asylum,refuge",
                 "accept~refugees,migrants,asylum-seekers,seekers,evacuees,people",
                 "take in~refugees,migrants,asylum-seekers,seekers,evacuees,people",
                 "open>to~border,borders,doors,airspace,ports"),
        nouns=_t("supply", "delivery", "shipment", "transfer", "sale", "export", "provision",
                 "aid", "assistance", "funding", "donation", "arms delivery", "arms sale",
                 "military aid", "weapons delivery", "aid package"),
        verb_preps=_t("to", "for"), noun_preps=_t("to", "for"),
        inverse_verbs=_t("receive", "obtain", "acquire", "buy", "purchase", "import", "get")),
    RelationType(
        "SANCTIONS", "16", "163", "Impose embargo, boycott, or sanctions", "SANCTION", 4, -8.0,
        "Imposes sanctions, embargoes, export controls, tariffs or cuts ties.",
        verbs=_t("sanction", "blacklist", "embargo", "penalize", "penalise", "boycott", "fine",
                 "cut ties with", "sever ties with", "downgrade ties with", "freeze",
                 "cut>with~ties,relations", "sever>with~ties,relations", "downgrade>with~ties,relations",
                 "break off>with~ties,relations",
                 "add~list,blacklist,sanctions", "restrict",
                 "suspend~imports,exports,trade,purchases,shipments",
                 "halt~imports,exports,trade,purchases,shipments"),
        nouns=_t("sanction", "embargo", "export control", "restriction", "tariff", "penalty", "suspension",
                 "blacklisting", "asset freeze", "trade curb", "curb", "countermeasure",
                 "visa ban", "travel ban", "import ban", "export ban", "trade ban", "entry ban"),
        verb_preps=_t("on", "against", "of"),
        noun_preps=_t("on", "against", "targeting", "to", "over")),
    RelationType(
        "VISITS", "04", "042", "Make a visit", "CONSULT", 1, 1.9,
        "Travels to a state or organisation.",
        verbs=_t("visit", "tour", "travel to", "arrive in", "fly to", "head to", "land in",
                 "arrive at"),
        nouns=_t("visit", "trip", "tour", "state visit", "stop", "journey"),
        verb_preps=_t(), noun_preps=_t("to", "of", "in")),
    RelationType(
        "MEETS", "04", "040", "Consult", "CONSULT", 1, 1.0,
        "Meets, hosts, holds talks or speaks by phone with an actor.",
        verbs=_t("meet", "meet with", "host", "talk>with,to", "speak>with,to", "confer with",
                 "sit down with", "phone", "call>with", "discuss>with",
                 "attend>of,in,at,with~meeting,meetings,summit,talks,conference,session,forum,gathering",
                 "host>for~dinner,lunch,banquet,reception,breakfast"),
        nouns=_t("meeting", "talks", "summit", "phone call", "call", "bilateral", "encounter",
                 "consultation"),
        verb_preps=_t("with"), noun_preps=_t("with"), symmetric=True),
    RelationType(
        "NEGOTIATES", "04", "046", "Engage in negotiation", "CONSULT", 1, 7.0,
        "Negotiates with or mediates between actors.",
        verbs=_t("negotiate", "mediate", "broker", "bargain"),
        nouns=_t("negotiation", "mediation", "peace talks", "ceasefire talks", "trade talks",
                 "nuclear talks", "bargaining"),
        verb_preps=_t("with", "between"), noun_preps=_t("with", "between"), symmetric=True),
    RelationType(
        "CRITICIZES", "11", "111", "Criticize or denounce", "ACCUSE", 3, -2.0,
        "Criticizes, condemns or denounces an actor.",
        verbs=_t("criticize", "criticise", "condemn", "denounce", "slam", "blast", "rebuke",
                 "decry", "lambast", "lambaste", "castigate", "censure", "chide", "deplore",
                 "lash out at", "berate", "scold", "reprimand", "excoriate", "assail", "hit out at",
                 "take aim at", "blast", "ridicule", "mock", "question", "vilify", "disparage"),
        nouns=_t("criticism", "condemnation", "rebuke", "denunciation"),
        verb_preps=_t("at", "of", "by"), noun_preps=_t("of",)),
    RelationType(
        "ACCUSES", "11", "112", "Accuse", "ACCUSE", 3, -2.0,
        "Accuses or blames an actor.",
        verbs=_t("accuse", "blame", "charge", "allege", "pin>on~blame", "sue", "indict", "convict",
                 "prosecute", "investigate", "probe", "fault", "dispute", "refute", "impeach",
                 "file>against~lawsuit,suit,complaint,case,charges", "hold responsible",
                 "implicate", "incriminate", "condemn>for", "find~guilty,culpable,responsible,liable"),
        nouns=_t("accusation", "allegation", "charges", "blame", "investigation", "probe",
                 "inquiry", "lawsuit", "legal action", "indictment", "prosecution", "legal case",
                 "criminal case", "criminal investigation", "impeachment", "inquest", "suit"),
        verb_preps=_t("on", "against"), noun_preps=_t("against", "that", "on", "into", "of"),
        clausal_object=True),
    RelationType(
        "SUPPORTS", "05", "051", "Praise or endorse", "SUPPORT", 1, 3.4,
        "Expresses support for, praises, endorses, recognizes or defends an actor.",
        verbs=_t("support", "back", "endorse", "praise", "recognize", "recognise", "hail",
                 "welcome", "applaud", "commend", "stand by", "stand with", "side with",
                 "champion", "defend", "thank", "congratulate", "reaffirm>for", "vote for",
                 "establish>with~ties,relations", "restore>with~ties,relations",
                 "normalize>with~ties,relations", "normalise>with~ties,relations",
                 "upgrade>with~ties,relations"),
        nouns=_t("support", "backing", "endorsement", "recognition", "solidarity", "praise"),
        verb_preps=_t("of", "by"), noun_preps=_t("for", "of", "with", "to")),
    RelationType(
        "ATTACKS", "19", "190", "Use conventional military force", "ASSAULT", 4, -10.0,
        "Attacks an actor militarily or by cyber means.",
        verbs=_t("attack", "strike", "bomb", "shell", "invade", "raid", "assault", "hit",
                 "fire>at,on,against,into,toward,towards", "launch>at,on,against", "open fire on", "pound",
                 "bombard", "shoot down", "hack", "destroy", "target", "storm", "ambush",
                 "exchange~fire,shots,strikes,blows,gunfire", "trade~fire,shots,blows,gunfire",
                 "kill", "assassinate", "torch", "massacre", "behead", "execute", "wound", "injure",
                 "fight>against", "battle>against", "shoot", "gun down", "blow up", "slaughter",
                 "besiege", "overrun", "capture>~town,city,village,base,territory,area,airport",
                 "violate~ceasefire,truce,armistice", "breach~ceasefire,truce,armistice",
                 "hold~shields,shield", "use~shields,shield"),
        nouns=_t("attack", "strike", "airstrike", "air strike", "invasion", "bombing",
                 "shelling", "offensive", "incursion", "cyberattack", "cyber attack", "raid",
                 "assault", "missile attack", "drone attack", "bombardment", "aggression",
                 "war"),
        verb_preps=_t("on", "at", "against", "inside", "in", "of"),
        noun_preps=_t("on", "against", "of", "into", "inside")),
    RelationType(
        "AGREES_WITH", "03", "057", "Sign formal agreement", "AGREE", 1, 8.0,
        "Signs or reaches an agreement, deal or treaty with an actor.",
        verbs=_t("agree", "sign with", "conclude>with"),
        nouns=_t("agreement", "deal", "accord", "treaty", "pact", "memorandum",
                 "understanding", "framework"),
        verb_preps=_t("with"), noun_preps=_t("with", "between"), symmetric=True),
    RelationType(
        "REQUESTS", "02", "020", "Make an appeal or request", "REQUEST", 1, 3.0,
        "Asks, urges, calls on or demands of an actor.",
        verbs=_t("urge", "ask", "call on", "call upon", "appeal to", "demand", "press",
                 "request", "implore", "plead with", "petition", "exhort", "beseech", "pressure",
                 "pressure>into", "lobby", "invite>to",
                 "seek>in~refuge,asylum,shelter,sanctuary,protection",
                 "seek>from~asylum,help,assistance,support,aid,protection,clarification,explanation"),
        nouns=_t("appeal", "request", "demand", "call"),
        verb_preps=_t("of", "from"), noun_preps=_t("to", "on", "for", "that"), clausal_object=True),
    RelationType(
        "REJECTS", "12", "120", "Reject", "REJECT", 3, -4.0,
        "Rejects, dismisses or vetoes a proposal, demand or claim of an actor.",
        verbs=_t("reject", "dismiss", "refuse", "veto", "rebuff", "spurn", "turn down",
                 "brush aside", "snub", "repudiate", "deny", "renege on", "defy", "ignore",
                 "oppose", "vote against", "resist", "disregard",
                 "deny>to~entry,permission,access,visa,visas,landing",
                 "violate~ban,sanctions,resolution,resolutions,embargo"),
        nouns=_t("rejection", "veto", "refusal"),
        verb_preps=_t("by", "from", "of"), noun_preps=_t("of",)),
    RelationType(
        "COOPERATES", "06", "061", "Cooperate economically", "COOPERATE", 2, 6.4,
        "Cooperates materially: joint exercises, trade, military or economic cooperation.",
        verbs=_t("cooperate", "co-operate", "collaborate", "partner with", "team up with",
                 "ally with", "trade with", "work with", "work together with", "share>with",
                 "join forces with", "coordinate with"),
        nouns=_t("cooperation", "co-operation", "partnership", "alliance", "joint exercise",
                 "joint drill", "exercise", "drill", "trade", "collaboration",
                 "military ties", "joint patrol", "joint naval exercise", "war games",
                 "defence ties", "defense ties", "security ties", "economic ties", "trade ties",
                 "defence cooperation", "defense cooperation", "security pact"),
        verb_preps=_t("with"), noun_preps=_t("with", "between"), symmetric=True),
    RelationType(
        "PROTESTS", "14", "140", "Engage in political dissent", "PROTEST", 3, -6.5,
        "Formally protests to an actor or summons its envoy.",
        verbs=_t("protest", "summon", "remonstrate with", "complain to", "call in",
                 "recall>from,to~ambassador,envoy,diplomats,ambassadors", "rally>against,outside",
                 "march>against,on,to", "demonstrate>against,outside,in front of", "picket",
                 "strike>against~workers", "boycott>~poll,election,elections,vote,talks,ceremony,summit"),
        nouns=_t("protest", "complaint", "demarche", "démarche", "note of protest", "rally",
                 "demonstration", "hunger strike", "sit-in", "walkout", "march", "general strike"),
        verb_preps=_t("to", "with", "of"), noun_preps=_t("to", "with", "against", "at", "over")),
    RelationType(
        "EXPELS", "16", "161", "Reduce or break diplomatic relations", "SANCTION", 4, -4.0,
        "Expels an actor's diplomats or closes its mission.",
        verbs=_t("expel", "kick out", "oust", "declare~persona,personae", "throw out", "order~leave,out",
                 "close~embassy,embassies,consulate,consulates,mission",
                 "shut~embassy,embassies,consulate,consulates,mission"),
        nouns=_t("expulsion",),
        verb_preps=_t("of"), noun_preps=_t("of")),
    RelationType(
        "YIELDS", "08", "080", "Yield", "YIELD", 2, 5.0,
        "Concedes: releases prisoners, eases or lifts sanctions, accepts a ceasefire.",
        verbs=_t("release", "free", "concede to", "back down to", "give in to", "hand back",
                 "return", "pardon", "repatriate",
                 "exchange~prisoners,detainees,captives,hostages,pows,prisoners-of-war",
                 "swap~prisoners,detainees,captives,hostages,pows", "extradite", "surrender>to",
                 "apologize>to,for", "apologise>to,for", "grant~permission,access,amnesty,approval,pardon,clemency",
                 "give~permission,access,approval,clearance,permit,visas",
                 "give>to,for~permission,access,approval,clearance,permit,visas",
                 "allow>of,for,into,to~access,aid,entry,return,passage,delivery,deliveries,relief,convoys",
                 "permit>of,for,into,to~access,aid,entry,return,passage,delivery,deliveries,relief,convoys",
                 "accept>from,by~demand,demands,request,proposal,offer,terms",
                 "approve>from,by~request,requests,application", "grant~citizenship",
                 "accept~demand,demands,request,proposal,offer,terms",
                 "comply with", "yield to", "cave to", "bow to", "compensate"),
        nouns=_t("release", "ceasefire", "cease - fire", "truce", "concession", "handover", "amnesty",
                 "pardon", "extradition", "apology", "compensation", "cessation of hostilities"),
        verb_preps=_t("to"), noun_preps=_t("with", "to", "of")),
    RelationType(
        "WITHDRAWS", "08", "087", "De-escalate military engagement", "YIELD", 2, 9.0,
        "Pulls forces or staff out of an actor's territory or an organisation.",
        verbs=_t("withdraw", "pull>out of,from", "pull back from", "retreat from",
                 "evacuate from", "quit", "exit"),
        nouns=_t("withdrawal", "pullout", "pull-out", "drawdown", "exit"),
        verb_preps=_t("from", "out of"), noun_preps=_t("from",)),
    RelationType(
        "MOBILIZES", "15", "150", "Demonstrate military or police power", "MOBILIZE", 4, -7.2,
        "Deploys or masses forces against or near an actor.",
        verbs=_t("deploy", "mass", "mobilize", "mobilise", "station", "build up", "amass", "scramble",
                 "dispatch", "sail>to,near,toward,towards,into,off,around",
                 "remain on alert>in,along,near,on,at", "stay on alert>in,along,near,on,at",
                 "fly>toward,towards,near,into,around",
                 "move>to,toward,towards,near,into,along,closer~troops,forces,units,tanks,artillery,warships,soldiers,missiles,brigades,battalions,jets,ships,vessels"),
        nouns=_t("deployment", "buildup", "build-up", "mobilization", "mobilisation",
                 "troop buildup", "military buildup", "drill", "exercise", "military exercise",
                 "war games", "patrol", "incursion", "show of force"),
        verb_preps=_t("to", "near", "along", "on", "at", "against", "around", "into", "in", "toward",
                      "towards", "off"),
        noun_preps=_t("to", "near", "along", "on", "against", "around", "off", "toward", "towards")),
    RelationType(
        "COERCES", "17", "170", "Coerce", "COERCE", 4, -7.0,
        "Arrests, detains, seizes, blockades, bans or deports an actor's people or property.",
        verbs=_t("arrest", "detain", "seize", "blockade", "ban", "deport", "crack down on",
                 "jail", "imprison", "confiscate", "impound", "abduct", "kidnap", "capture",
                 "intercept", "bar", "sentence", "outlaw", "torture", "demolish", "censor",
                 "expropriate", "nationalize", "nationalise", "evict", "apprehend", "round up",
                 "take into custody", "hold~hostage,captive,prisoner", "prohibit",
                 "impose>on,in~curfew,restrictions,martial,emergency,lockdown,fine",
                 "declare>on,in~siege,emergency,curfew,martial,lockdown",
                 "extend>on,in~siege,emergency,curfew,lockdown"),
        nouns=_t("arrest", "detention", "seizure", "blockade", "ban", "deportation",
                 "crackdown", "imprisonment", "capture", "curfew", "house arrest", "raid",
                 "arrest warrant"),
        verb_preps=_t("on", "of"), noun_preps=_t("of", "on", "against", "for")),
)

RELATIONS: dict[str, RelationType] = {r.name: r for r in RELATION_TYPES}
RELATION_NAMES: tuple[str, ...] = tuple(RELATIONS)


class UnknownRelation(ValueError):
    """A relation name that is not in the ontology."""


def get_relation(name: str) -> RelationType:
    """Look a relation type up by name (case-insensitive); raise UnknownRelation otherwise."""
    key = name.strip().upper().replace(" ", "_").replace("-", "_")
    try:
        return RELATIONS[key]
    except KeyError:
        raise UnknownRelation(
            f"unknown relation type {name!r} (known: {', '.join(RELATION_NAMES)})") from None


# --- inflection -------------------------------------------------------------------------------

_IRREGULAR = {
    "send": ("sent",), "find": ("found",), "sell": ("sold",), "give": ("gave", "given"), "meet": ("met",),
    "hold": ("held",), "strike": ("struck", "stricken"), "hit": ("hit",), "pay": ("paid",),
    "fly": ("flew", "flown"), "speak": ("spoke", "spoken"), "withdraw": ("withdrew", "withdrawn"),
    "shoot": ("shot",), "buy": ("bought",), "freeze": ("froze", "frozen"), "get": ("got", "gotten"),
    "build": ("built",), "throw": ("threw", "thrown"), "bring": ("brought",), "leave": ("left",),
    "stand": ("stood",), "sit": ("sat",), "begin": ("began", "begun"), "seek": ("sought",),
    "make": ("made",), "take": ("took", "taken"), "lead": ("led",), "quit": ("quit",),
    "put": ("put",), "set": ("set",), "cut": ("cut",), "bar": ("barred",),
    "break": ("broke", "broken"), "win": ("won",), "tell": ("told",), "say": ("said",),
    "draw": ("drew", "drawn"), "lay": ("laid",), "lend": ("lent",), "fight": ("fought",),
}
_DOUBLE = {"pin", "slap", "step", "swap", "trap", "tap", "snap", "strip", "clip", "grip", "tag", "flag",
           "ban", "ship", "slam", "expel", "compel", "transfer", "stop", "plan", "rob", "grab",
           "drop", "scrap", "snub", "sit", "get", "cut", "shut", "bar", "jail_", "put", "set",
           "hit", "admit", "commit", "permit", "regret", "hug", "nab", "quit", "begin", "win"}


@lru_cache(maxsize=None)
def inflections(lemma: str) -> frozenset[str]:
    """Base, -s, past, participle and -ing forms of an English verb lemma."""
    w = lemma
    forms = {w}
    if w.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(w + "es")
    elif w.endswith("y") and w[-2:-1] not in "aeiou":
        forms.add(w[:-1] + "ies")
    else:
        forms.add(w + "s")
    if w in _IRREGULAR:
        forms.update(_IRREGULAR[w])
    if w in _DOUBLE:
        stem = w + w[-1]
        forms.update({stem + "ed", stem + "ing"})
    else:
        if w.endswith("e"):
            forms.add(w + "d")
            forms.add(w[:-1] + "ing" if not w.endswith(("ee", "ye", "oe")) else w + "ing")
        elif w.endswith("y") and w[-2:-1] not in "aeiou":
            forms.add(w[:-1] + "ied")
            forms.add(w + "ing")
        else:
            forms.add(w + "ed")
            forms.add(w + "ing")
    if w.endswith(("el", "al")) and len(w) > 4:  # British "travelled", "initialled", "signalled"
        forms.update({w + "led", w + "ling"})
    if w in _IRREGULAR:  # irregular verbs have no regular past
        forms.discard(w + "ed")
        forms.discard(w + "d")
    return frozenset(forms)


def singular(noun: str) -> str:
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("ses", "xes", "ches", "shes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")):
        return noun[:-1]
    return noun


def plural(noun: str) -> str:
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return noun if noun.endswith("s") else noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"
