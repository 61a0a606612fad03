// who_supplies: who supplies an actor (weapons, goods, money, aid), how often, what and when.
//
// Parameters:
//   $actor  the receiving actor: an id ("UKR") or its exact name ("Ukraine")   (required)
//   $since  only relations dated on or after this day, YYYY-MM-DD               (default: null)
//
// Returns one row per supplier: supplier, supplier_id, relations, first, last, what, articles.
// Facts only: negated ("did not send") and modal ("would send") relations are left out.
// Example: graphkit query who_supplies --param actor=Ukraine
MATCH (x:Actor) WHERE x.id = $actor OR x.name = $actor
MATCH (s:Actor)-[r:SUPPLIES]->(x)
WHERE NOT r.negated AND r.modality IS NULL AND ($since IS NULL OR (r.date >= $since OR $since STARTS WITH r.date))
RETURN s.name AS supplier, s.id AS supplier_id, count(r) AS relations,
       min(r.date) AS first, max(r.date) AS last,
       [w IN collect(DISTINCT r.what) WHERE w IS NOT NULL] AS what,
       count(DISTINCT r.doc_id) AS articles
ORDER BY relations DESC, supplier
