-- zalo-connector's own tables (issue 26); eventlog's schema (V1..V99) holds its event streams.

-- Every webhook Zalo sent that was well signed and fresh, stored before Zalo is answered, handled
-- after. event_key: the message's id for messages, the event's content for the rest, per OA: a
-- redelivery (num_retry) or a replay finds its row and changes nothing.
create table inbound_event (
    event_key    text primary key,
    oa_id        text        not null,
    event_name   text        not null,
    body         text        not null,
    num_retry    int         not null default 0,
    received_at  timestamptz not null default now(),
    handled_at   timestamptz,
    outcome      text,
    attempts     int         not null default 0
);
create index inbound_event_pending on inbound_event (received_at) where handled_at is null;

-- Which Zalo group carries which Bình Yên group (GroupBound).
create table binding (
    group_id       text primary key,
    platform       text        not null,
    oa_id          text        not null,
    zalo_group_id  text        not null,
    bound_by       text        not null,
    bound_at       timestamptz not null default now(),
    unique (oa_id, zalo_group_id)
);

-- The roster as group events tell it, with what maps a Zalo account to a member: the account the
-- roster names (Member.zaloId) and the full name.
create table roster_member (
    group_id   text not null,
    member_id  text not null,
    full_name  text,
    zalo_id    text,
    phone      text,
    primary key (group_id, member_id)
);
create index roster_member_zalo on roster_member (group_id, zalo_id);

-- Zalo accounts seen in a bound group (ids are scoped to the OA), and the member each is, if known.
create table zalo_member (
    oa_id          text not null,
    zalo_group_id  text not null,
    zalo_user_id   text not null,
    name           text,
    member_id      text,
    mapped_by      text,
    unknown_told   boolean not null default false,
    primary key (oa_id, zalo_group_id, zalo_user_id)
);

-- Where each screened message came from in Zalo, so its verdict goes back to the right group and
-- names the right person.
create table message_origin (
    group_id       text not null,
    message_id     text not null,
    oa_id          text not null,
    zalo_group_id  text not null,
    zalo_user_id   text not null,
    member_id      text,
    name           text,
    received_at    timestamptz not null default now(),
    primary key (group_id, message_id)
);

-- Effects to carry out on the platform, one row per (decision, effect): PENDING until done (DONE)
-- or impossible (IMPOSSIBLE); next_at is when it is tried next (backing off on rate limits and outages).
create table outbound_action (
    action_key     text primary key,
    group_id       text        not null,
    oa_id          text        not null,
    zalo_group_id  text        not null,
    effect         text        not null,
    call           text        not null,
    body           text        not null,
    status         text        not null default 'PENDING',
    attempts       int         not null default 0,
    next_at        timestamptz not null default now(),
    last_error     text,
    created_at     timestamptz not null default now(),
    done_at        timestamptz
);
create index outbound_action_due on outbound_action (next_at) where status = 'PENDING';

-- Each OA's tokens: the access token (25 hours) and the single-use refresh token that replaces
-- both. One row per OA, updated under its row lock, so two instances never spend the same refresh token.
create table oa_token (
    oa_id          text primary key,
    access_token   text        not null,
    refresh_token  text        not null,
    expires_at     timestamptz not null,
    refreshed_at   timestamptz,
    refreshes      int         not null default 0
);

-- Where this service stands in each partition it consumes (group events, verdicts).
create table consumed_offset (
    topic       text   not null,
    partition   int    not null,
    next_offset bigint not null,
    primary key (topic, partition)
);
