-- eventlog schema: shipped with the eventlog library and run by every service's Flyway
-- (locations db/eventlog + db/migration). eventlog owns versions V1..V99; services start at V100.

-- The append-only event table is also the outbox the relay publishes from.
create table event (
    position            bigint generated always as identity primary key,
    event_id            uuid        not null,
    stream_type         text        not null,
    stream_id           text        not null,
    stream_version      bigint      not null,
    event_type          text        not null,
    schema_version      integer     not null,
    occurred_at         timestamptz not null,
    recorded_at         timestamptz not null,
    actor_id            text        not null,
    actor_role          text        not null,
    actor_on_behalf_of  text,
    correlation_id      text        not null,
    causation_id        text,
    payload             jsonb       not null,
    prev_hash           char(64)    not null,
    hash                char(64)    not null,
    -- the writing transaction: the relay reads in (tx_id, position) order, and only
    -- rows whose transaction is older than the oldest one still running
    tx_id               xid8        not null default pg_current_xact_id(),
    constraint event_id_uk unique (event_id),
    constraint event_stream_version_uk unique (stream_id, stream_version),
    constraint event_stream_version_positive check (stream_version > 0),
    constraint event_schema_version_positive check (schema_version > 0)
);

create index event_commit_order_idx on event (tx_id, position);
create index event_type_idx on event (event_type);

-- Append-only: rows are never updated or deleted by the application. Changing one takes
-- an owner's deliberate ALTER TABLE ... DISABLE TRIGGER, and the hash chain shows it.
create function event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'event is append-only: % refused', tg_op using errcode = 'P0001';
end $$;

create trigger event_append_only before update or delete on event
    for each row execute function event_append_only();

-- Where each relay (one active per database) stands: the last published row in commit
-- order, and the ledger digest folded over everything it has published.
create table relay_checkpoint (
    relay          text        primary key,
    tx_id          xid8        not null,
    position       bigint      not null,
    ledger_count   bigint      not null,
    ledger_digest  char(64)    not null,
    updated_at     timestamptz not null
);

-- Consumers record each event they applied, in the same transaction as the effect.
create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    received_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
