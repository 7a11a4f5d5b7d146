-- The notification table is a queue: every row is inserted, then deleted once its client confirms
-- it. With PostgreSQL's default autovacuum settings (vacuum when 20% of the table is dead, throttled,
-- looked at once a minute) the dead rows outran the vacuum: in a 60 s fan-out run on this machine
-- (10,000 channels) the table grew to 670-860 MB for 10,000-120,000 live rows, and every insert and
-- confirmation walked pages and index entries of dead rows. Vacuumed after every 20,000 dead rows,
-- unthrottled (and, with the embedded server, looked at every second: autovacuum_naptime), the same
-- run kept it at 42-45 MB and the fan-out finished in 290-310 ms instead of 460 ms.
-- [jooq ignore start] (storage parameters mean nothing to the code generator)
ALTER TABLE notification SET (
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 20000,
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 20000,
    autovacuum_vacuum_cost_delay = 0
);
-- [jooq ignore stop]
