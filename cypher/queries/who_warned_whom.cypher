// who_warned_whom: warnings and threats between actors in a date range, with the sentence.
//
// Parameters:
//   $since  first day, YYYY-MM-DD, inclusive   (required)
//   $until  last day, YYYY-MM-DD, inclusive    (required)
//
// Returns one row per warning: date, warner, warner_id, on_behalf_of (the state or organisation
// a person warned for, if any), warned, warned_id, sentence, article.
// Example: graphkit query who_warned_whom --param since=2024-01-01 --param until=2024-12-31
MATCH (s:Actor)-[r:WARNS]->(o:Actor)
WHERE (r.date >= $since OR $since STARTS WITH r.date) AND r.date <= $until AND NOT r.negated
RETURN r.date AS date, s.name AS warner, s.id AS warner_id, r.subject_acts_for AS on_behalf_of,
       o.name AS warned, o.id AS warned_id, r.sentence AS sentence, r.doc_id AS article
ORDER BY date, warner, warned
