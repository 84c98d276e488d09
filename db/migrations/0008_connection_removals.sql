-- connection_svc: profiles removed in profile_svc (PRF-11 deleted, PRF-12
-- merged away), read from profile_svc's removals feed by the post-processing
-- job. A removed profile's connections are deactivated and it connects no
-- more: every connect checks this table in its own transaction.
CREATE TABLE removed_profiles (
  tenant_id VARCHAR(64) NOT NULL,
  profile_id CHAR(26) NOT NULL,
  merged_into_profile_id CHAR(26) NOT NULL DEFAULT '',
  removal_time DATETIME(6) NOT NULL,
  apply_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, profile_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The last removal of profile_svc's feed already applied (a decimal
-- sequence; empty: none yet). Saved in the transaction that applies the
-- removal, so a run resumes after it: nothing missed, nothing twice.
ALTER TABLE post_processing ADD COLUMN removal_cursor VARCHAR(128) NOT NULL DEFAULT '';
