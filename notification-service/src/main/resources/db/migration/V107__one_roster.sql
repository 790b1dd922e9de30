-- One roster (issue 25): the seats of eventlog's shared Directory (directory_seat, fed the
-- published group events) are the roster the router and the contacts consult; the service's own
-- copy, written from the same events by JSON path, goes.
drop table group_member;
