-- report-intake-service read models, the deadline table and the crime-source register.

-- the duty officers' queue
create table report_summary (
    report_id    text        primary key,
    type         text        not null,
    status       text        not null,
    channel      text,
    group_id     text,
    received_at  timestamptz not null,
    deadline     timestamptz not null,
    emergency    text        not null,
    missing      integer     not null,
    version      bigint      not null
);
create index report_summary_open_idx on report_summary (deadline)
    where status not in ('REGISTERED', 'RESOLVED', 'TRANSFERRED');

-- what falls due, swept with FOR UPDATE SKIP LOCKED: warnings at 12/4/1 h, the breach at 24 h,
-- emergency re-escalations every 5 minutes; each row done exactly once
create table report_deadline (
    report_id  text        not null,
    kind       text        not null,
    due_at     timestamptz not null,
    done       boolean     not null default false,
    primary key (report_id, kind)
);
create index report_deadline_due_idx on report_deadline (due_at) where not done;

-- the crime-source register (form no. 294, Circular 119/2021/TT-BCA): gapless numbers per
-- unit and year, drawn in the registering transaction
create table register_counter (
    unit   text    not null,
    year   integer not null,
    last   bigint  not null,
    primary key (unit, year)
);
create table crime_register (
    unit               text        not null,
    year               integer     not null,
    number             bigint      not null,
    report_id          text        not null unique,
    received_at        timestamptz not null,
    source_type        text        not null,
    reporter           text        not null,
    summary            text        not null,
    receiving_officer  text        not null,
    registered_by      text        not null,
    registered_at      timestamptz not null,
    handling           text,
    result             text,
    primary key (unit, year, number)
);
