-- Report keys are kept only wrapped under a master key outside the database (issue 21, audit F8):
-- the service wraps the keys stored before this at its next start and clears them; a shredded
-- report keeps a tombstone (no key), so nothing more is sealed for it and every read says so.
alter table reporter_key add column wrapped_key bytea;
alter table reporter_key add column shredded_at timestamptz;
alter table reporter_key alter column key drop not null;
delete from reporter_key where key is null and wrapped_key is null and shredded_at is null;
