-- Directives awaiting their overdue reminder (swept like pins), and the violations
-- moderation-service reported in each group (for the periodic activity report).

create table group_directive (
    directive_id     text        primary key,
    group_id         text        not null,
    acknowledge_by   timestamptz not null,
    reminder_state   text        not null  -- WAITING, RAISED, CLOSED
);
create index group_directive_due_idx on group_directive (acknowledge_by) where reminder_state = 'WAITING';

create table group_violation (
    violation_id  text        primary key,
    group_id      text        not null,
    member_id     text        not null,
    category      text        not null,
    citation      text        not null,
    recorded_at   timestamptz not null
);
create index group_violation_group_idx on group_violation (group_id, recorded_at);
