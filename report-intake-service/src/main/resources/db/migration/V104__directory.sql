-- Units, groups, rosters and bots as group events tell them (eventlog's Directory, issue 21):
-- a tip belongs to the unit of the group it came in, and its board is that unit's police group's.
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

-- the unit that received each report (ReportReceived.unit): its queue is that unit's
alter table report_summary add column unit text;
create index report_summary_unit_open_idx on report_summary (unit, deadline)
    where status not in ('REGISTERED', 'RESOLVED', 'TRANSFERRED');

-- a dashboard account belongs to a unit; accounts made before units belong to the deployment's own
alter table dashboard_user add column unit text;
