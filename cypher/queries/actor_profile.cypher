// actor_profile: an actor at a glance: its relations by type and direction, with partners.
//
// Parameters:
//   $actor  id or exact name   (required)
//
// Returns one row per (direction, relation type): direction ("out": the actor acts, "in": it
// is acted on), relation, relations, partners, first, last.
// Example: graphkit query actor_profile --param actor=Russia
MATCH (x:Actor) WHERE x.id = $actor OR x.name = $actor
MATCH (x)-[r]-(other:Actor)
WHERE r.quad_class IS NOT NULL AND NOT r.negated
WITH CASE WHEN startNode(r) = x THEN 'out' ELSE 'in' END AS direction, type(r) AS relation,
     r, other
RETURN direction, relation, count(r) AS relations, collect(DISTINCT other.name) AS partners,
       min(r.date) AS first, max(r.date) AS last
ORDER BY direction DESC, relations DESC, relation
