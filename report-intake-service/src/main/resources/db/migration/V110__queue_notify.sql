-- Open dashboards are told at once that the queue may have changed (issue 24): every statement
-- that appends to this service's event log notifies 'binhyen_report_events' when it commits
-- (PostgreSQL delivers a notification only then, and folds repeats within a transaction), and
-- every instance LISTENs on it (QueueChanges), whichever instance wrote.
create or replace function binhyen_report_events_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('binhyen_report_events', '');
    return null;
end
$$;
create trigger event_appended_notify after insert on event
    for each statement execute function binhyen_report_events_notify();
