-- Zalo's limit is per OA, not per instance (issue 26): each call's slot is taken from this row, so all
-- instances together make at most binhyen.connector.zalo.calls-per-second calls a second per OA.
create table oa_pace (
    oa_id      text primary key,
    next_slot  timestamptz not null
);
