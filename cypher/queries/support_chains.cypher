// support_chains: two-hop support chains ending at an actor: A backs B, B backs the actor
// (e.g. Iran supplies Russia, Russia supplies Syria). Who is behind an actor's backers?
//
// Parameters:
//   $actor  the actor at the end of the chain: id or exact name                 (required)
//   $types  relation types that count as backing                                (default: ["SUPPLIES", "SUPPORTS", "COOPERATES"])
//
// Returns one row per chain: origin, origin_id, first_link, via, via_id, second_link, actor,
// first_date (earliest date of the first hop), second_date.
// Example: graphkit query support_chains --param actor=SYR
MATCH (x:Actor) WHERE x.id = $actor OR x.name = $actor
MATCH (a:Actor)-[r1]->(b:Actor)-[r2]->(x)
WHERE type(r1) IN $types AND type(r2) IN $types
  AND NOT r1.negated AND NOT r2.negated AND r1.modality IS NULL AND r2.modality IS NULL
  AND a <> b AND a <> x AND b <> x
RETURN a.name AS origin, a.id AS origin_id, collect(DISTINCT type(r1)) AS first_link,
       b.name AS via, b.id AS via_id, collect(DISTINCT type(r2)) AS second_link, x.name AS actor,
       min(r1.date) AS first_date, min(r2.date) AS second_date
ORDER BY via, origin
