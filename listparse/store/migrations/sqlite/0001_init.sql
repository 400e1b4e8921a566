-- listparse store schema, version 1 (SQLite).
-- lists: one JSON text document per list id; version counts the writes.
-- dedup: the response recorded for each (scope, key) already applied.
-- outbox: messages queued by an update, sent after it has committed.
-- Times are Unix seconds (REAL).

CREATE TABLE lists (
    list_id    TEXT    NOT NULL PRIMARY KEY,
    doc        TEXT,
    version    INTEGER NOT NULL DEFAULT 0,
    updated_at REAL    NOT NULL
);

CREATE TABLE dedup (
    scope      TEXT NOT NULL,
    key        TEXT NOT NULL,
    response   TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;

CREATE INDEX dedup_created_at ON dedup (created_at);

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    channel    TEXT    NOT NULL,
    recipient  TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at REAL    NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    sent_at    REAL,
    status     TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent'))
);

CREATE INDEX outbox_pending ON outbox (id) WHERE status = 'pending';
