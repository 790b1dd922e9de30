-- Each unit keeps its own duty roster (issue 21; police-song-tri:15.2 is a ward police's rule for its
-- own officers): the days set before belong to this deployment's unit (binhyen.dashboard.unit).
alter table duty_roster add column unit text;
update duty_roster set unit = '${deployment_unit}';
alter table duty_roster alter column unit set not null;
alter table duty_roster drop constraint duty_roster_pkey;
alter table duty_roster add primary key (unit, duty_date, officer_id);
