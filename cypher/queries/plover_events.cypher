// plover_events: what two actors did to each other, in both directions, by PLOVER root (the
// event-data standard's top categories: AGREE, CONSULT, SUPPORT, ..., COERCE, ASSAULT), with
// the relation types behind each root, how many, when, and the earliest sentence.
//
// Parameters:
//   $a      one actor: id or exact name                                       (required)
//   $b      the other actor: id or exact name                                 (required)
//   $roots  only these PLOVER roots, e.g. ["ASSAULT", "COERCE"]               (default: null)
//   $since  only relations dated on or after this day, YYYY-MM-DD             (default: null)
//
// Negated relations ("did not attack") are left out; modal ones ("threatened to impose") are
// kept and counted in `hedged`.
// Returns one row per direction and root: subject, subject_id, object, object_id, plover,
// relations, hedged, types, first, last, example, article.
// Example: graphkit query plover_events -p a=USA -p b=Ukraine -p 'roots=["AID"]'
MATCH (x:Actor) WHERE x.id = $a OR x.name = $a
MATCH (y:Actor) WHERE y.id = $b OR y.name = $b
MATCH (x)-[r]-(y)
WHERE r.plover IS NOT NULL AND NOT r.negated
  AND ($roots IS NULL OR r.plover IN [root IN $roots | toUpper(root)])
  AND ($since IS NULL OR (r.date >= $since OR $since STARTS WITH r.date))
WITH startNode(r) AS s, endNode(r) AS o, r ORDER BY r.date, r.doc_id, r.sentence_index
WITH s, o, r.plover AS plover, collect(r) AS rs, collect(DISTINCT type(r)) AS types
RETURN s.name AS subject, s.id AS subject_id, o.name AS object, o.id AS object_id, plover,
       size(rs) AS relations, size([q IN rs WHERE q.modality IS NOT NULL]) AS hedged,
       types, rs[0].date AS first, rs[-1].date AS last, rs[0].sentence AS example,
       rs[0].doc_id AS article
ORDER BY relations DESC, subject, plover
