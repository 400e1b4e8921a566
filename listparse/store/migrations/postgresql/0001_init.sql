-- listparse store schema, version 1 (PostgreSQL).
-- lists: one JSON text document per list id; version counts the writes (0: row created to be
--   locked, no document written yet).
-- dedup: the response recorded for each (scope, key) already applied.
-- outbox: messages queued by an update, sent after it has committed.

CREATE TABLE lists (
    list_id    TEXT        NOT NULL PRIMARY KEY,
    doc        TEXT,
    version    BIGINT      NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE dedup (
    scope      TEXT        NOT NULL,
    key        TEXT        NOT NULL,
    response   TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);

CREATE INDEX dedup_created_at ON dedup (created_at);

CREATE TABLE outbox (
    id         BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel    TEXT        NOT NULL,
    recipient  TEXT        NOT NULL,
    body       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts   INTEGER     NOT NULL DEFAULT 0,
    sent_at    TIMESTAMPTZ,
    status     TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent'))
);

CREATE INDEX outbox_pending ON outbox (id) WHERE status = 'pending';
