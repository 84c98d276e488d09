-- profile_svc, issue 3: CRM orgs, HCP profiles and their sign-up feed,
-- account links and merge history, branding, groups, profile categories.
-- Every primary key starts with the tenant (shardable by tenant).

-- Profile tombstones and the sync's incremental reads (issue 5): a merged-away
-- profile names its survivor; status_time is when it was deleted or merged.
ALTER TABLE profiles ADD COLUMN merged_into CHAR(26) NULL;
ALTER TABLE profiles ADD COLUMN status_time DATETIME(6) NULL;
ALTER TABLE profiles ADD KEY profiles_updated (tenant_id, update_time, profile_id);

-- CRM orgs of a company: 18-character org id, type 1 PRODUCTION / 2 SANDBOX.
CREATE TABLE crm_orgs (
  tenant_id VARCHAR(64) NOT NULL,
  org_id CHAR(18) NOT NULL,
  org_type TINYINT NOT NULL,
  domain VARCHAR(253) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, org_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The HCP-owned fields of an HCP profile (PRF-04); cleared on delete (PRF-11).
CREATE TABLE hcp_details (
  tenant_id VARCHAR(64) NOT NULL,
  profile_id CHAR(26) NOT NULL,
  first_name VARCHAR(100) NOT NULL DEFAULT '',
  last_name VARCHAR(100) NOT NULL DEFAULT '',
  display_name VARCHAR(200) NOT NULL DEFAULT '',
  email VARCHAR(254) NOT NULL DEFAULT '',
  phone VARCHAR(40) NOT NULL DEFAULT '',
  title VARCHAR(200) NOT NULL DEFAULT '',
  degree VARCHAR(100) NOT NULL DEFAULT '',
  practice VARCHAR(200) NOT NULL DEFAULT '',
  address VARCHAR(500) NOT NULL DEFAULT '',
  country VARCHAR(2) NOT NULL DEFAULT '',
  photo_url VARCHAR(2048) NOT NULL DEFAULT '',
  alternate_id VARCHAR(64) NOT NULL DEFAULT '',
  sign_up_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, profile_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Gap-free per-tenant sequences (feed 1: sign-ups, feed 2: removals). The
-- counter row is locked by the writing transaction, so numbers are handed out
-- in commit order and a reader resuming after N never misses a later commit.
CREATE TABLE profile_feed_counters (
  tenant_id VARCHAR(64) NOT NULL,
  feed TINYINT NOT NULL,
  last_sequence BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, feed)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE profile_feed (
  tenant_id VARCHAR(64) NOT NULL,
  feed TINYINT NOT NULL,
  sequence BIGINT NOT NULL,
  profile_id CHAR(26) NOT NULL,
  email VARCHAR(254) NOT NULL DEFAULT '',
  event_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, feed, sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- PRF-09: a profile links to at most one account per org; many profiles may
-- link to one account (the indicator reads by account).
CREATE TABLE account_links (
  tenant_id VARCHAR(64) NOT NULL,
  profile_id CHAR(26) NOT NULL,
  org_id CHAR(18) NOT NULL,
  account_id VARCHAR(64) NOT NULL,
  link_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, profile_id, org_id),
  KEY account_links_account (tenant_id, org_id, account_id, profile_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- PRF-10: losing account -> winning account, per org; chains are followed.
CREATE TABLE account_merges (
  tenant_id VARCHAR(64) NOT NULL,
  org_id CHAR(18) NOT NULL,
  losing_account_id VARCHAR(64) NOT NULL,
  winning_account_id VARCHAR(64) NOT NULL,
  merge_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, org_id, losing_account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- PRF-05, PRF-07, CAT-06, CAT-07: per-company settings. Medications are a
-- newline-separated list (names cannot hold control characters), so a card
-- read stays one row per joined table.
CREATE TABLE company_settings (
  tenant_id VARCHAR(64) NOT NULL,
  primary_color CHAR(6) NOT NULL DEFAULT '',
  secondary_color CHAR(6) NOT NULL DEFAULT '',
  display_company_name VARCHAR(200) NOT NULL DEFAULT '',
  default_medications TEXT NOT NULL,
  engagement_sync_mode TINYINT NOT NULL DEFAULT 1,
  send_profile_data BOOLEAN NOT NULL DEFAULT FALSE,
  alternate_id_required BOOLEAN NOT NULL DEFAULT FALSE,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- PRF-06: Engage Connect Groups, started from the company defaults.
CREATE TABLE engage_groups (
  tenant_id VARCHAR(64) NOT NULL,
  group_id CHAR(26) NOT NULL,
  name VARCHAR(200) NOT NULL,
  primary_color CHAR(6) NOT NULL DEFAULT '',
  secondary_color CHAR(6) NOT NULL DEFAULT '',
  medications TEXT NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, group_id),
  UNIQUE KEY engage_groups_name (tenant_id, name),
  UNIQUE KEY engage_groups_request (tenant_id, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- PRF-06: the primary key makes "at most one group per user" a database fact.
CREATE TABLE group_members (
  tenant_id VARCHAR(64) NOT NULL,
  user_id CHAR(26) NOT NULL,
  group_id CHAR(26) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, user_id),
  KEY group_members_group (tenant_id, group_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- CAT-01: profile categories and their responses.
CREATE TABLE profile_categories (
  tenant_id VARCHAR(64) NOT NULL,
  category_code VARCHAR(64) NOT NULL,
  description VARCHAR(200) NOT NULL,
  required BOOLEAN NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, category_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE category_responses (
  tenant_id VARCHAR(64) NOT NULL,
  category_code VARCHAR(64) NOT NULL,
  response_code VARCHAR(64) NOT NULL,
  description VARCHAR(200) NOT NULL,
  is_default BOOLEAN NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, category_code, response_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE profile_answers (
  tenant_id VARCHAR(64) NOT NULL,
  profile_id CHAR(26) NOT NULL,
  category_code VARCHAR(64) NOT NULL,
  response_code VARCHAR(64) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, profile_id, category_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- CAT-06: the outbox of profile-data events, written in the answers'
-- transaction; sent_time stays NULL until a dispatcher delivers the event.
CREATE TABLE profile_data_outbox (
  tenant_id VARCHAR(64) NOT NULL,
  event_id CHAR(26) NOT NULL,
  profile_id CHAR(26) NOT NULL,
  category_code VARCHAR(64) NOT NULL,
  response_code VARCHAR(64) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  sent_time DATETIME(6) NULL,
  PRIMARY KEY (tenant_id, event_id),
  KEY profile_data_outbox_pending (tenant_id, sent_time, event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
