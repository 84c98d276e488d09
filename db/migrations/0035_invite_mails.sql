-- connection_svc: the e-mail of each APPROVED_EMAIL invite (CON-13), an outbox
-- of common/outbox's shape. The row is inserted in the invite's own
-- transaction (a rolled-back invite sends nothing; a crash loses nothing) and
-- holds the message as rendered then, so a template changed later does not
-- change an e-mail already queued. One key per invite (order_key = invite id):
-- e-mails do not wait for each other.
CREATE TABLE invite_mails (
  tenant_id VARCHAR(64) NOT NULL,
  message_id VARCHAR(64) NOT NULL,
  order_key VARCHAR(128) NOT NULL,
  position BIGINT NOT NULL AUTO_INCREMENT,
  state TINYINT NOT NULL DEFAULT 0,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_time DATETIME(6) NOT NULL,
  last_error VARCHAR(1000) NOT NULL DEFAULT '',
  create_time DATETIME(6) NOT NULL,
  done_time DATETIME(6) NULL,
  to_address VARCHAR(254) NOT NULL,
  to_name VARCHAR(800) NOT NULL,
  from_name VARCHAR(800) NOT NULL,
  subject TEXT NOT NULL,
  body MEDIUMTEXT NOT NULL,
  PRIMARY KEY (tenant_id, message_id),
  UNIQUE KEY invite_mails_position (position),
  KEY invite_mails_due (state, tenant_id, next_attempt_time),
  KEY invite_mails_order (tenant_id, order_key, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
