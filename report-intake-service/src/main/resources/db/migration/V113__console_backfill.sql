-- The queue's cards for reports received before V109: their summary and place (ciphertext, as in
-- the events), incident time and missing fields from the latest receipt or completion, their
-- category from the classification, their handler from the latest taking. Rows V109 onwards
-- fill as they go are left as they are.
update report_summary s set
    summary = coalesce(nullif(x.payload->'details'->>'summary', ''), x.payload->>'content'),
    place = x.payload->'details'->>'place',
    incident_at = case when x.payload->'details'->>'incidentAt' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T'
                       then (x.payload->'details'->>'incidentAt')::timestamptz end,
    missing_fields = coalesce(array(select jsonb_array_elements_text(
                       case when jsonb_typeof(x.payload->'missing') = 'array' then x.payload->'missing'
                            else '[]'::jsonb end)), '{}')
from (select distinct on (stream_id) stream_id, payload from event
      where event_type in ('ReportReceived', 'ReportCompleted') order by stream_id, position desc) x
where x.stream_id = s.report_id and s.summary is null and s.place is null and s.incident_at is null;

update report_summary s set category = x.payload->>'category'
from (select distinct on (stream_id) stream_id, payload from event where event_type = 'ReportClassified'
      order by stream_id, position desc) x
where x.stream_id = s.report_id and s.category is null;
