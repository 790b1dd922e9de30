-- Residents' feedback in neighbourhood groups (ward-binh-phuoc:5.2) as its events tell it, written in
-- the transaction of the append: what the group's leadership lists, oldest waiting first.

create table feedback (
    feedback_id  text primary key,
    group_id     text not null,
    member_id    text not null,
    text         text not null,
    status       text not null,
    received_at  timestamptz not null
);
create index feedback_group_status_idx on feedback (group_id, status, received_at, feedback_id);
