-- Issue 17: one outbox dispatcher (common/outbox). Every outbox table has the
-- shared shape of common/outbox/mysql_outbox_store.h: an id unique per tenant,
-- an order key and a position within it, a state (0 pending, 1 sent, 2
-- failed: given up), failed attempts, when to try next, the last error, and
-- when it was sent or given up. The two outboxes older than the shape get the
-- columns they lack.

-- PromoMats deliveries: one message per (change, target vault), delivered in
-- order per (document, target vault) by seq; status and deliver_time are the
-- shape's state and done time.
ALTER TABLE pmx_deliveries
  ADD COLUMN message_id VARCHAR(64) NOT NULL DEFAULT '',
  ADD COLUMN order_key VARCHAR(128) NOT NULL DEFAULT '';
UPDATE pmx_deliveries SET message_id = CONCAT(change_id, '.', target_vault_id),
  order_key = CONCAT(document_id, '.', target_vault_id);
ALTER TABLE pmx_deliveries
  ADD UNIQUE KEY pmx_deliveries_message (tenant_id, message_id),
  ADD KEY pmx_deliveries_key (tenant_id, order_key, seq);

-- CAT-08: profile-data events, delivered to the company's engagement system in
-- order per profile (the key is profile_id, the position numbers inserts).
-- sent_time stays NULL until the event is sent: "undelivered" is
-- sent_time IS NULL (pending or failed), as before.
ALTER TABLE profile_data_outbox
  ADD COLUMN position BIGINT NOT NULL AUTO_INCREMENT,
  ADD UNIQUE KEY profile_data_outbox_position (position),
  ADD COLUMN state TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN attempts INT NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_time DATETIME(6) NOT NULL DEFAULT '1970-01-01 00:00:01',
  ADD COLUMN last_error VARCHAR(1000) NOT NULL DEFAULT '',
  ADD KEY profile_data_outbox_due (state, tenant_id, next_attempt_time),
  ADD KEY profile_data_outbox_order (tenant_id, profile_id, position);
UPDATE profile_data_outbox SET state = 1 WHERE sent_time IS NOT NULL;
