// on_behalf_of: what persons did while acting for a state or organisation (a president's
// warnings, a foreign minister's visits), from the acts_for the extractor recorded for the
// subject of each relation on its date.
//
// Parameters:
//   $actor  the state or organisation: id or exact name   (required)
//
// Returns one row per relation: date, person, relation, object, object_id, sentence, article.
// Example: graphkit query on_behalf_of --param actor=RUS
MATCH (x:Actor) WHERE x.id = $actor OR x.name = $actor
MATCH (p:Actor)-[r]->(o:Actor)
WHERE r.subject_acts_for = x.id AND r.quad_class IS NOT NULL AND NOT r.negated
RETURN r.date AS date, p.name AS person, type(r) AS relation, o.name AS object,
       o.id AS object_id, r.sentence AS sentence, r.doc_id AS article
ORDER BY date, person, relation
