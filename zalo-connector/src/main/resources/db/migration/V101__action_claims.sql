-- An action is claimed (SENDING, claimed_at) and committed before Zalo is called, and its outcome
-- committed after: an instance that dies between the two leaves a claim that another finds and
-- reconciles with the group's conversation before anything is sent again.
alter table outbound_action add column claimed_at timestamptz;
-- a claim found orphaned stays so until its notice is found in the conversation or sent
alter table outbound_action add column orphaned boolean not null default false;
-- what Zalo answered for a done action (the message's id): a notice found in the conversation is
-- this action's only if no other action has it already (two notices can read the same)
alter table outbound_action add column reference text;
create index outbound_action_reference on outbound_action (reference) where reference is not null;
