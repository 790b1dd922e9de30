-- The Directory's tables (units, groups, roster seats, bots as group-service's events tell them,
-- issue 21) in their present shape, for a service that starts with them: it adds db/directory to
-- quarkus.flyway.locations. The older services built the same tables in their own migrations.
create table directory_unit (
    unit_id         text primary key,
    name            text not null,
    kind            text not null,
    parent_unit_id  text
);
create table directory_group (
    group_id  text primary key,
    unit_id   text,
    kind      text,
    profile   text
);
create index directory_group_unit on directory_group (unit_id, kind);
create table directory_seat (
    group_id        text not null,
    member_id       text not null,
    role            text not null,
    household       boolean not null default false,
    agency_contact  text,
    posting_frozen  boolean not null default false,
    primary key (group_id, member_id)
);
create index directory_seat_member on directory_seat (member_id);
create table directory_bot (
    group_id  text not null,
    bot_id    text not null,
    primary key (group_id, bot_id)
);
