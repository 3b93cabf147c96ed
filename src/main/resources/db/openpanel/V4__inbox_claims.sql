-- Claims on the files of the shared drop folders (cluster mode): the instance that imports a file holds its claim and
-- renews it while it works; a claim not renewed for openpanel.cluster.claim-timeout (its owner died) is taken over.
-- Times are the database's own, so the instances' clocks never matter.
CREATE TABLE openpanel_inbox_claims (
    processor_name text NOT NULL,
    -- the file: <kind>/<file name>, the same whatever path the shared volume is mounted at
    message_id     text NOT NULL,
    owner          text NOT NULL,
    renewed_at     timestamptz NOT NULL,
    PRIMARY KEY (processor_name, message_id)
);
