-- A Zalo delivery is handed over to zalo-connector (issue 26) and waits, state HANDED_OVER, for the
-- connector's answer until next_attempt_at (its deadline and a grace); then the next channel takes over.
-- The sweep takes PENDING and HANDED_OVER rows due, oldest first: one index with the same predicate.
drop index if exists delivery_due_idx;
create index delivery_sweep_idx on delivery (next_attempt_at) where state in ('PENDING', 'HANDED_OVER');
