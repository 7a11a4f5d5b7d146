-- A channel's row is written far more often than it is created: its last_seq with every batch of
-- confirmations, its lifetime with every PUT, connAck and (batched) long poll. PostgreSQL writes such
-- an update in place, a HOT update that touches no index, only when no indexed column changes and
-- the row's page has room for the new version. Before this migration every lifetime reset wrote a
-- new entry into each of the table's eight indexes, because expires_at was indexed: measured with
-- 10,000 long-poll channels, the lifetime batches were 16-19 of PostgreSQL's 58-61 ms per 1,000
-- notifications. With this migration (another VM, same load) 96% of the table's updates are written
-- in place instead of 77%, and PostgreSQL's share per 1,000 fell from 36.7-37.8 to 31.5-31.6 ms.

-- The expiry sweep finds expired rows without an index: a sequential scan of the table every
-- --expiry-sweep-interval (10 s), about 5.5 MB at 10,000 channels. Every other read that tests
-- expires_at finds its row by another index first.
DROP INDEX channel_expires_idx;

-- Capabilities are looked up by their SHA-256 (V4), whose unique keys stand for these: the tokens'
-- own unique indexes were no longer read, only written.
ALTER TABLE channel DROP CONSTRAINT channel_callback_token_key;
ALTER TABLE channel DROP CONSTRAINT channel_channel_token_key;

-- [jooq ignore start] (storage parameters mean nothing to the code generator)
-- Room on each page for the next versions of its rows (a row is about 320 bytes, 20-odd to a page).
ALTER TABLE channel SET (fillfactor = 80);
-- [jooq ignore stop]
