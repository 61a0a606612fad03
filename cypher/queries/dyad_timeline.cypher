// dyad_timeline: every relation between two actors, in both directions, in date order, with
// its Goldstein score (-10 most conflictual .. +10 most cooperative) and a running total.
//
// Parameters:
//   $a  one actor: id or exact name        (required)
//   $b  the other actor: id or exact name  (required)
//
// Returns one row per relation: date, subject, relation, object, goldstein, running_goldstein,
// quad_class, sentence, article.
// Example: graphkit query dyad_timeline --param a=NER --param b=USA
MATCH (x:Actor) WHERE x.id = $a OR x.name = $a
MATCH (y:Actor) WHERE y.id = $b OR y.name = $b
MATCH (s:Actor)-[r]->(o:Actor)
WHERE ((s = x AND o = y) OR (s = y AND o = x)) AND r.quad_class IS NOT NULL AND NOT r.negated
WITH r, s, o ORDER BY r.date, r.doc_id, r.sentence_index
WITH collect({r: r, s: s, o: o}) AS events
UNWIND range(0, size(events) - 1) AS i
WITH events, i, events[i] AS e
RETURN e.r.date AS date, e.s.name AS subject, type(e.r) AS relation, e.o.name AS object,
       e.r.goldstein AS goldstein,
       reduce(total = 0.0, j IN range(0, i) | total + events[j].r.goldstein) AS running_goldstein,
       e.r.quad_class AS quad_class, e.r.sentence AS sentence, e.r.doc_id AS article
ORDER BY i
