-- A long message goes in parts (Zalo takes 2,000 characters): each part waits for the one before it to be
-- done, and one that is not possible makes the rest not possible (the last part's outcome is the answer).
alter table outbound_action add column after_key text;
create index outbound_action_after on outbound_action (after_key) where after_key is not null;
