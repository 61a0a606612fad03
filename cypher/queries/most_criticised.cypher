// most_criticised: the actors most often criticised, accused or protested against, and by whom.
//
// Parameters:
//   $since  only relations dated on or after this day, YYYY-MM-DD   (default: null)
//   $limit  how many actors to list                                  (default: 10)
//
// Returns one row per target: actor, actor_id, relations, criticisms, accusations, protests,
// critics (the distinct actors who did it), articles.
// Example: graphkit query most_criticised --param limit=5
MATCH (s:Actor)-[r:CRITICIZES|ACCUSES|PROTESTS]->(x:Actor)
WHERE NOT r.negated AND r.modality IS NULL AND ($since IS NULL OR (r.date >= $since OR $since STARTS WITH r.date))
WITH x, count(r) AS relations,
     sum(CASE type(r) WHEN 'CRITICIZES' THEN 1 ELSE 0 END) AS criticisms,
     sum(CASE type(r) WHEN 'ACCUSES' THEN 1 ELSE 0 END) AS accusations,
     sum(CASE type(r) WHEN 'PROTESTS' THEN 1 ELSE 0 END) AS protests,
     collect(DISTINCT s.name) AS critics, count(DISTINCT r.doc_id) AS articles
RETURN x.name AS actor, x.id AS actor_id, relations, criticisms, accusations, protests,
       critics, articles
ORDER BY relations DESC, size(critics) DESC, actor
LIMIT $limit
