-- profile_svc, issue 5: the CRM integration sync (seed 002, SYN-01..13).

-- A field user is a CRM user of one org (SYN-03, SYN-05).
ALTER TABLE users ADD COLUMN org_id CHAR(18) NULL;
ALTER TABLE users ADD KEY users_org (tenant_id, org_id, user_id);

-- Engage side: the sync's settings per org: its schedule and the integration
-- user it signs in with (the password only as a SHA-256 hash).
CREATE TABLE sync_settings (
  tenant_id VARCHAR(64) NOT NULL,
  org_id CHAR(18) NOT NULL,
  interval_minutes INT NOT NULL DEFAULT 60,
  integration_username VARCHAR(128) NOT NULL DEFAULT '',
  integration_secret_hash CHAR(64) NOT NULL DEFAULT '',
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, org_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Engage side: every connection of the tenant as the change feed of
-- connection_svc last said (CON-11), and where the feed was read up to.
CREATE TABLE sync_connection_mirror (
  tenant_id VARCHAR(64) NOT NULL,
  connection_id CHAR(26) NOT NULL,
  field_user_profile_id CHAR(26) NOT NULL,
  hcp_profile_id CHAR(26) NOT NULL,
  active BOOLEAN NOT NULL,
  inactivation_time DATETIME(6) NULL,
  changed_sequence BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, connection_id),
  KEY mirror_changed (tenant_id, changed_sequence),
  KEY mirror_hcp (tenant_id, hcp_profile_id),
  KEY mirror_user (tenant_id, field_user_profile_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE sync_feed_cursor (
  tenant_id VARCHAR(64) NOT NULL,
  last_sequence BIGINT NOT NULL,
  PRIMARY KEY (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The runs of an org's sync (SYN-09, SYN-13). The watermarks of a successful
-- run are where the next incremental run starts from (SYN-02, SYN-12).
CREATE TABLE sync_runs (
  tenant_id VARCHAR(64) NOT NULL,
  org_id CHAR(18) NOT NULL,
  run_id CHAR(26) NOT NULL,
  mode TINYINT NOT NULL,
  run_trigger TINYINT NOT NULL,
  status TINYINT NOT NULL,
  start_time DATETIME(6) NOT NULL,
  end_time DATETIME(6) NULL,
  total_records BIGINT NOT NULL DEFAULT 0,
  done_records BIGINT NOT NULL DEFAULT 0,
  written_records BIGINT NOT NULL DEFAULT 0,
  failed_records BIGINT NOT NULL DEFAULT 0,
  message VARCHAR(1000) NOT NULL DEFAULT '',
  profile_watermark DATETIME(6) NULL,
  feed_watermark BIGINT NULL,
  PRIMARY KEY (tenant_id, org_id, run_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per record per run: the success log and the error log (SYN-09).
CREATE TABLE sync_log (
  tenant_id VARCHAR(64) NOT NULL,
  run_id CHAR(26) NOT NULL,
  is_error BOOLEAN NOT NULL,
  line BIGINT NOT NULL,
  object VARCHAR(40) NOT NULL,
  external_id VARCHAR(64) NOT NULL,
  action VARCHAR(20) NOT NULL,
  message VARCHAR(1000) NOT NULL DEFAULT '',
  PRIMARY KEY (tenant_id, run_id, is_error, line)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Records that failed, for the retry rule (SYN-10).
CREATE TABLE sync_record_failures (
  tenant_id VARCHAR(64) NOT NULL,
  org_id CHAR(18) NOT NULL,
  object VARCHAR(40) NOT NULL,
  external_id VARCHAR(64) NOT NULL,
  consecutive INT NOT NULL,
  last_engage_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, org_id, object, external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- CRM side: each org's integration user as the CRM knows it.
CREATE TABLE crm_integration_users (
  tenant_id VARCHAR(64) NOT NULL,
  org_id CHAR(18) NOT NULL,
  username VARCHAR(128) NOT NULL,
  secret_hash CHAR(64) NOT NULL,
  active BOOLEAN NOT NULL,
  PRIMARY KEY (tenant_id, org_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- CRM side: Engage_Profile_vod records of each org (SYN-04, SYN-06).
CREATE TABLE crm_engage_profiles (
  tenant_id VARCHAR(64) NOT NULL,
  org_id CHAR(18) NOT NULL,
  external_id CHAR(26) NOT NULL,
  record_type VARCHAR(40) NOT NULL,
  account_id VARCHAR(64) NOT NULL DEFAULT '',
  connection_status VARCHAR(20) NOT NULL DEFAULT '',
  connection_status_time DATETIME(6) NULL,
  degree VARCHAR(100) NOT NULL DEFAULT '',
  display_name VARCHAR(200) NOT NULL DEFAULT '',
  signup_time DATETIME(6) NULL,
  first_name VARCHAR(100) NOT NULL DEFAULT '',
  last_name VARCHAR(100) NOT NULL DEFAULT '',
  photo_url VARCHAR(2048) NOT NULL DEFAULT '',
  photo_content_type VARCHAR(64) NOT NULL DEFAULT '',
  title VARCHAR(200) NOT NULL DEFAULT '',
  created_by_sync BOOLEAN NOT NULL,
  last_modified DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, org_id, external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- CRM side: Engage_Connection_vod records of each org (SYN-05).
CREATE TABLE crm_engage_connections (
  tenant_id VARCHAR(64) NOT NULL,
  org_id CHAR(18) NOT NULL,
  external_id CHAR(26) NOT NULL,
  from_user_profile_id CHAR(26) NOT NULL,
  to_profile_id CHAR(26) NOT NULL,
  active BOOLEAN NOT NULL,
  inactivation_time DATETIME(6) NULL,
  created_by_sync BOOLEAN NOT NULL,
  last_modified DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, org_id, external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
