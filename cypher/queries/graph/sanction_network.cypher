// sanction_network, graph form: the SANCTIONS relationships behind the edges of
// cypher/queries/sanction_network.cypher, with their actors, for
// `graphkit view --neo4j URI --cypher sanction_network` to draw.
//
// Parameters:
//   $since      only sanctions dated on or after this day, YYYY-MM-DD        (default: null)
//   $actor      only edges touching this actor (id or exact name)           (default: null)
//   $min_count  only edges reported at least this many times                (default: 1)
//
// Returns one row per relationship: s (sanctioner), r (the SANCTIONS relationship), t (target).
// Example: graphkit view --neo4j "$NEO4J_URI" --cypher sanction_network -p since=2023-01-01
MATCH (s:Actor)-[r:SANCTIONS]->(t:Actor)
WHERE NOT r.negated AND r.modality IS NULL
  AND ($since IS NULL OR (r.date >= $since OR $since STARTS WITH r.date))
  AND ($actor IS NULL OR $actor IN [s.id, s.name, t.id, t.name])
WITH s, t, collect(r) AS edge
WHERE size(edge) >= $min_count
UNWIND edge AS r
RETURN s, r, t
ORDER BY s.id, t.id, r.id
