// articles_behind: the articles and sentences behind a relation between two actors: every
// relationship carries its sentence, and doc_id is the id of the Article node that reported it.
//
// Parameters:
//   $subject   the acting actor: id or exact name                      (required)
//   $relation  relation type, e.g. "SUPPLIES" (see graphkit.ontology)  (required)
//   $object    the actor acted on: id or exact name                    (required)
//
// Returns one row per reported relation: date, article (id), title, url, source, sentence,
// trigger, negated, modality, confidence, relation_id.
// Example: graphkit query articles_behind --param subject=USA --param relation=SUPPLIES --param object=UKR
MATCH (s:Actor) WHERE s.id = $subject OR s.name = $subject
MATCH (o:Actor) WHERE o.id = $object OR o.name = $object
MATCH (s)-[r]->(o)
WHERE type(r) = toUpper($relation)
MATCH (a:Article {id: r.doc_id})
RETURN a.date AS date, a.id AS article, a.title AS title, a.url AS url, a.source AS source,
       r.sentence AS sentence, r.trigger AS trigger, r.negated AS negated,
       r.modality AS modality, r.confidence AS confidence, r.id AS relation_id
ORDER BY date, article, r.sentence_index
