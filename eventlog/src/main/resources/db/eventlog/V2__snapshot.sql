-- Snapshots: a stream's folded state at a version, so a long stream is not folded from its
-- first event on every command. Only a cache: the event table stays the truth, and a
-- snapshot of another kind (another state shape) is ignored.
create table snapshot (
    stream_id       text        primary key,
    kind            text        not null,
    stream_version  bigint      not null,
    state           bytea       not null,
    taken_at        timestamptz not null
);
