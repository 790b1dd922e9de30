-- External delivery: contacts, the persistent delivery queue, digests and the feed's order.

-- how to reach a recipient outside the app: addresses per channel and the preferred order
-- (the fallback chain); member addresses (Zalo id, phone) also come from group events
create table contact (
    recipient      text primary key,          -- member:<id>, role:<ROLE>, citizen:<reportId>, group:<id>
    zalo_user_id   text,
    zalo_group_id  text,
    phone          text,
    email          text,
    preferred      text[],                    -- e.g. {ZALO,SMS}; null: the configured default chain
    quiet_from     time,                      -- local time (Asia/Ho_Chi_Minh) when non-critical sends wait
    quiet_to       time,
    updated_at     timestamptz not null
);

-- one row per (source event, recipient, channel): a replayed event finds its row and sends nothing
create table delivery (
    delivery_id      text        primary key,
    notification_id  text        not null,
    source_event_id  uuid        not null,
    recipient        text        not null,
    channel          text        not null,
    address          text        not null,
    correlation_id   text,
    chain            text[]      not null,    -- the remaining fallback channels after this one
    urgency          text        not null,
    subject          text        not null,
    text             text        not null,
    attempt          int         not null default 0,
    state            text        not null,    -- PENDING, DELIVERED, FAILED_OVER, DEAD
    next_attempt_at  timestamptz not null,
    last_error       text,
    updated_at       timestamptz not null,
    constraint delivery_once unique (source_event_id, recipient, channel)
);
create index delivery_due_idx on delivery (next_attempt_at) where state = 'PENDING';

-- non-urgent notifications waiting for the recipient's next digest
create table digest_item (
    notification_id  text        primary key,
    recipient        text        not null,
    text             text        not null,
    created_at       timestamptz not null,
    digest_id        text
);
create index digest_pending_idx on digest_item (recipient, created_at) where digest_id is null;

-- the feed's order for the live stream (SSE): every instance follows new rows by seq
alter table notification add column seq bigserial;
create index notification_seq_idx on notification (seq);
alter table notification add column reason text;
