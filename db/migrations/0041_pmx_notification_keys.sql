-- promomats_svc, issue 18 / PMX-13: a delivery's notifications are idempotent
-- by delivery. The dispatcher (on common/outbox) writes a notification after
-- the target applied the change and before the outbox records the attempt; a
-- crash in between delivers the change again, and its notification must not
-- be written twice. `delivery_key` is "<delivery message id>.<done|failed|
-- given-up>": one notification of each per delivery. NULL for rows older than
-- this (a unique key allows many NULLs).
ALTER TABLE pmx_notifications
  ADD COLUMN delivery_key VARCHAR(96) NULL,
  ADD UNIQUE KEY pmx_notifications_delivery (tenant_id, delivery_key);
