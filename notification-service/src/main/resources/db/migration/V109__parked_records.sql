-- The records this service could not handle are parked where every service parks them now
-- (eventlog's parked_record, V3); those kept before in consume_failure move there, without their
-- bytes (consume_failure never kept them).
insert into parked_record (consumer, topic, partition, kafka_offset, event_id, error, parked_at)
select 'notification-service:events', topic, partition, kafka_offset, event_id, error, failed_at
from consume_failure
on conflict do nothing;

drop table consume_failure;
