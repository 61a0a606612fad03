-- A graphkit store of schema 2 as graphkit wrote it before article ids were keyed on their
-- input (main at 33ae2df), frozen so that tests/test_ids.py can check its migration. Made in a
-- copy of this folder with that graphkit, in this order:
--   graphkit build corpus --db legacy.db; graphkit build corpus/a --db legacy.db
--   graphkit build corpus/b --db legacy.db; graphkit import rels.csv --db legacy.db
-- so it holds the old ids' faults: corpus/b/story.txt twice (as b/story and as story, which
-- replaced corpus/a/story.txt's "story") and the import rows keyed on the file's stem.
BEGIN TRANSACTION;
CREATE TABLE actors (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('state', 'organisation', 'person', 'group', 'agent',
                                           'unresolved', 'other')),
    acts_for TEXT,
    sector   TEXT
);
INSERT INTO "actors" VALUES('FRA','France','state',NULL,NULL);
INSERT INTO "actors" VALUES('DEU','Germany','state',NULL,NULL);
INSERT INTO "actors" VALUES('RUS','Russia','state',NULL,NULL);
INSERT INTO "actors" VALUES('NATO','NATO','organisation',NULL,NULL);
INSERT INTO "actors" VALUES('CHN','China','state',NULL,NULL);
INSERT INTO "actors" VALUES('JPN','Japan','state',NULL,NULL);
INSERT INTO "actors" VALUES('IND','India','state',NULL,NULL);
INSERT INTO "actors" VALUES('PAK','Pakistan','state',NULL,NULL);
INSERT INTO "actors" VALUES('IRN','Iran','state',NULL,NULL);
INSERT INTO "actors" VALUES('ISR','Israel','state',NULL,NULL);
INSERT INTO "actors" VALUES('EGY','Egypt','state',NULL,NULL);
INSERT INTO "actors" VALUES('TUR','Türkiye','state',NULL,NULL);
INSERT INTO "actors" VALUES('BRA','Brazil','state',NULL,NULL);
INSERT INTO "actors" VALUES('CAN','Canada','state',NULL,NULL);
INSERT INTO "actors" VALUES('UKR','Ukraine','state',NULL,NULL);
CREATE TABLE articles (
    id     TEXT PRIMARY KEY,
    title  TEXT NOT NULL DEFAULT '',
    url    TEXT NOT NULL DEFAULT '',
    date   TEXT,
    source TEXT NOT NULL DEFAULT ''
);
INSERT INTO "articles" VALUES('a/story','','',NULL,'');
INSERT INTO "articles" VALUES('b/story','','',NULL,'');
INSERT INTO "articles" VALUES('w1','Talks','https://example.org/w1','2024-03-01','');
INSERT INTO "articles" VALUES('w2','Visit','','2024-03-02','');
INSERT INTO "articles" VALUES('story','','',NULL,'');
INSERT INTO "articles" VALUES('import:rels:2','rels.csv, line 2','','2024-01-02','');
INSERT INTO "articles" VALUES('import:rels:3','rels.csv, line 3','','2024-01-03','');
INSERT INTO "articles" VALUES('import:rels:4','rels.csv, line 4','','2024-01-04','');
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO "meta" VALUES('application','graphkit');
INSERT INTO "meta" VALUES('schema_version','2');
CREATE TABLE relations (
    id               TEXT NOT NULL UNIQUE,
    doc_id           TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_index   INTEGER NOT NULL,
    subject_id       TEXT NOT NULL REFERENCES actors(id),
    relation         TEXT NOT NULL,
    object_id        TEXT NOT NULL REFERENCES actors(id),
    negated          INTEGER NOT NULL CHECK (negated IN (0, 1)),
    modality         TEXT,
    what             TEXT,
    sentence         TEXT NOT NULL,
    start            INTEGER NOT NULL,
    "end"            INTEGER NOT NULL,
    date             TEXT,
    confidence       REAL NOT NULL,
    extractor        TEXT NOT NULL,
    trigger          TEXT NOT NULL,
    subject_mention  TEXT NOT NULL,
    object_mention   TEXT NOT NULL,
    subject_acts_for TEXT,
    object_acts_for  TEXT,
    plover           TEXT
);
INSERT INTO "relations" VALUES('2d50106bc95eeb8f01ab','a/story',0,'FRA','CRITICIZES','DEU',0,NULL,NULL,'France criticized Germany on Tuesday.',0,37,NULL,0.9,'rules','criticized','France','Germany',NULL,NULL,'ACCUSE');
INSERT INTO "relations" VALUES('a0ef7fd5a8022bb58262','a/story',1,'RUS','WARNS','NATO',0,NULL,NULL,'Russia warned NATO on Wednesday.',38,70,NULL,0.9,'rules','warned','Russia','NATO',NULL,NULL,'THREATEN');
INSERT INTO "relations" VALUES('9231270e00840a0c5fb3','b/story',0,'CHN','SANCTIONS','JPN',0,NULL,NULL,'China sanctioned Japan on Monday.',0,33,NULL,0.9,'rules','sanctioned','China','Japan',NULL,NULL,'COERCE');
INSERT INTO "relations" VALUES('591e1b2ac7c186f655a7','b/story',1,'IND','MEETS','PAK',0,NULL,NULL,'India met Pakistan in Delhi on Friday.',34,72,NULL,0.9,'rules','met','India','Pakistan',NULL,NULL,'CONSULT');
INSERT INTO "relations" VALUES('7a34c2ab1c81718229c3','w1',0,'IRN','WARNS','ISR',0,NULL,NULL,'Iran warned Israel on Friday.',0,29,'2024-03-01',0.9,'rules','warned','Iran','Israel',NULL,NULL,'THREATEN');
INSERT INTO "relations" VALUES('836d9403327ee232bf7f','w2',0,'EGY','CRITICIZES','TUR',0,NULL,NULL,'Egypt criticized Turkey on Monday.',0,34,'2024-03-02',0.9,'rules','criticized','Egypt','Turkey',NULL,NULL,'ACCUSE');
INSERT INTO "relations" VALUES('942ab6b878ab982eab44','w2',1,'BRA','MEETS','CAN',0,NULL,NULL,'Brazil met Canada.',35,53,'2024-03-02',0.9,'rules','met','Brazil','Canada',NULL,NULL,'CONSULT');
INSERT INTO "relations" VALUES('4e962dd57b6293e31903','story',0,'CHN','SANCTIONS','JPN',0,NULL,NULL,'China sanctioned Japan on Monday.',0,33,NULL,0.9,'rules','sanctioned','China','Japan',NULL,NULL,'COERCE');
INSERT INTO "relations" VALUES('f49fe3a0fefd2ee8e299','story',1,'IND','MEETS','PAK',0,NULL,NULL,'India met Pakistan in Delhi on Friday.',34,72,NULL,0.9,'rules','met','India','Pakistan',NULL,NULL,'CONSULT');
INSERT INTO "relations" VALUES('ed8db670c43c18450f0f','import:rels:2',0,'RUS','ATTACKS','UKR',0,NULL,NULL,'Russian forces shelled Kharkiv.',0,31,'2024-01-02',1.0,'import','','Russia','Ukraine',NULL,NULL,'ASSAULT');
INSERT INTO "relations" VALUES('0fc6946ea7ab17b00667','import:rels:3',0,'FRA','CRITICIZES','DEU',0,NULL,NULL,'Paris criticised Berlin.',0,24,'2024-01-03',1.0,'import','','France','Germany',NULL,NULL,'ACCUSE');
INSERT INTO "relations" VALUES('d0dfc5f5a874fec19493','import:rels:4',0,'CHN','MEETS','IND',0,NULL,NULL,'Beijing met Delhi.',0,18,'2024-01-04',1.0,'import','','China','India',NULL,NULL,'CONSULT');
CREATE TABLE roles (
    person_id TEXT NOT NULL REFERENCES actors(id),
    acts_for  TEXT NOT NULL,
    role      TEXT NOT NULL,
    title     TEXT NOT NULL DEFAULT '',
    start     TEXT,
    "end"     TEXT
);
CREATE TABLE unresolved (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    mention    TEXT NOT NULL,
    count      INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (article_id, mention)
) WITHOUT ROWID;
CREATE INDEX relations_doc ON relations (doc_id, sentence_index);
CREATE INDEX relations_subject ON relations (subject_id);
CREATE INDEX relations_object ON relations (object_id);
CREATE INDEX roles_person ON roles (person_id);
COMMIT;
