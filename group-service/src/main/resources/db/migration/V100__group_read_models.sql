-- group-service read models, written in the same transaction as the events they follow
-- (read-your-writes for the API); rebuildable from the event table.

create table group_summary (
    group_id        text        primary key,
    name            text        not null,
    profile         text        not null,
    unit            text,
    kind            text,
    status          text        not null,
    member_count    integer     not null,
    version         bigint      not null,
    established_at  timestamptz not null
);
create index group_summary_profile_idx on group_summary (profile, name);
create index group_summary_unit_idx on group_summary (unit, name);
create index group_summary_status_idx on group_summary (status, name);

-- who sits in which group now: "a member's groups"
create table group_membership (
    group_id   text not null,
    member_id  text not null,
    role       text not null,
    primary key (group_id, member_id)
);
create index group_membership_member_idx on group_membership (member_id);

-- pins and their expiry, swept by the scheduler
create table group_pin (
    pin_id      text        primary key,
    group_id    text        not null,
    message_id  text        not null,
    expires_at  timestamptz not null,
    state       text        not null
);
create index group_pin_due_idx on group_pin (expires_at) where state = 'ACTIVE';
