-- The officers' console (issue 24): what the queue shows of each tip without opening it.
-- place and summary are ciphertext under the reporter's key, as in the events (shredding reaches
-- them); the page opens only the rows it shows, with the keys read in one query.
alter table report_summary add column incident_at timestamptz;
alter table report_summary add column place text;
alter table report_summary add column summary text;
alter table report_summary add column missing_fields text[] not null default '{}';
alter table report_summary add column category text;
-- who took it in hand ("nhận xử lý", ReportTaken)
alter table report_summary add column handler text;
create index report_summary_handler_idx on report_summary (handler)
    where status not in ('RESOLVED', 'TRANSFERRED');
-- the queue as the console reads it: everything not resolved or transferred, by unit and time left
create index report_summary_console_idx on report_summary (unit, deadline)
    where status not in ('RESOLVED', 'TRANSFERRED');
