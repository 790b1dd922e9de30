-- The unit an event belongs to (issue 21), kept with each notification made of it: an escalation
-- goes to the commanders of that unit (role:COMMANDER@<unit>), not to every unit's.
alter table notification add column unit text;
