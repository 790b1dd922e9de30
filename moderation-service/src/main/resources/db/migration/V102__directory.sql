-- Units, groups, rosters and bots as group events tell them (eventlog's Directory, issue 21);
-- the management boards known so far move over from group_board.
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
insert into directory_seat (group_id, member_id, role) select group_id, member_id, role from group_board;
drop table group_board;
