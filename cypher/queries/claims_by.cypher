// claims_by: what the news says an actor claimed ("..., the minister said", "according to X",
// "X accused Y of ..."): the relations whose speaker is that actor, with what it said and about whom.
//
// Parameters:
//   $speaker  the actor the claims are attributed to: id or exact name   (required)
//   $since    only relations dated on or after this day, YYYY-MM-DD      (default: null)
//
// A relation's speaker is its speaker_id property (an :Actor's id), not a relationship: see
// cypher/README.md. Negated and modal claims are kept, as said: a claim is what was said.
// Returns one row per relation: date, speaker, subject, relation, object, negated, modality,
// mention (the words that named the speaker), sentence, article.
// Example: graphkit query claims_by --param speaker=Lithuania
MATCH (sp:Actor) WHERE sp.id = $speaker OR sp.name = $speaker
MATCH (s:Actor)-[r]->(o:Actor)
WHERE r.speaker_id = sp.id AND r.quad_class IS NOT NULL AND ($since IS NULL OR r.date >= $since)
RETURN r.date AS date, sp.name AS speaker, s.name AS subject, type(r) AS relation, o.name AS object,
       r.negated AS negated, r.modality AS modality, r.speaker_mention AS mention,
       r.sentence AS sentence, r.doc_id AS article
ORDER BY date, article, r.sentence_index
