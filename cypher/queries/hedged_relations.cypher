// hedged_relations: what the news said did NOT happen or only might: negated relations
// ("did not attack") and modal ones ("would impose", "threatened to send"), which the other
// queries leave out. Useful for spotting denials, threats and plans.
//
// Parameters:
//   $actor  only relations touching this actor: id or exact name   (default: null)
//
// Returns one row per relation: date, subject, relation, object, negated, modality, sentence,
// article.
// Example: graphkit query hedged_relations --param actor=Russia
MATCH (s:Actor)-[r]->(o:Actor)
WHERE r.quad_class IS NOT NULL AND (r.negated OR r.modality IS NOT NULL)
  AND ($actor IS NULL OR $actor IN [s.id, s.name, o.id, o.name])
RETURN r.date AS date, s.name AS subject, type(r) AS relation, o.name AS object,
       r.negated AS negated, r.modality AS modality, r.sentence AS sentence, r.doc_id AS article
ORDER BY date, subject, relation
