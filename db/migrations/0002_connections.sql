-- connection_svc: connections between one field user and one HCP (CON-09:
-- deactivated, never deleted; one row per pair so a reconnect reuses its id).

CREATE TABLE connections (
  tenant_id VARCHAR(64) NOT NULL,
  connection_id CHAR(26) NOT NULL,
  field_user_profile_id CHAR(26) NOT NULL,
  hcp_profile_id CHAR(26) NOT NULL,
  active BOOLEAN NOT NULL,
  create_time DATETIME(6) NOT NULL,
  inactivation_time DATETIME(6) NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, connection_id),
  UNIQUE KEY connections_pair (tenant_id, field_user_profile_id, hcp_profile_id),
  KEY connections_hcp (tenant_id, hcp_profile_id, connection_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
