// article_relations: everything graphkit extracted from one article, found the graph way:
// the Article's REPORTS links lead to the actors it names, and their relations with this
// article's doc_id are the ones it reported.
//
// Parameters:
//   $article  the article id (the file name without its suffix, or the JSONL "id")   (required)
//
// Returns one row per relation: sentence_index, subject, relation, object, negated, modality,
// sentence.
// Example: graphkit query article_relations --param article=2024-06-21-seoul-summons-russian-envoy
MATCH (a:Article {id: $article})-[:REPORTS]->(s:Actor)-[r]->(o:Actor)
WHERE r.doc_id = a.id
RETURN DISTINCT r.sentence_index AS sentence_index, s.name AS subject, type(r) AS relation,
       o.name AS object, r.negated AS negated, r.modality AS modality, r.sentence AS sentence
ORDER BY sentence_index, subject, relation, object
