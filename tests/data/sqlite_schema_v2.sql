-- graphkit's SQLite DDL of schema version 2 (graphkit/stores/sqlite.py before 2026-12-05),
-- frozen so that the tests can make a store as the old code did and check its migration.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE actors (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('state', 'organisation', 'person', 'group', 'agent',
                                           'unresolved', 'other')),
    acts_for TEXT,
    sector   TEXT
);
CREATE TABLE articles (
    id     TEXT PRIMARY KEY,
    title  TEXT NOT NULL DEFAULT '',
    url    TEXT NOT NULL DEFAULT '',
    date   TEXT,
    source TEXT NOT NULL DEFAULT ''
);
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
CREATE INDEX relations_doc ON relations (doc_id, sentence_index);
CREATE INDEX relations_subject ON relations (subject_id);
CREATE INDEX relations_object ON relations (object_id);
CREATE TABLE roles (
    person_id TEXT NOT NULL REFERENCES actors(id),
    acts_for  TEXT NOT NULL,
    role      TEXT NOT NULL,
    title     TEXT NOT NULL DEFAULT '',
    start     TEXT,
    "end"     TEXT
);
CREATE INDEX roles_person ON roles (person_id);
CREATE TABLE unresolved (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    mention    TEXT NOT NULL,
    count      INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (article_id, mention)
) WITHOUT ROWID;
