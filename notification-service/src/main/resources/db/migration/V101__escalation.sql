-- urgent notifications not acknowledged in time go to the next level, once
alter table notification add column escalated_at timestamptz;
create index notification_unacknowledged_idx on notification (created_at)
    where state = 'DELIVERED' and urgency in ('URGENT', 'CRITICAL') and escalated_at is null;
