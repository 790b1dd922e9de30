-- When Zalo answers again after an outage, an OA's waiting actions are made due at once (ActionWorker).
create index outbound_action_oa_waiting on outbound_action (oa_id) where status = 'PENDING';
