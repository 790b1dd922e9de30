-- moderation-service read models and idempotency records; the events stay the truth.

-- each group's regulation profile, learned from binhyen.group.events
create table group_profile (
    group_id    text        primary key,
    profile     text        not null,
    version     integer     not null,
    updated_at  timestamptz not null
);

-- screenings with an effect (FLAG, HOLD, REMOVE), by (group, message): a repeated request gets
-- the same answer, and the same message id with other content is refused
create table screening (
    group_id      text        not null,
    message_id    text        not null,
    request_hash  char(64)    not null,
    result        jsonb       not null,
    screened_at   timestamptz not null,
    primary key (group_id, message_id)
);

-- the violation ledger, per member, per group and across groups
create table violation (
    violation_id  text        primary key,
    group_id      text        not null,
    member_id     text        not null,
    message_id    text        not null,
    rule_id       text        not null,
    category      text        not null,
    citation      text        not null,
    decision      text        not null,
    at            timestamptz not null
);
create index violation_member_idx on violation (member_id, at);
create index violation_group_idx on violation (group_id, at);

-- FLAG and HOLD items awaiting the group's admins
create table review (
    review_id    text        primary key,
    group_id     text        not null,
    message_id   text        not null,
    member_id    text        not null,
    decision     text        not null,
    rule_ids     text[]      not null,
    state        text        not null,   -- OPEN, CONFIRMED, OVERTURNED
    queued_at    timestamptz not null,
    resolved_at  timestamptz
);
create index review_open_idx on review (group_id, queued_at) where state = 'OPEN';
