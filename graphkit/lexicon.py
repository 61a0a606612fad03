"""What the extractors know about English, as data: the cue words both extractors read.

The relation types' trigger words live in `ontology.py` and the names, titles and agent nouns of
actors in `actors/`; this module holds the words around them: function words, pronouns, modal,
negative and requesting heads, light verbs, classes of nouns and the relation classes the slot
rules test. The rules extractor matches surface words, the dependency extractor spaCy's lemmas:
a verb class is written once, as lemmas, and the rules extractor reads its inflections (`forms`).

Where the two extractors read one idea through different words, the shared words are one table
and an extractor's own additions a second table named for that extractor's need, so that a word
added to the shared table reaches both and the remaining drift is in sight: each such pair was
merged where merging left both extractors' output unchanged, and kept apart where it did not.
A table is data only: no function here looks at a sentence.
"""
from __future__ import annotations

from collections.abc import Iterable

from .ontology import inflections, plural


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Every inflection ("imposes", "imposed", "imposing") of every verb lemma: what the rules
    extractor, which reads surface words, matches for a lemma table."""
    return frozenset(f for lemma in lemmas for f in inflections(lemma))


def noun_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Every noun lemma and its plural ("troop", "troops"): a noun table as surface words."""
    return frozenset(w for n in lemmas for w in (n, plural(n)))


def form_lemmas(lemmas: Iterable[str]) -> dict[str, str]:
    """Inflected form -> its lemma, over `lemmas` in order (a later lemma wins a shared form)."""
    return {f: lemma for lemma in lemmas for f in inflections(lemma)}


# -- function words around a noun phrase (the rules extractor's shallow syntax) ---------------------

# Words that may stand inside a noun phrase before its head: "the", "its own", "two", "dozens".
DET = frozenset("""either neither the a an this that these those its his her their our some several many all both any
each every other another further more new fresh additional its own two three four five six seven
eight nine ten dozens dozen hundreds thousands around about nearly almost roughly least at over up
than more fewer most""".split())
# Words after which a trigger word is a noun, not a finite verb: "the return", "a new deal".
ARTICLES = frozenset("the a an its his her their our this these those all some any no new more".split())
# Auxiliaries: part of a verb group, never its head.
AUX = frozenset("""is are was were be been being am has have had having will would may might could
should can must shall do does did 'll 've 'd cannot""".split())
# Forms of "be" (and "get") that make a participle passive: "was sanctioned by".
BE = frozenset("is are was were be been being am get got gets getting 's".split())
# Negation words inside a verb group.
NEG = frozenset("not n't never no neither nor".split())
# Adverbs a verb group or a clause's left edge may hold: "also", "reportedly", "sharply".
ADVERBS = frozenset("""also still already again now then reportedly allegedly recently previously
repeatedly just even further jointly publicly formally officially once soon later today yesterday
tonight reportedly openly quietly directly effectively swiftly sharply strongly immediately
initially secretly potentially firmly fully largely increasingly""".split())
# Prepositions: a mention after one is in a prepositional phrase, not a subject or direct object.
PREPS = frozenset("""of to in at from with for on against by near about over into between among toward
towards across after before during under via amid amidst through within without along around
beyond behind despite like upon including regarding concerning following ahead""".split())
# Words at which the search for a verb's subject stops going left.
STOP_LEFT = frozenset(";  where when whereas while although though because if unless whether that since".split())
# Words that open a new clause: an object or a prepositional phrase does not reach past them.
OPENERS = frozenset("""which who whom whose where while whereas but although though because when as
after before since said says saying adding according and or unless until so yet""".split())
# Subordinators before a participle ("after meeting Xi"): its subject is the main clause's.
SUBORD = frozenset("after before while when since by without upon despite".split())
# Words that open a sentence-initial clause before its subject.
FRONTING = SUBORD | PREPS
# Quantity words before "of": "most of", "parts of", "each of".
QUANT = frozenset("""most part parts much all some areas swathes regions many several each one two three
four five six seven eight nine ten dozens scores""".split())
# Nouns that count or package what follows "of": "a fresh round of sanctions", "hours of talks".
QUANT_NOUNS = frozenset("""round rounds package packages wave waves series set raft batch slew barrage
number host range hours days weeks months years round-the-clock dozens hundreds thousands millions handful
billion billions million trillion""".split())
# Word pairs that count what follows: "deported at least four asylum seekers", "more than 20".
COUNTING = frozenset((("at", "least"), ("more", "than"), ("up", "to"), ("as", "many"), ("fewer", "than"),
                      ("less", "than")))
# People who stand for the group "of" names: "arrested 26 members of the gang".
MEMBERS = frozenset("""members member leaders leader supporters relatives families officials head heads
chief commanders commander militants fighters employee employees staff workers followers loyalists""".split())

# The parse's function words: a headline whose lower-case words are all these is in title case.
FUNCTION_WORDS = _words("""a an the of in on at to for and or but nor with by from as over into onto
upon vs v via per amid after before off out up than""")
# Locative prepositions that stack ("to the Caribbean near Venezuela"): the actor may sit behind them.
LOCATIVE = _words("near along around off outside inside close toward towards at on in with across within")
# The last word of a phrasal trigger that is a preposition whose object is the relation's object.
TAIL_PREPS = _words("""to for on against with from of in at by near along around into over
between targeting out about toward towards off inside closer""")
# Prepositions whose gerund is controlled by the verb's object: "accused X of V-ing".
OBJECT_CONTROL_PREPS = _words("of from for into against over")
# Subordinators of a condition: what they introduce is not asserted.
CONDITIONAL = _words("if unless whether")
# Words that put off a refusal until another actor acts: "will not lift the embargo until Cuba reforms".
UNTIL = _words("until till unless")
# Prepositions that are also conjunctions: "came after the government released prisoners".
CLAUSE_OPENERS = _words("after before since until")
# Participles whose infinitive starts another clause: "a visit expected to focus on the war".
PURPOSE = _words("expected aimed designed intended meant likely set due")

# Prepositions of a setting whose nominal shares the clause's subject: "during a visit to Belgrade".
SETTING_PREPS = _words("during in at under ahead amid")
# ... the rules extractor also reads these (its setting is a word window, not a parse).
SETTING_PREPS_RULES = SETTING_PREPS | _words("on after before following throughout")
# ... the dependency extractor also these ("ahead of", "for talks", "from the summit"). The two
# stay apart: either extractor with the other's words emits more wrong relations ("returned from a
# trip to X", "called for sanctions", "failed to agree on sanctions").
SETTING_PREPS_PARSED = SETTING_PREPS | _words("for from")


# -- pronouns, anaphors, the calendar ------------------------------------------------------------

# Possessive pronouns and the kind of actor each refers to.
POSS_PRON = {"his": "person", "her": "person", "its": "thing", "their": "plural"}
# Third-person pronouns and the kind of actor each refers to ("thing": any actor but a person).
PRONOUNS = {"he": "person", "she": "person", "him": "person", "it": "thing", "they": "plural",
            "them": "plural", **POSS_PRON}
# First-person pronouns: in quoted speech they are the speaker.
FIRST_PERSON = _words("we us our i me my")
# "the country", "the bloc": the kind of actor each anaphoric noun after "the" stands for.
ANAPHORS = {"country": "state", "nation": "state", "kingdom": "state", "republic": "state",
            "bloc": "organisation", "alliance": "organisation",
            "organisation": "organisation", "organization": "organisation", "group": "group",
            "militants": "group", "militia": "group", "movement": "group", "rebels": "group"}
# ANAPHORS as the rules extractor reads them: two words, ("the", noun).
THE_ANAPHORS = {("the", noun): kind for noun, kind in ANAPHORS.items()}
# Words that may refer back to an earlier actor: a sentence without one needs no antecedents.
PRONOUN_WORDS = frozenset(PRONOUNS) | frozenset(ANAPHORS)

# Days of the week: "called X on Friday".
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
# Months, with their abbreviations.
MONTHS = _words("""january february march april may june july august september october november
december jan feb mar apr jun jul aug sep sept oct nov dec""")
# Dates are never names of actors.
CALENDAR = WEEKDAYS | MONTHS
# Capitalised words that are no names, left out of the rules extractor's unresolved-mention report.
NOT_NAMES = CALENDAR | frozenset("""i the a an in on at and but or for with from to of by as it he she they
this that these those his her its their we mr mrs ms dr gen said says also officials analysts west
western east eastern north northern south southern""".split())


# -- modality, negation, requests ------------------------------------------------------------------

# Modal auxiliaries and the modality each gives a relation.
MODALS = {"may": "may", "might": "might", "could": "could", "would": "would", "will": "will",
          "should": "should", "must": "must", "can": "can", "shall": "shall", "'ll": "will",
          "cannot": "can"}
# The first halves of "won't" and "can't" as tokenizers split them ("wo n't", "ca n't"); only the
# dependency extractor maps them so far (the rules one takes a modal word itself as its modality).
MODALS_CONTRACTED = {**MODALS, "wo": "will", "ca": "can"}
# Verbs (and "likely", "ready") whose infinitive is intended rather than done: "plans to visit".
INTENT_VERBS = ("plan", "intend", "threaten", "expect", "vow", "pledge", "promise", "seek", "want", "aim",
                "hope", "prepare", "consider", "propose", "try", "attempt", "offer", "agree", "decide",
                "move", "set", "poise", "likely", "ready", "mull", "weigh", "need")
# Participles and adjectives with the same effect: "is set to", "poised to", "unlikely to".
INTENT_PARTICIPLES = _words("likely set ready poised expected unlikely")
# Words before "to" that keep an infinitive in the rules extractor's verb group: the intent
# participles and "is going to", "is able to", "is due to", "is about to".
TO_TAKERS = INTENT_PARTICIPLES | _words("going able due about attempting")
# Phase verbs: the rules extractor takes "began to", "continued to", "stepped up" into the verb group.
PHASE_VERBS = ("continue", "begin", "start", "resume", "step")
# The rules extractor's modal verbs: inflected form -> the modality it gives ("is willing to" too).
MODAL_VERBS = {**form_lemmas(INTENT_VERBS + PHASE_VERBS), **{w: w for w in INTENT_PARTICIPLES | {"willing"}}}
# The dependency extractor's modal xcomp heads.
MODAL_HEADS = frozenset(INTENT_VERBS) | INTENT_PARTICIPLES
# Nouns with a modal complement: "its plan to expel" -> modality "plan".
MODAL_NOUNS = {"plan": "plan", "intention": "intend", "threat": "threatened", "bid": "try",
               "attempt": "try", "decision": "decide", "readiness": "ready", "pledge": "pledge",
               "promise": "promise", "offer": "offer", "proposal": "propose"}

# Verbs whose complement is denied: "refused to meet", "denied attacking", "failed to agree".
REFUSAL_VERBS = ("refuse", "decline", "fail", "deny")
# Verbs whose complement stops or is held back: "stopped short of condemning", "refrained from".
ABSTAIN_VERBS = ("stop", "halt", "cease", "refrain", "abstain")
# The rules extractor's negating verbs in a verb group: inflected form -> lemma ("have yet to").
NEG_VERBS = {**form_lemmas(REFUSAL_VERBS + ABSTAIN_VERBS), "yet": "yet"}
# The dependency extractor's negating heads, with "rejected/abandoned plans to" (a trigger word
# in the rules extractor's verb group, where "reject" starts its own relation).
NEG_HEADS = frozenset(REFUSAL_VERBS) | _words("reject abandon")
# Nouns whose complement is denied: "its refusal to meet".
NEG_NOUNS = _words("refusal denial failure")
# Words of obligation after an addressee: "Macron said Iran must stop" requests it of Iran.
OBLIGATION = _words("must should needs need has have ought")
# Predicates that blame a clause's subject: "said Hamas was behind the attack" accuses Hamas.
BLAME = _words("responsible culpable behind guilty")
# Verbs that voice a stance someone holds: "reiterated Turkey's support for", "expressed Egypt's solidarity".
VOICING = forms(_words("""express reiterate reaffirm pledge promise voice declare convey extend offer assure
restate underline stress"""))
# Words of an insulting predicate: "called the ambassador a very stupid guy", "called him a dictator".
INSULTS = _words("""liar criminal terrorist dictator murderer thug killer traitor fool idiot disgrace menace
puppet clown butcher tyrant coward fraud stupid incompetent corrupt evil pathetic moron loser war-criminal
warmonger""")
# Nouns for those who oppose an actor: what they say of it is criticism ("Kremlin critics say").
CRITICS = _words("critics opponents detractors")
# Verbs whose "of"-gerund is the act of their object: "accused Iran of arming the Houthis".
ACCUSING_FORMS = forms(_words("accuse suspect convict charge blame fault"))

# Heads whose complement is requested, not done: "urged Iran to halt", "demanded that Russia leave".
REQUEST_HEADS = _words("""urge ask call appeal demand press request implore plead petition exhort
beseech encourage invite pressure push wish""")
# Nouns whose complement is requested, not done: "a proposal to expand military aid".
REQUEST_NOUNS = _words("request call demand appeal proposal plea bid push invitation offer")
# ... unless the complement presupposes the act: "called on China to stop supplying Russia".
PRESUPPOSE = _words("stop cease halt end quit continue resume keep")
# Verbs whose object is made or let to do what follows "to", and the relation that makes with the
# object: "ordered Smith to appear" requests, "forced the rebels to withdraw" coerces.
CONTROL_VERBS = {"REQUESTS": ("order", "instruct", "tell"), "COERCES": ("force", "compel"),
                 "YIELDS": ("allow", "permit", "grant")}
# Verbs whose xcomp is controlled by their object: "urged Iran to halt", "prompted Moscow to warn"
# (the control verbs among them).
OBJECT_CONTROL = frozenset(v for verbs in CONTROL_VERBS.values() for v in verbs) | _words("""urge ask
order tell force allow persuade invite encourage press help advise require compel prompt push pressure
call permit instruct authorize authorise enable lead warn implore beseech exhort appeal cause""")
# OBJECT_CONTROL as the rules extractor reads it, inflected: "prompting Moscow to summon" is no
# purpose infinitive of the prompter.
OBJECT_CONTROL_FORMS = forms(OBJECT_CONTROL)
# Speech verbs: "'We will not ...,' Zelensky said" makes Zelensky the "we".
SPEECH = _words("""say tell add state declare announce insist claim stress write post warn argue
note reply respond""")
# SPEECH as the rules extractor reads it, inflected: "Macron said Iran must ...".
SPEECH_FORMS = forms(SPEECH)
# REQUEST_HEADS as the rules extractor reads them, inflected: a light verb among them asks for what
# its noun names ("called for an inquiry into", "urged talks with").
REQUEST_FORMS = forms(REQUEST_HEADS)
# CONTROL_VERBS as the rules extractor reads them: inflected form -> relation.
CONTROL = {f: rel for rel, lemmas in CONTROL_VERBS.items() for lemma in lemmas for f in inflections(lemma)}
# "agreed to lend ... to X", "refused to respond to X", "threatened to expel X": the relation an
# intention, a refusal or a threat makes with an actor when the verb after "to" is no trigger
COMMITS = {**{f: rel for rel, lemmas in (("AGREES_WITH", "agree offer promise vow pledge commit"),
                                         ("REJECTS", "refuse decline"), ("WARNS", "threaten"))
              for lemma in lemmas.split() for f in inflections(lemma)},
           "willing": "AGREES_WITH", "ready": "AGREES_WITH"}
# Words after "it is" that make "it" an expletive, not a pronoun: "it is unclear whether".
EXPLETIVE_NEXT = frozenset("""unclear likely unlikely possible clear expected reported understood believed
thought said time not important necessary hard difficult too the a an""".split())


# -- light verbs: verbs that carry a nominal trigger ("imposed sanctions on", "held talks with") ----

LIGHT_VERBS = _words("""impose announce unveil slap levy introduce adopt approve extend expand tighten
launch carry conduct stage mount hold pay make issue sign conclude ink reach strike seal express
voice offer pledge provide lodge file deliver give begin start continue resume order seek propose
accept agree renew host broker threaten promise vow unleash send demand finalize finalise
negotiate initial step join complete authorize authorise deepen boost strengthen enhance forge call
hit pin lay put place bolster upgrade finish""")
# Light verbs whose subject receives what the noun names: "won support from", "got aid from".
RECEIVING_VERBS = _words("receive get win secure obtain")
# Light verbs that undo what the noun names: "lifted sanctions on" is a concession.
EASING_VERBS = _words("lift ease relax suspend waive scrap remove end drop roll unfreeze loosen")
# ... the rules extractor also reads these as undoing sanctions ("cut tariffs on"); in the dependency
# extractor an easing verb also negates any other noun, and "reduced aid to X" is no refusal.
EASING_VERBS_RULES = EASING_VERBS | _words("reduce cut lower slash repeal revoke rescind")
# Light verbs that cut what a noun gives: "suspended military aid to", "halted food supplies to".
CUTTING_VERBS = _words("suspend cut halt reduce withhold freeze stop slash end curtail")
# The rules extractor's light verbs: one table of the shared, receiving, cutting and easing ones
# (the dependency extractor tests those classes one by one), and those of asking for and refusing
# what the noun names ("urged talks with", "cancelled a visit to", "declared a ceasefire in").
LIGHT_VERBS_RULES = LIGHT_VERBS | RECEIVING_VERBS | CUTTING_VERBS | EASING_VERBS | _words("""open urge push
refuse reject decline cancel postpone declare order rule renege""")
# Light verbs that refuse what their noun names, inflected: the negating heads ("refused direct talks
# with", "rejected demands from") and the rules extractor's own ("cancelled a visit to", "ruled out
# talks", "reneged on the deal"). Those four stay out of NEG_HEADS: the parse reads "rule" with its
# particle, and a light verb's noun is no complement there.
REFUSING_FORMS = forms(NEG_HEADS | _words("cancel postpone rule renege"))
# The dependency extractor's light verbs: the shared ones and some it takes only as the parse's head
# of the noun ("plans talks", "has talks"); in a window of words, as the rules extractor reads
# them, these are everywhere.
LIGHT_VERBS_PARSED = LIGHT_VERBS | _words("""open enter lead escalate intensify plan intend prepare
commit build register consider have claim""")
# The rules extractor's light verbs, inflected.
LIGHT_FORMS = forms(LIGHT_VERBS_RULES)
RECEIVING_FORMS = forms(RECEIVING_VERBS)
CUTTING_FORMS = forms(CUTTING_VERBS)
EASING_FORMS = forms(EASING_VERBS_RULES)
# Light verbs whose subject is on the receiving end: "drew condemnation from Beijing",
# "rejected criticism from Canada", "Ukraine's request was turned down by Berlin".
TARGET_LIGHT = RECEIVING_VERBS | _words("""draw face earn attract reject dismiss rebuff deny brush
counter turn spurn""")
# Light verbs with the noun in "in"/"into": "engaged in talks".
IN_LIGHT = _words("engage participate join take involve")
# Light verbs with the noun in "to": "agreed to a ceasefire", "committed to talks".
TO_LIGHT = _words("agree consent commit return")
# Verbs of giving whose object may be a nominal trigger: "provided support for" (the noun carries it).
GIVING = _words("provide give offer pledge send deliver grant extend")
# Verbs whose object's "from" phrase is aimed at their subject: "drew criticism from Beijing".
GOVERNORS = forms("draw prompt spark trigger provoke earn reject dismiss face receive".split())


# -- other verb classes ------------------------------------------------------------------------------

# "Iran-backed militias": the actor supports the group it modifies.
BACKED = _words("backed supported sponsored funded armed allied aligned")
# "a Qatar-brokered truce": the broker NEGOTIATES with the sentence's parties to the deal.
BROKERED = _words("brokered mediated negotiated")
# Verbs of leaving: a WITHDRAWS verb among them takes what it leaves as its direct object ("quit
# ECOWAS"), and "ordered the ambassador to leave" is an expulsion.
LEAVES = _words("leave depart quit exit")
# Verbs of a mutual act: "Ukraine and Russia exchanged prisoners" — each acts on the other.
RECIPROCAL = _words("exchange swap trade")
# Verbs whose direct object is the recipient, not the thing given: "armed Ukraine".
RECIPIENT_DOBJ = _words("arm equip fund finance furnish")
# Verbs of a ban: "banned imports of Japanese seafood" is a trade sanction.
PROHIBIT = _words("ban bar block embargo prohibit")
# Verbs that stop trade: "cut off exports to Japan".
TRADE_STOP = _words("ban bar block cut halt suspend restrict curb stop limit prohibit freeze embargo")
# "Israeli-linked shipping" is Israel's; "the Iran-backed group" is not Iran.
OWNED = _words("""link own flag control hold run operate occupy administer register annex lead""")
# Inflected forms that are far more often nouns or adjectives than the verb ("artillery shells").
NOT_VERBS = _words("arms armed shells funds returns bars charges targets imports exports")
# Words after a trigger that make it no trigger: "strike a deal", "hit a record", "host talks".
VETO_NEXT = {"strike": {"deal", "agreement", "accord", "balance", "tone", "chord", "bargain", "note"},
             "hit": {"record", "high", "low", "back", "out", "target", "targets", "sanctions", "tariffs",
                     "penalties", "restrictions", "measures", "duties", "levies"},
             "hold": set(), "host": {"talks", "summit", "meeting"}}
# Words before a trigger that make it no trigger: "sanctions target", "weak demand".
VETO_PREV = {"target": {"sanctions", "restrictions", "tariffs", "measures", "curbs", "controls",
                        "penalties", "sanction", "embargo", "rules", "law", "legislation", "which", "that"},
             # demand in the market's sense: "weak demand from China" (no word that may start a
             # title: "Mali's foreign minister demanded")
             "demand": {"weak", "weaker", "strong", "stronger", "slow", "slowing", "sluggish", "soft",
                        "softer", "rising", "falling", "soaring", "surging", "booming", "robust", "global",
                        "domestic", "consumer", "customer", "market", "export", "import", "higher", "lower",
                        "seasonal"}}
# "called X on Friday", "phoned X to discuss": the verbs of a phone call ...
CALLS = _words("called calls phoned phones telephoned rang")
# ... the words that may follow its callee ...
CALL_NEXT = frozenset(""". , ; to and on in from after late yesterday today tonight last this earlier
for""".split())
# ... and the words that may stand before the callee: "called the new Australian Prime Minister".
CALLEE_DET = _words("the his her their its new former outgoing incoming newly elected")
# "in return", "in exchange": a delivery answering an earlier one.
RETURN_WORDS = (("in", "return"), ("in", "exchange"))
# Purposes of a call that support the one called: "called X to congratulate him".
SUPPORTIVE_CALLS = _words("congratulate apologize apologise convey express offer thank console reassure")
# Verbs of a purpose clause that aid whom they name: "sent aid to help Haiti".
HELPING = _words("help assist support aid")
# Verbs of an inquiry: "will send a team of experts to Iran to investigate" accuses Iran.
INQUIRING = _words("investigate probe examine inspect look")
# Yielding verbs a refusal may put off until another actor acts: "will not end the strike until ...".
YIELDING = forms(_words("end lift stop call release resume return withdraw accept ease drop"))
# Participles of authorship: "a Japanese-drafted resolution" is Japan's text.
AUTHORED = _words("drafted sponsored proposed authored written tabled")


# -- classes of nouns --------------------------------------------------------------------------------

# Military units and craft (lemmas): "sent troops to" mobilises, "French troops" are France's.
FORCES = _words("""troop soldier force battalion brigade personnel unit marine mercenary
peacekeeper contingent warship vessel ship jet aircraft warplane plane tank submarine fighter
militia navy army boat destroyer frigate carrier drone""")
# FORCES as the rules extractor reads them after their owner ("the withdrawal of French troops"):
# each lemma and its plural, and "military".
FORCE_WORDS = noun_forms(FORCES) | {"military"}
# The rules extractor's words for forces sent as a show of force: "sent warships near Taiwan"
# (not noun_forms(FORCES): that table, tried, changes what the rules extractor emits).
MILITARY = _words("""troops forces soldiers warships ships vessels jets warplanes aircraft bombers
drones tanks artillery submarines carrier destroyers frigates missiles units battalions brigades""")
# The rules extractor's words for troops sent: to an ally they cooperate, to a border they mobilise
# (not FORCES: "fighter jets" sent are no troops).
TROOPS = _words("troops forces soldiers personnel units contingent battalions brigades fighters")
# People handed over (lemmas): "handed over 95 prisoners to Kyiv" yields, it does not supply.
PEOPLE = _words("""prisoner hostage detainee captive body remains citizen national pow
prisoners-of-war civilian""")
# The rules extractor's words for people handed over (not noun_forms(PEOPLE): "sent National
# Guard troops" would hand over nationals).
CAPTIVES = _words("prisoners detainees captives hostages pows citizens nationals")
# Institutional heads of state organs: "a court in Moscow" is Russia's.
ORGANS = _words("""court courts authorities officials prosecutors police government ministry embassy
military army navy forces troops regime judge parliament""")
# Guests one hosts: "received a Ukrainian delegation" is a meeting, not a delivery.
HOSTS = _words("""delegation president minister leader envoy counterpart official diplomat
ambassador premier chancellor king prince secretary chief head team""")
# Nouns that count what follows "of": "dozens of vessels" are vessels.
QUANTITIES = _words("""dozen hundred thousand million number couple handful pair score lot total
fleet group""")
# Nouns that package an event: "a package of sanctions", "a barrage of strikes".
CONTAINERS = _words("""package round set series wave barrage raft slew batch tranche declaration
statement expression show message pledge offer letter resolution programme program plan hour day
week month year minute""")
# Traded goods (lemmas): "a ban on imports from X" is a sanction.
TRADE = _words("""import export trade shipment sale purchase flight good product commodity
investment""")
# TRADE as the rules extractor reads it near "ban"/"bar": each lemma and its plural.
TRADE_WORDS = noun_forms(TRADE)
BORDER = _words("border frontier boundary")
# Nouns whose possessor is not what they name: "Kyiv's backers" are not Kyiv.
RELATIONAL = _words("""ally backer partner supporter neighbour neighbor rival enemy critic opponent
friend foe adversary counterpart sponsor patron proxy""")
# Documents named after places: "the Ottawa treaty" is no act of Canada.
DOCUMENTS = _words("treaty accord agreement convention protocol pact process format declaration")
# Help nouns whose "from" phrase is the helper: "with help from Egypt".
HELP = _words("help support assistance backing aid cooperation mediation participation involvement")
# Diplomatic missions: "Russia's U.N. mission" is Russia's, accredited to the U.N.
MISSIONS = _words("embassy consulate mission ambassador envoy diplomat")
# "her government": the state she leads.
GOVERNMENTS = _words("government administration cabinet country")
# Nominal triggers of a mutual act: "Israel and Hamas agreed to a ceasefire".
MUTUAL_NOUNS = _words("ceasefire truce swap exchange")
# Nominal triggers of a truce (phrases as the ontology writes them): "declared a ceasefire in Somalia".
TRUCES = frozenset(("ceasefire", "truce", "cessation of hostilities", "cease - fire"))
# Measures a state takes on its territory: "will extend the curfew in Jamaica" is aimed at Jamaica.
TERRITORIAL = frozenset(("curfew", "lockdown", "blockade", "siege", "martial law", "state of emergency"))
# Modifiers that make the trigger word after them a noun: "contribute air support to", "military aid".
NOUN_MODIFIERS = _words("""air naval military financial humanitarian economic political logistical
moral diplomatic technical medical food arms weapons security intelligence legal full strong firm
unwavering continued fresh further more additional new emergency""")
# Adjectives that make an attack one of words: "launched a scathing attack on" accuses.
VERBAL_ATTACK = _words("""scathing blistering stinging extraordinary fierce bitter personal verbal
furious withering vitriolic veiled thinly-veiled""")
# Texts an actor adopts or issues: "adopted a resolution condemning X" is the resolution's author's
# act. Not DOCUMENTS (named after places): the rules extractor reading their union emits other relations.
ISSUED_TEXTS = _words("""resolution report statement letter bill motion declaration communique communiqué
lawsuit complaint petition decree""")
# Things received that are support, not supplies: "received a letter from Kim".
GREETINGS = _words("""letter letters message messages invitation invitations congratulations greetings
condolences""")
# What a suspension cuts off: "a suspension of aid in Yemen" sanctions Yemen.
CUT_THINGS = _words("aid assistance flights links deliveries supplies funding imports exports trade")
# Words of peacekeeping: troops or aid sent for it are aid (PLOVER AID).
PEACEKEEPING = _words("peacekeeping peacekeepers peacekeeper peace-keeping")
# What a contribution goes to when it joins others: "troops to the NATO-led force in Afghanistan".
MISSION_NOUNS = _words("force forces mission missions operation operations contingent coalition")
# Acts, texts and decisions whose "of"/"by" names their author: "the results of the U.N. report".
ACTS = _words("""decision decisions plan plans policy policies proposal proposals statement statements
remarks comments report reports results findings claims claim allegations demands demand request
requests offer move moves actions action conduct behaviour behavior violations handling response
stance position resolution resolutions initiative efforts announcement order orders ruling""")
# What states do to people on their soil: a stance on "detentions in X" is a stance on X.
STATE_ACTS = _words("""detentions detention arrests crackdown crackdowns repression executions abuses
violations persecution censorship disappearances torture""")
# Nouns of a deal: "agreed a free trade agreement" endorses it (PLOVER SUPPORT).
DEAL_NOUNS = _words("agreement agreements deal deals accord accords treaty pact text memorandum")
# Adjectives a verb-only trigger word may follow without being a noun: "a free trade deal".
ADJECTIVAL = _words("free open clear secure close clean empty")


# -- relation classes (names of ontology.RELATIONS) ------------------------------------------------

# Relations whose direct object is usually the thing moved, not the actor affected.
THEME = frozenset({"SUPPLIES", "MOBILIZES", "WITHDRAWS", "YIELDS"})
# Nominal triggers whose "from" phrase names the doer: "support from China", "criticism from Kyiv".
FROM_AGENT = frozenset({"SUPPLIES", "SUPPORTS", "WARNS", "CRITICIZES", "REQUESTS", "ACCUSES",
                        "PROTESTS", "ATTACKS", "REJECTS", "SANCTIONS"})
# Relations said rather than done, whose noun a target light verb may receive ("drew condemnation").
SPEECH_ACTS = frozenset({"CRITICIZES", "ACCUSES", "WARNS", "REQUESTS", "PROTESTS", "SANCTIONS",
                         "SUPPORTS"})
# A noun's object may sit behind the thing it acts on: "tariffs on imports from Canada".
THROUGH = {"SANCTIONS": ("from",), "ATTACKS": ("in",)}
# Relations whose actors are a deal's parties.
DEAL_RELATIONS = frozenset(("AGREES_WITH", "YIELDS", "NEGOTIATES", "MEETS"))
# Relations whose object is people: "detained dozens of activists, including Turkish nationals".
PEOPLE_OBJECT = frozenset({"COERCES", "YIELDS", "EXPELS"})
# Relations a peacekeeping mission makes: "sent troops to the UN peacekeeping force" is aid.
PEACE_MISSIONS = frozenset(("MOBILIZES", "SUPPLIES", "VISITS", "COOPERATES"))
# What a state does to people it holds: a passive one "in Rwanda" with no agent was Rwanda's
# ("was arrested in Rwanda", "were expelled from North Korea", "were released in Libya").
STATE_COERCION = frozenset(("COERCES", "EXPELS", "YIELDS"))
# Stances on a text: vetoing, backing or criticising "a Japanese-drafted resolution" is aimed at Japan.
STANCES = frozenset(("REJECTS", "SUPPORTS", "CRITICIZES", "AGREES_WITH"))
# What cutting off ends: aid, talks, mediation, cooperation ("ended mediation efforts with X").
CUT_OFF = frozenset({"SUPPLIES", "NEGOTIATES", "MEETS", "COOPERATES"})
