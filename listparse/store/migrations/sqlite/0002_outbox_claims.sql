-- listparse store, SQLite migration 2: outbox messages are claimed before they are sent, so
-- that two sending processes never send one message twice. claimed_until: Unix seconds until
-- which the claim holds (a sender that dies lets it lapse); NULL: not claimed.
ALTER TABLE outbox ADD COLUMN claimed_until REAL;
