-- connection_svc: invites, automatic-connection sources, the post-processing
-- job's state and the change feed (CON-01..11).

-- How a connection was first made (1 invite, 2 meeting, 3 remote CLM view,
-- 4 meeting request); kept for reporting, never changes.
ALTER TABLE connections ADD COLUMN origin TINYINT NOT NULL DEFAULT 0;

-- Invites (CON-01..05). Only the SHA-256 of the token is kept. state: 1
-- pending, 2 accepted, 3 declined, 4 revoked. link_state for CON-05: 0 nothing
-- to link, 1 link pending (retried by the post-processing job), 2 linked.
CREATE TABLE invites (
  tenant_id VARCHAR(64) NOT NULL,
  invite_id CHAR(26) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  channel TINYINT NOT NULL,
  inviter_profile_id CHAR(26) NOT NULL,
  inviter_subject VARCHAR(128) NOT NULL,
  recipient_email VARCHAR(254) NOT NULL DEFAULT '',
  org_id VARCHAR(18) NOT NULL DEFAULT '',
  account_id VARCHAR(64) NOT NULL DEFAULT '',
  state TINYINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  expire_time DATETIME(6) NOT NULL,
  state_time DATETIME(6) NOT NULL,
  hcp_profile_id CHAR(26) NULL,
  connection_id CHAR(26) NULL,
  link_state TINYINT NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, invite_id),
  UNIQUE KEY invites_token (tenant_id, token_hash),
  KEY invites_link_pending (tenant_id, link_state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What may turn into an automatic connection (CON-06, CON-07). kind: 1 meeting
-- attendance, 3 remote CLM view. A participant is a signed-in HCP profile or,
-- when not signed in, a lower-case email (hcp_profile_id empty) resolved at
-- sign-up. state: 1 pending, 2 connected.
CREATE TABLE interactions (
  tenant_id VARCHAR(64) NOT NULL,
  interaction_id CHAR(26) NOT NULL,
  kind TINYINT NOT NULL,
  source_id VARCHAR(64) NOT NULL,
  host_profile_id CHAR(26) NOT NULL,
  hcp_profile_id CHAR(26) NOT NULL DEFAULT '',
  email VARCHAR(254) NOT NULL DEFAULT '',
  state TINYINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  done_time DATETIME(6) NULL,
  connection_id CHAR(26) NULL,
  PRIMARY KEY (tenant_id, interaction_id),
  UNIQUE KEY interactions_once (tenant_id, kind, source_id, host_profile_id, hcp_profile_id, email),
  KEY interactions_pending (tenant_id, state, email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The post-processing job of one tenant (CON-08): one row, visible to every
-- replica and service. state: 1 idle, 2 running (until lease_until, so a
-- crashed runner does not block the CRM sync forever). signup_cursor is the
-- last profile_svc sign-up already matched against pending interactions.
CREATE TABLE post_processing (
  tenant_id VARCHAR(64) NOT NULL,
  state TINYINT NOT NULL,
  lease_until DATETIME(6) NULL,
  last_start_time DATETIME(6) NULL,
  last_end_time DATETIME(6) NULL,
  signup_cursor VARCHAR(128) NOT NULL DEFAULT '',
  PRIMARY KEY (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The change feed (CON-11). The counter row is locked and incremented in the
-- transaction of the change, so sequences follow commit order without gaps.
CREATE TABLE connection_feed_counters (
  tenant_id VARCHAR(64) NOT NULL,
  last_sequence BIGINT NOT NULL,
  PRIMARY KEY (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- kind: 1 created, 2 deactivated, 3 reactivated.
CREATE TABLE connection_changes (
  tenant_id VARCHAR(64) NOT NULL,
  sequence BIGINT NOT NULL,
  kind TINYINT NOT NULL,
  connection_id CHAR(26) NOT NULL,
  field_user_profile_id CHAR(26) NOT NULL,
  hcp_profile_id CHAR(26) NOT NULL,
  change_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
