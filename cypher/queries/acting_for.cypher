// acting_for: the persons who act (or acted) for a state or organisation, with their offices
// and how many relations the graph holds for each of them.
//
// Parameters:
//   $actor  the state or organisation: id ("RUS", "NATO") or exact name   (required)
//   $on     only offices held on this day, YYYY-MM-DD                      (default: null)
//
// Returns one row per office: person, person_id, role, title, start, end, relations (as
// subject or object of any relation type in the graph).
// Example: graphkit query acting_for --param actor=USA --param on=2024-11-05
MATCH (x:Actor) WHERE x.id = $actor OR x.name = $actor
MATCH (p:Person)-[f:ACTS_FOR]->(x)
WHERE $on IS NULL OR ((f.start IS NULL OR f.start <= $on) AND (f.end IS NULL OR $on < f.end))
OPTIONAL MATCH (p)-[r]-(:Actor)
WHERE r.quad_class IS NOT NULL
RETURN p.name AS person, p.id AS person_id, f.role AS role, f.title AS title,
       f.start AS start, f.end AS end, count(r) AS relations
ORDER BY relations DESC, start DESC, person
