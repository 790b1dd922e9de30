-- Units (đơn vị) as their events tell them (issue 21), written in the transaction of the append
-- and rebuildable from the event table: every group belongs to one (group_summary.unit is its id),
-- and the parent chain gives an auditor of a province the units below it.

create table unit (
    unit_id         text primary key,
    name            text not null,
    kind            text not null,
    parent_unit_id  text
);
create index unit_parent_idx on unit (parent_unit_id);
