-- SEC-12: the audit trail, apart from the data it is about. Every read of an
-- HCP's contact data and every change to a connection, by any service. Rows
-- are only ever inserted; event_id is time-ordered, so a page is a range.
CREATE TABLE audit_events (
  tenant_id VARCHAR(64) NOT NULL,
  event_id CHAR(26) NOT NULL,
  event_time DATETIME(6) NOT NULL,
  actor_subject VARCHAR(128) NOT NULL,
  actor_role TINYINT NOT NULL,
  method VARCHAR(200) NOT NULL,
  action VARCHAR(40) NOT NULL,
  object_type VARCHAR(40) NOT NULL,
  object_id VARCHAR(64) NOT NULL,
  -- The same act repeated within one write (200 ms) is one row: how many
  -- times, and when the last of them was.
  repeat_count INT NOT NULL DEFAULT 1,
  last_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, event_id),
  KEY audit_events_object (tenant_id, object_id, event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
