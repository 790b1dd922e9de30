-- A consumed record that could not be handled even on its own (unreadable, or its handling failed
-- for a reason other than a lost race): kept here with the error and the record itself, and the
-- consumer goes on with the next; an operator reads it, fixes the cause and replays it
-- (docs/operations.md). One row per consumer and record, however often it is redelivered.
-- eventlog's migrations are numbered below the services' (V100 on) and independent of them: a
-- database already past V100 takes this one out of order (quarkus.flyway.out-of-order).
create table parked_record (
    consumer     text        not null,
    topic        text        not null,
    partition    int         not null,
    kafka_offset bigint      not null,
    event_id     text,
    event_type   text,
    error        text        not null,
    record       bytea,
    parked_at    timestamptz not null default now(),
    primary key (consumer, topic, partition, kafka_offset)
);
