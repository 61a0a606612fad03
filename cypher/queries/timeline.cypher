// timeline: all relations in a date range, optionally of some types only, in date order.
//
// Parameters:
//   $since  first day, YYYY-MM-DD, inclusive                             (required)
//   $until  last day, YYYY-MM-DD, inclusive                              (required)
//   $types  relation types to keep, e.g. ["ATTACKS", "MOBILIZES"]; null = all   (default: null)
//
// Returns one row per relation: date, subject, relation, object, negated, modality, sentence,
// article.
// Example: graphkit query timeline --param since=2024-01-01 --param until=2024-06-30 --param 'types=["ATTACKS"]'
MATCH (s:Actor)-[r]->(o:Actor)
WHERE r.quad_class IS NOT NULL AND (r.date >= $since OR $since STARTS WITH r.date) AND r.date <= $until
  AND ($types IS NULL OR type(r) IN $types)
RETURN r.date AS date, s.name AS subject, type(r) AS relation, o.name AS object,
       r.negated AS negated, r.modality AS modality, r.sentence AS sentence, r.doc_id AS article
ORDER BY date, article, r.sentence_index
