// hostile_dyads: pairs of actors ranked by the net Goldstein score of the relations between
// them (the sum over both directions: negative = conflict outweighs cooperation).
//
// Parameters:
//   $since  only relations dated on or after this day, YYYY-MM-DD   (default: null)
//   $limit  how many dyads to list                                   (default: 20)
//
// Returns one row per pair: actor_a, actor_b, net_goldstein, relations, conflict, cooperation
// (counts), types.
// Example: graphkit query hostile_dyads --param since=2024-01-01 --param limit=10
MATCH (a:Actor)-[r]-(b:Actor)
WHERE a.id < b.id AND r.quad_class IS NOT NULL AND NOT r.negated AND r.modality IS NULL
  AND ($since IS NULL OR (r.date >= $since OR $since STARTS WITH r.date))
WITH a, b, sum(r.goldstein) AS net_goldstein, count(r) AS relations,
     sum(CASE WHEN r.quad_class IN [3, 4] THEN 1 ELSE 0 END) AS conflict,
     sum(CASE WHEN r.quad_class IN [1, 2] THEN 1 ELSE 0 END) AS cooperation,
     collect(DISTINCT type(r)) AS types
RETURN a.name AS actor_a, b.name AS actor_b, round(net_goldstein, 1) AS net_goldstein,
       relations, conflict, cooperation, types
ORDER BY net_goldstein, relations DESC, actor_a, actor_b
LIMIT $limit
