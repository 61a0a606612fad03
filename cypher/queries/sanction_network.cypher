// sanction_network: who sanctions whom (sanctions, embargoes, export controls, asset freezes),
// as an edge list an analyst can paste into a network tool.
//
// Parameters:
//   $since      only sanctions dated on or after this day, YYYY-MM-DD        (default: null)
//   $actor      only edges touching this actor (id or exact name)           (default: null)
//   $min_count  only edges reported at least this many times                (default: 1)
//
// Returns one row per directed edge: sanctioner, sanctioner_id, target, target_id, relations,
// first, last, articles.
// Example: graphkit query sanction_network --param since=2023-01-01 --format csv
MATCH (s:Actor)-[r:SANCTIONS]->(t:Actor)
WHERE NOT r.negated AND r.modality IS NULL
  AND ($since IS NULL OR (r.date >= $since OR $since STARTS WITH r.date))
  AND ($actor IS NULL OR $actor IN [s.id, s.name, t.id, t.name])
WITH s, t, count(r) AS relations, min(r.date) AS first, max(r.date) AS last,
     count(DISTINCT r.doc_id) AS articles
WHERE relations >= $min_count
RETURN s.name AS sanctioner, s.id AS sanctioner_id, t.name AS target, t.id AS target_id,
       relations, first, last, articles
ORDER BY relations DESC, sanctioner, target
