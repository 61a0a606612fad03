// agents_of: the agents of a state, by sector: the parts of it the news names as actors
// ("German prosecutors" is DEUJUD, the judiciary acting for Germany; "Russian troops" RUSMIL),
// with what each did and had done to it.
//
// Parameters:
//   $actor   the state: id ("DEU") or exact name ("Germany")                    (required)
//   $sector  only this CAMEO sector code, e.g. "JUD", "MIL", "COP"               (default: null)
//
// Returns one row per agent: agent, agent_id, sector, relations (as subject or object of any
// relation type, negated ones left out), as_subject, as_object, plover (the PLOVER roots of
// those relations), partners (the other actors' names), first, last.
// Example: graphkit query agents_of --param actor=Germany --param sector=JUD
MATCH (x:Actor) WHERE x.id = $actor OR x.name = $actor
MATCH (g:Agent) WHERE g.acts_for = x.id AND ($sector IS NULL OR g.sector = toUpper($sector))
OPTIONAL MATCH (g)-[r]-(p:Actor)
WHERE r.quad_class IS NOT NULL AND NOT r.negated
WITH g, r, p
RETURN g.name AS agent, g.id AS agent_id, g.sector AS sector, count(r) AS relations,
       count(CASE WHEN startNode(r) = g THEN 1 END) AS as_subject,
       count(CASE WHEN endNode(r) = g THEN 1 END) AS as_object,
       collect(DISTINCT r.plover) AS plover, collect(DISTINCT p.name) AS partners,
       min(r.date) AS first, max(r.date) AS last
ORDER BY sector, relations DESC, agent
