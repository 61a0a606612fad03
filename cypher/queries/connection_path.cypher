// connection_path: the shortest chain of relations (any of the twenty types, either
// direction, at most 4 hops) linking two actors: how is Iran connected to Syria?
//
// Parameters:
//   $from  one actor: id or exact name        (required)
//   $to    the other actor: id or exact name  (required)
//
// Returns one row per shortest path: hops, actors (names along the path), relations (one
// "Subject -TYPE-> Object" string per hop), path (the path itself, for `graphkit view --cypher`).
// Example: graphkit query connection_path --param from=IRN --param to=SYR
MATCH (x:Actor) WHERE x.id = $from OR x.name = $from
MATCH (y:Actor) WHERE y.id = $to OR y.name = $to
MATCH p = allShortestPaths((x)-[*..4]-(y))
WHERE all(r IN relationships(p) WHERE r.quad_class IS NOT NULL AND NOT r.negated)
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS actors,
       [r IN relationships(p) | startNode(r).name + ' -' + type(r) + '-> ' + endNode(r).name] AS relations,
       p AS path
ORDER BY hops
LIMIT 10
