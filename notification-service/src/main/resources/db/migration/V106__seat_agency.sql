-- A roster seat also says whether the member sits for a household (ward-binh-phuoc:2) and whom of the
-- member's agency a serious violation is reported to (ward-binh-phuoc:9.3), as group events tell (issue 23).
alter table directory_seat add column household boolean not null default false;
alter table directory_seat add column agency_contact text;
-- and which regulation a group follows (GroupEstablished, ProfileChanged): routes differ by regulation
alter table directory_group add column profile text;
-- a member whose account was reported hijacked has posting frozen (ioc-dak-lak:4.3.8): screening holds their messages
alter table directory_seat add column posting_frozen boolean not null default false;
