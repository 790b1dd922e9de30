-- Units, groups, rosters and bots as group events tell them (eventlog's Directory, issue 21), and
-- the group each report came in (ReportReceived): a bot sets a citizen's contact only for a
-- report relayed through one of its own groups (audit F5.3).
create table directory_unit (
    unit_id         text primary key,
    name            text not null,
    kind            text not null,
    parent_unit_id  text
);
create table directory_group (
    group_id  text primary key,
    unit_id   text,
    kind      text
);
create index directory_group_unit on directory_group (unit_id, kind);
create table directory_seat (
    group_id   text not null,
    member_id  text not null,
    role       text not null,
    primary key (group_id, member_id)
);
create index directory_seat_member on directory_seat (member_id);
create table directory_bot (
    group_id  text not null,
    bot_id    text not null,
    primary key (group_id, bot_id)
);
create table report_origin (
    report_id  text primary key,
    group_id   text,
    unit_id    text
);
