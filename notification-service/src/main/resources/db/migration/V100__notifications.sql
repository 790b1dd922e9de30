-- notification-service read models.

-- who sits in which group with which role, from group events (recipients by group role)
create table group_member (
    group_id   text not null,
    member_id  text not null,
    role       text not null,
    primary key (group_id, member_id)
);

-- every notification decided, once per (source event, recipient, channel): a replayed event
-- finds its row and sends nothing
create table notification (
    notification_id  text        primary key,
    source_event_id  uuid        not null,
    recipient        text        not null,
    channel          text        not null,
    kind             text        not null,
    urgency          text        not null,
    citation         text,
    text             text        not null,
    state            text        not null,   -- DELIVERED, ACKNOWLEDGED
    created_at       timestamptz not null,
    acknowledged_at  timestamptz,
    constraint notification_once unique (source_event_id, recipient, channel)
);
create index notification_feed_idx on notification (recipient, created_at desc);
