// graphkit's Neo4j schema: constraints and indexes. Idempotent (IF NOT EXISTS everywhere);
// apply with `graphkit neo4j init` (Neo4jStore also applies it before its first write when the
// actor and article constraints are missing). Statements end with ';'. Lines starting with '//'
// are comments.
//
// Node keys. The uniqueness constraints are what make MERGE safe under concurrent loads: two
// loaders merging the same actor id serialise on the constraint's index instead of both creating
// a node.
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;

// What queries filter nodes on: actors by name (`WHERE a.id = $actor OR a.name = $actor`),
// kind and sector (an agent's CAMEO code: JUD, MIL, ...), articles by date and source.
CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name);
CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind);
CREATE INDEX actor_sector IF NOT EXISTS FOR (a:Actor) ON (a.sector);
CREATE INDEX article_date IF NOT EXISTS FOR (a:Article) ON (a.date);
CREATE INDEX article_source IF NOT EXISTS FOR (a:Article) ON (a.source);

// What the writes look up besides ids: an import's earlier rows by the file they came from
// (Article.input), and the actors acting for an actor (Actor.acts_for: a state's agents), which
// keep it in the graph when no relation names it any more.
CREATE INDEX article_input IF NOT EXISTS FOR (a:Article) ON (a.input);
CREATE INDEX actor_acts_for IF NOT EXISTS FOR (a:Actor) ON (a.acts_for);

// One relationship type per ontology relation (graphkit.ontology.RELATION_NAMES). For each:
//   <type>_id      uniqueness of the relation id (Relation.id, the idempotency key of every store);
//                  relationship property uniqueness constraints exist since Neo4j 5.7, Community too
//   <type>_date    date-range queries ("who warned whom in 2024")
//   <type>_doc_id  the re-extraction of an article finds its earlier relations by doc_id
// `plover` (the PLOVER root every relationship carries) has no index: within one type it is
// nearly always the type's own root, so an index would cost a fourth entry per relation on
// every load and select almost nothing; queries by root filter the pair's relationships.

CREATE CONSTRAINT warns_id IF NOT EXISTS FOR ()-[r:WARNS]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX warns_date IF NOT EXISTS FOR ()-[r:WARNS]-() ON (r.date);
CREATE INDEX warns_doc_id IF NOT EXISTS FOR ()-[r:WARNS]-() ON (r.doc_id);
CREATE CONSTRAINT supplies_id IF NOT EXISTS FOR ()-[r:SUPPLIES]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX supplies_date IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.date);
CREATE INDEX supplies_doc_id IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.doc_id);
CREATE CONSTRAINT sanctions_id IF NOT EXISTS FOR ()-[r:SANCTIONS]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX sanctions_date IF NOT EXISTS FOR ()-[r:SANCTIONS]-() ON (r.date);
CREATE INDEX sanctions_doc_id IF NOT EXISTS FOR ()-[r:SANCTIONS]-() ON (r.doc_id);
CREATE CONSTRAINT visits_id IF NOT EXISTS FOR ()-[r:VISITS]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX visits_date IF NOT EXISTS FOR ()-[r:VISITS]-() ON (r.date);
CREATE INDEX visits_doc_id IF NOT EXISTS FOR ()-[r:VISITS]-() ON (r.doc_id);
CREATE CONSTRAINT meets_id IF NOT EXISTS FOR ()-[r:MEETS]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX meets_date IF NOT EXISTS FOR ()-[r:MEETS]-() ON (r.date);
CREATE INDEX meets_doc_id IF NOT EXISTS FOR ()-[r:MEETS]-() ON (r.doc_id);
CREATE CONSTRAINT negotiates_id IF NOT EXISTS FOR ()-[r:NEGOTIATES]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX negotiates_date IF NOT EXISTS FOR ()-[r:NEGOTIATES]-() ON (r.date);
CREATE INDEX negotiates_doc_id IF NOT EXISTS FOR ()-[r:NEGOTIATES]-() ON (r.doc_id);
CREATE CONSTRAINT criticizes_id IF NOT EXISTS FOR ()-[r:CRITICIZES]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX criticizes_date IF NOT EXISTS FOR ()-[r:CRITICIZES]-() ON (r.date);
CREATE INDEX criticizes_doc_id IF NOT EXISTS FOR ()-[r:CRITICIZES]-() ON (r.doc_id);
CREATE CONSTRAINT accuses_id IF NOT EXISTS FOR ()-[r:ACCUSES]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX accuses_date IF NOT EXISTS FOR ()-[r:ACCUSES]-() ON (r.date);
CREATE INDEX accuses_doc_id IF NOT EXISTS FOR ()-[r:ACCUSES]-() ON (r.doc_id);
CREATE CONSTRAINT supports_id IF NOT EXISTS FOR ()-[r:SUPPORTS]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX supports_date IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.date);
CREATE INDEX supports_doc_id IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.doc_id);
CREATE CONSTRAINT attacks_id IF NOT EXISTS FOR ()-[r:ATTACKS]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX attacks_date IF NOT EXISTS FOR ()-[r:ATTACKS]-() ON (r.date);
CREATE INDEX attacks_doc_id IF NOT EXISTS FOR ()-[r:ATTACKS]-() ON (r.doc_id);
CREATE CONSTRAINT agrees_with_id IF NOT EXISTS FOR ()-[r:AGREES_WITH]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX agrees_with_date IF NOT EXISTS FOR ()-[r:AGREES_WITH]-() ON (r.date);
CREATE INDEX agrees_with_doc_id IF NOT EXISTS FOR ()-[r:AGREES_WITH]-() ON (r.doc_id);
CREATE CONSTRAINT requests_id IF NOT EXISTS FOR ()-[r:REQUESTS]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX requests_date IF NOT EXISTS FOR ()-[r:REQUESTS]-() ON (r.date);
CREATE INDEX requests_doc_id IF NOT EXISTS FOR ()-[r:REQUESTS]-() ON (r.doc_id);
CREATE CONSTRAINT rejects_id IF NOT EXISTS FOR ()-[r:REJECTS]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX rejects_date IF NOT EXISTS FOR ()-[r:REJECTS]-() ON (r.date);
CREATE INDEX rejects_doc_id IF NOT EXISTS FOR ()-[r:REJECTS]-() ON (r.doc_id);
CREATE CONSTRAINT cooperates_id IF NOT EXISTS FOR ()-[r:COOPERATES]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX cooperates_date IF NOT EXISTS FOR ()-[r:COOPERATES]-() ON (r.date);
CREATE INDEX cooperates_doc_id IF NOT EXISTS FOR ()-[r:COOPERATES]-() ON (r.doc_id);
CREATE CONSTRAINT protests_id IF NOT EXISTS FOR ()-[r:PROTESTS]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX protests_date IF NOT EXISTS FOR ()-[r:PROTESTS]-() ON (r.date);
CREATE INDEX protests_doc_id IF NOT EXISTS FOR ()-[r:PROTESTS]-() ON (r.doc_id);
CREATE CONSTRAINT expels_id IF NOT EXISTS FOR ()-[r:EXPELS]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX expels_date IF NOT EXISTS FOR ()-[r:EXPELS]-() ON (r.date);
CREATE INDEX expels_doc_id IF NOT EXISTS FOR ()-[r:EXPELS]-() ON (r.doc_id);
CREATE CONSTRAINT yields_id IF NOT EXISTS FOR ()-[r:YIELDS]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX yields_date IF NOT EXISTS FOR ()-[r:YIELDS]-() ON (r.date);
CREATE INDEX yields_doc_id IF NOT EXISTS FOR ()-[r:YIELDS]-() ON (r.doc_id);
CREATE CONSTRAINT withdraws_id IF NOT EXISTS FOR ()-[r:WITHDRAWS]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX withdraws_date IF NOT EXISTS FOR ()-[r:WITHDRAWS]-() ON (r.date);
CREATE INDEX withdraws_doc_id IF NOT EXISTS FOR ()-[r:WITHDRAWS]-() ON (r.doc_id);
CREATE CONSTRAINT mobilizes_id IF NOT EXISTS FOR ()-[r:MOBILIZES]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX mobilizes_date IF NOT EXISTS FOR ()-[r:MOBILIZES]-() ON (r.date);
CREATE INDEX mobilizes_doc_id IF NOT EXISTS FOR ()-[r:MOBILIZES]-() ON (r.doc_id);
CREATE CONSTRAINT coerces_id IF NOT EXISTS FOR ()-[r:COERCES]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX coerces_date IF NOT EXISTS FOR ()-[r:COERCES]-() ON (r.date);
CREATE INDEX coerces_doc_id IF NOT EXISTS FOR ()-[r:COERCES]-() ON (r.doc_id);

// Offices persons hold (graphkit.model.Role), merged on a key of role and start date.
CREATE INDEX acts_for_role IF NOT EXISTS FOR ()-[r:ACTS_FOR]-() ON (r.role);
