-- A Zalo delivery is handed over to zalo-connector (issue 26) and waits, state HANDED_OVER, for the
-- connector's answer until next_attempt_at (its deadline and a grace); then the next channel takes over.
create index delivery_waiting_idx on delivery (next_attempt_at) where state = 'HANDED_OVER';
