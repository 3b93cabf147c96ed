-- The jobs' journals in cluster mode (imports, deployment events, rotations): what one machine keeps as JSON-lines
-- files under data/state/, kept here so that every instance sees the same record of work done and in progress. A
-- journal is named by its path under the data directory (state/<api>/imports/projects-<digest>.jsonl); the instance
-- that has it open holds a session advisory lock on the name, which the database releases when that session ends,
-- however the instance stops. Lines never carry a secret.
CREATE TABLE openpanel_journals (
    journal    text PRIMARY KEY,
    -- the path of the folder it is in, for listing (state/<api>/rotations)
    folder     text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX openpanel_journals_folder ON openpanel_journals (folder, journal);

CREATE TABLE openpanel_journal_lines (
    journal text NOT NULL REFERENCES openpanel_journals (journal) ON DELETE CASCADE,
    seq     bigserial,
    -- the line's "t" field, so finished journals are found without parsing
    type    text NOT NULL,
    line    text NOT NULL,
    PRIMARY KEY (journal, seq)
);
