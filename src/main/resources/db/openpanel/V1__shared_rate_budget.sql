-- One rate-limit budget per root client, shared by every instance on this database (cluster mode).
-- Times are the database's own (clock_timestamp()), so the instances' clocks never matter.

-- One row per root client (API URL and client id). A permit locks it (SELECT ... FOR UPDATE), so the permits of one
-- client are granted one at a time across the cluster; the columns are what the server's answers said.
CREATE TABLE openpanel_rate_budget (
    client_key         text PRIMARY KEY,
    -- a 429 with retry-after: no instance sends before this
    blocked_until      timestamptz,
    -- when the next bulk permit is due on the paced schedule
    bulk_due           timestamptz,
    -- spacing added to the window after 429s that our own sends caused (jitter wider than the margin)
    extra_margin_us    bigint NOT NULL DEFAULT 0,
    widened_at         timestamptz,
    -- others (another tool on the same client id) spend the budget: the server's window as its answers describe it
    server_window_ends timestamptz,
    server_left        integer,
    server_left_after  bigint,
    foreign_requests   integer NOT NULL DEFAULT 0,
    foreign_seen_at    timestamptz
);

-- The shared sliding log: one row per request sent (or about to be), removed again when the server did not count it
-- (a 429, a connection never made). counted_from is when the server may have counted it: its grant, or later when
-- its answer came late.
CREATE TABLE openpanel_rate_sends (
    id           bigserial PRIMARY KEY,
    client_key   text NOT NULL REFERENCES openpanel_rate_budget (client_key) ON DELETE CASCADE,
    instance_id  text NOT NULL,
    priority     text NOT NULL,
    granted_at   timestamptz NOT NULL,
    counted_from timestamptz NOT NULL
);

CREATE INDEX openpanel_rate_sends_window ON openpanel_rate_sends (client_key, counted_from);

-- Microseconds of an interval, for answers the instances compute with (NULL stays NULL).
CREATE FUNCTION openpanel_micros(i interval) RETURNS bigint LANGUAGE sql IMMUTABLE AS
    $$ SELECT (extract(epoch FROM i) * 1000000)::bigint $$;
