-- Where this service stands in each partition it consumes, advanced in the same transaction as
-- the routing: a consumer that re-reads a topic (offsets reset, a new consumer group) skips what
-- it handled without touching anything else. Records past it are still checked by event id.
create table consumed_offset (
    topic       text   not null,
    partition   int    not null,
    next_offset bigint not null,
    primary key (topic, partition)
);

-- a record that could not be handled even on its own: kept with the error, the consumer goes on
create table consume_failure (
    topic       text        not null,
    partition   int         not null,
    kafka_offset bigint     not null,
    event_id    text,
    error       text        not null,
    failed_at   timestamptz not null default now(),
    primary key (topic, partition, kafka_offset)
);
