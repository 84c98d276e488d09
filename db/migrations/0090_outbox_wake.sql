-- Issue 20: the outbox dispatchers of every replica ask every 50 ms whether
-- anything is due (common/outbox, Store::AnyDue): pending, due now, in any
-- tenant. This index makes that one short range whatever the tenants and
-- however many messages wait for a retry or are leased to a replica.
ALTER TABLE pmx_deliveries ADD KEY pmx_deliveries_wake (status, next_attempt_time);
ALTER TABLE profile_data_outbox ADD KEY profile_data_outbox_wake (state, next_attempt_time);
ALTER TABLE invite_mails ADD KEY invite_mails_wake (state, next_attempt_time);
