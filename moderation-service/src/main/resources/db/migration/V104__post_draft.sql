-- The police group's posts (police-song-tri:13.2) as a list for their board (issue 24's boards'
-- console): one row per post, its stage after its latest event, written with each step
-- (PostingService). The rows of posts already there are filled from their events.
create table post_draft (
    post_id    text        primary key,
    group_id   text        not null,
    author_id  text        not null,
    stage      text        not null,
    text       text        not null,
    source     text,
    version    bigint      not null,
    updated_at timestamptz not null
);
create index post_draft_group_stage on post_draft (group_id, stage, updated_at desc);

insert into post_draft (post_id, group_id, author_id, stage, text, source, version, updated_at)
select s.stream_id, s.payload ->> 'groupId', s.payload ->> 'authorId',
       case l.event_type when 'PostSubmitted' then 'SUBMITTED' when 'PostRevised' then 'SUBMITTED'
            when 'PostReturned' then 'RETURNED' when 'PostVerified' then 'VERIFIED'
            when 'PostApproved' then 'APPROVED' else 'PUBLISHED' end,
       coalesce((select t.payload ->> 'finalText' from event t where t.stream_id = s.stream_id
                 and t.event_type = 'PostApproved' and t.payload ->> 'finalText' is not null
                 order by t.stream_version desc limit 1),
                (select t.payload ->> 'text' from event t where t.stream_id = s.stream_id
                 and t.event_type in ('PostSubmitted', 'PostRevised') order by t.stream_version desc limit 1)),
       (select t.payload ->> 'source' from event t where t.stream_id = s.stream_id
        and t.event_type in ('PostSubmitted', 'PostRevised') order by t.stream_version desc limit 1),
       l.stream_version, l.recorded_at
from event s
join lateral (select e.event_type, e.stream_version, e.recorded_at from event e where e.stream_id = s.stream_id
              order by e.stream_version desc limit 1) l on true
where s.event_type = 'PostSubmitted' and s.stream_version = 1
on conflict (post_id) do nothing;
