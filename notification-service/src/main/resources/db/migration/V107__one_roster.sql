-- One roster (issue 25): the seats of eventlog's shared Directory (directory_seat, fed the
-- published group events) are the roster the router and the contacts consult; the service's own
-- copy, written from the same events by JSON path, goes. Seats it learned before directory_seat
-- existed (V104) are carried over first, so none is lost.
insert into directory_seat (group_id, member_id, role)
select group_id, member_id, role from group_member
on conflict (group_id, member_id) do nothing;
drop table group_member;
