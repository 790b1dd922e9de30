-- notification-service's Zalo deliveries are carried out here too (issue 26): a message to a person has
-- no group, one to an unbound Zalo group no Bình Yên group; and each has a deadline, after which it is
-- not sent (notification-service's next channel takes over).
alter table outbound_action alter column group_id drop not null;
alter table outbound_action alter column zalo_group_id drop not null;
alter table outbound_action add column not_after timestamptz;
