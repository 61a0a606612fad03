"""The PLOVER root of a relation: decided from its type, trigger, modality and negation.

PLOVER codes what the sentence asserts, which is not always the relation's own type:
- a negated or refused act is REJECT ("refused to lift the embargo");
- a threatened act is THREATEN ("threatened to impose sanctions");
- a demand for an act is REQUEST, or ACCUSE when the act is hostile ("called for sanctions against
  X", "demanded an inquiry into X");
- an intended, offered, promised or agreed act is AGREE ("agreed to lift a ban", "will release",
  "is willing to send troops"), as PLOVER codes future commitments, unless the act is material
  conflict: "will impose a curfew", "would boycott the vote" announce it, and threaten (THREATEN);
- otherwise the trigger refines the type's own root, following CAMEO where the two differ:
  imposing sanctions or embargoes coerces (COERCE) while cutting aid, ties or a mission withdraws
  cooperation (SANCTION); a blockade is force (ASSAULT, CAMEO 191), and so is a cyber attack (as
  news coders code it, though CAMEO 176 puts it under coercion); signing a deal endorses it (SUPPORT); summoning an envoy or lodging a
  complaint accuses (ACCUSE) while rallies and strikes protest (PROTEST); a verbal attack by a
  person accuses; peacekeepers and observers sent to a country are aid, training its forces
  cooperation (COOPERATE); an extradition serves the charges (ACCUSE).
The table `ontology.RELATIONS[name].plover` is each type's default.
"""
from __future__ import annotations

from .ontology import RELATIONS

# modalities (see extractors' cues) that commit the actor to a future act
COMMITTING = frozenset("""will would shall 'll plan intend agree offer pledge promise vow ready willing
prepare commit set""".split())
# commitments made with others rather than announced at someone: "agreed to impose sanctions"
_CONSENTING = frozenset("agree offer commit ready willing".split())
_BLOCKADE = frozenset("blockade blockades blockaded blockading".split())
_TRAINING = frozenset("train trains trained training".split())
_EXTRADITION = frozenset("extradite extradited extradites extraditing extradition".split())
_IMPOSING = frozenset("""sanction sanctions embargo embargoes blacklist blacklisted blacklisting tariff tariffs
penalty penalties penalize penalise restriction restrictions curb curbs blockade ban bans
boycott boycotts countermeasures freeze froze frozen asset""".split())
_CUTTING = frozenset("""cut suspend suspended suspends suspending suspension halt halted reduce reduced withhold
withheld end ended sever severed downgrade downgraded break broke close closed""".split())
_FORMAL_PROTEST = frozenset("""summon summoned summons summoning complain complained complaint
complaints demarche démarche remonstrate remonstrated note lodge lodged recall recalled call called""".split())
_MISSION = frozenset("""peacekeepers peacekeeping observers monitors inspectors mission staff diplomats
aid workers personnel experts""".split())
_VERBAL_ATTACK = frozenset("attack attacked attacks attacking".split())
_DEALS = frozenset("""agreement agreements deal deals accord accords treaty treaties pact pacts memorandum
sign signed signs signing ink inked""".split())


def plover_code(relation: str, trigger: str = "", modality: str | None = None, negated: bool = False,
                what: str | None = None, subject_kind: str = "", object_kind: str = "") -> str:
    """The PLOVER root (one of `ontology.PLOVER_ROOTS`) of one extracted relation."""
    if negated:
        return "REJECT"
    if modality in ("threatened", "threaten"):
        return "THREATEN"
    quad = RELATIONS[relation].quad_class
    if modality in COMMITTING and relation != "AGREES_WITH" and (quad != 3 or modality in _CONSENTING):
        # a hostile act announced for the future threatens ("will extend the curfew in X",
        # "would boycott the summit"); a friendly one commits (AGREE); a verbal one ("will
        # investigate Yale") is the act itself
        hostile = quad == 4 and modality not in _CONSENTING
        return "THREATEN" if hostile else "AGREE"
    if modality == "demand":  # asking for sanctions or an inquiry against X accuses X; else it requests
        return "ACCUSE" if RELATIONS[relation].quad_class in (3, 4) else "REQUEST"
    words = set(trigger.lower().split())
    if what:
        words.update(what.lower().split())
    if words & _BLOCKADE and relation in ("COERCES", "SANCTIONS", "ATTACKS"):
        return "ASSAULT"  # CAMEO 191: imposing a blockade is a use of force
    if relation == "SUPPLIES" and words & _TRAINING:
        return "COOPERATE"  # training another's forces is military cooperation (CAMEO 062)
    if relation == "YIELDS" and words & _EXTRADITION:
        return "ACCUSE"  # handing a suspect over to face charges serves the accusation
    if relation == "SANCTIONS":
        return "SANCTION" if words & _CUTTING and not words & _IMPOSING - {"freeze"} else "COERCE"
    if relation == "PROTESTS":
        return "ACCUSE" if words & _FORMAL_PROTEST or subject_kind in ("state", "person") else "PROTEST"
    if relation == "WITHDRAWS" and (words & _MISSION or object_kind == "organisation"):
        return "SANCTION"  # pulling a mission out, or leaving an organisation, cuts cooperation
    if relation in ("MOBILIZES", "SUPPLIES") and words & _MISSION:
        return "AID"
    if relation == "ATTACKS" and subject_kind == "person" and words & _VERBAL_ATTACK and object_kind != "state":
        return "ACCUSE"
    if relation == "AGREES_WITH":
        return "AGREE" if modality in COMMITTING or not words & _DEALS else "SUPPORT"
    return RELATIONS[relation].plover

