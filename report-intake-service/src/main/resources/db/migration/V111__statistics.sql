-- The console's statistics (issue 24): when each report was classified, registered and closed
-- (resolved or transferred), and by whom; filled from the events for reports already there.
alter table report_summary add column classified_at timestamptz;
alter table report_summary add column classified_by text;
alter table report_summary add column registered_at timestamptz;
alter table report_summary add column registered_by text;
alter table report_summary add column closed_at timestamptz;

update report_summary s set classified_at = e.occurred_at, classified_by = e.payload->>'classifiedBy'
    from event e where e.stream_id = s.report_id and e.event_type = 'ReportClassified';
update report_summary s set registered_at = e.occurred_at, registered_by = e.payload->>'registeredBy'
    from event e where e.stream_id = s.report_id and e.event_type = 'ReportRegistered';
update report_summary s set closed_at = e.occurred_at
    from event e where e.stream_id = s.report_id and e.event_type in ('ReportResolved', 'ReportTransferred');

create index report_summary_received_idx on report_summary (unit, received_at);
