-- profile_svc: companies (tenants), users and their details, Engage profiles.
-- Every primary key starts with the tenant so the schema can be sharded by
-- tenant (Vitess) without a rewrite. Ids are 26-character time-ordered ids.

CREATE TABLE companies (
  tenant_id VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The admin-owned User record (PRF-02).
CREATE TABLE users (
  tenant_id VARCHAR(64) NOT NULL,
  user_id CHAR(26) NOT NULL,
  subject VARCHAR(128) NOT NULL,
  first_name VARCHAR(100) NOT NULL,
  last_name VARCHAR(100) NOT NULL,
  email VARCHAR(254) NOT NULL,
  country CHAR(2) NOT NULL,
  user_type TINYINT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  can_edit_details BOOLEAN NOT NULL DEFAULT TRUE,
  request_id VARCHAR(64) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, user_id),
  UNIQUE KEY users_subject (tenant_id, subject),
  UNIQUE KEY users_request (tenant_id, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The self-service User Detail record (PRF-02, PRF-03).
CREATE TABLE user_details (
  tenant_id VARCHAR(64) NOT NULL,
  user_id CHAR(26) NOT NULL,
  display_name VARCHAR(200) NOT NULL DEFAULT '',
  photo_url VARCHAR(2048) NOT NULL DEFAULT '',
  phone VARCHAR(40) NOT NULL DEFAULT '',
  title VARCHAR(200) NOT NULL DEFAULT '',
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One Engage profile per Engage user (PRF-01): STAFF (kind 1) for field users,
-- HCP (kind 2) for health care professionals. `version` feeds the etag.
CREATE TABLE profiles (
  tenant_id VARCHAR(64) NOT NULL,
  profile_id CHAR(26) NOT NULL,
  kind TINYINT NOT NULL,
  subject VARCHAR(128) NOT NULL,
  user_id CHAR(26) NULL,
  deleted_time DATETIME(6) NULL,
  version BIGINT NOT NULL DEFAULT 1,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, profile_id),
  UNIQUE KEY profiles_subject (tenant_id, subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
