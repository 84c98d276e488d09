-- promomats_svc: the PromoMats-CRM connection (PMX-01..14). Every primary key
-- starts with tenant_id; documents and CrossLinks keep their lists as JSON text.

CREATE TABLE pmx_connections (
  tenant_id VARCHAR(64) NOT NULL,
  connection_id CHAR(26) NOT NULL,
  promomats_vault_id CHAR(26) NOT NULL,
  crm_vault_id CHAR(26) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, connection_id),
  UNIQUE KEY pmx_connections_pair (tenant_id, promomats_vault_id, crm_vault_id),
  UNIQUE KEY pmx_connections_request (tenant_id, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One Connection Settings object per CRM and feature; countries comma separated.
CREATE TABLE pmx_connection_settings (
  tenant_id VARCHAR(64) NOT NULL,
  connection_id CHAR(26) NOT NULL,
  feature TINYINT NOT NULL,
  country_filter VARCHAR(1000) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, connection_id, feature)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Records held by a vault (PromoMats side or CRM side), matched by PMX-04.
CREATE TABLE pmx_records (
  tenant_id VARCHAR(64) NOT NULL,
  vault_id CHAR(26) NOT NULL,
  object_type TINYINT NOT NULL,
  record_id CHAR(26) NOT NULL,
  name VARCHAR(200) NOT NULL,
  crm_org CHAR(26) NOT NULL,
  crm_id VARCHAR(64) NOT NULL,
  external_id VARCHAR(128) NOT NULL,
  link VARCHAR(255) NOT NULL,
  fields MEDIUMTEXT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, vault_id, object_type, record_id),
  KEY pmx_records_link (tenant_id, vault_id, object_type, link),
  KEY pmx_records_external (tenant_id, vault_id, object_type, external_id),
  KEY pmx_records_crm (tenant_id, vault_id, object_type, crm_org, crm_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Results of each record batch, so a replayed request id returns them (PMX-05).
CREATE TABLE pmx_transfers (
  tenant_id VARCHAR(64) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  request_hash VARCHAR(64) NOT NULL,
  results MEDIUMTEXT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE pmx_transfer_configs (
  tenant_id VARCHAR(64) NOT NULL,
  promomats_vault_id CHAR(26) NOT NULL,
  body TEXT NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, promomats_vault_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Current version of each document; body is the document as JSON.
CREATE TABLE pmx_documents (
  tenant_id VARCHAR(64) NOT NULL,
  document_id CHAR(26) NOT NULL,
  promomats_vault_id CHAR(26) NOT NULL,
  owner VARCHAR(128) NOT NULL,
  version BIGINT NOT NULL,
  body MEDIUMTEXT NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, document_id),
  UNIQUE KEY pmx_documents_request (tenant_id, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The outbox: one row per (change, target CRM), written in the transaction of
-- the change; the dispatcher delivers them in seq order per document and target.
CREATE TABLE pmx_deliveries (
  tenant_id VARCHAR(64) NOT NULL,
  change_id CHAR(26) NOT NULL,
  target_vault_id CHAR(26) NOT NULL,
  document_id CHAR(26) NOT NULL,
  seq BIGINT NOT NULL,
  action TINYINT NOT NULL,
  payload MEDIUMTEXT NOT NULL,
  owner VARCHAR(128) NOT NULL,
  status TINYINT NOT NULL,
  attempts INT NOT NULL,
  next_attempt_time DATETIME(6) NOT NULL,
  last_error VARCHAR(1000) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  deliver_time DATETIME(6) NULL,
  PRIMARY KEY (tenant_id, change_id, target_vault_id),
  KEY pmx_deliveries_due (status, tenant_id, next_attempt_time),
  KEY pmx_deliveries_order (tenant_id, document_id, target_vault_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The local target vault: CrossLinks in each CRM, and which changes it applied.
CREATE TABLE pmx_crosslinks (
  tenant_id VARCHAR(64) NOT NULL,
  crm_vault_id CHAR(26) NOT NULL,
  document_id CHAR(26) NOT NULL,
  cross_link_id CHAR(26) NOT NULL,
  source_version BIGINT NOT NULL,
  state TINYINT NOT NULL,
  body MEDIUMTEXT NOT NULL,
  applied_changes BIGINT NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, crm_vault_id, document_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE pmx_applied_changes (
  tenant_id VARCHAR(64) NOT NULL,
  target_vault_id CHAR(26) NOT NULL,
  change_id CHAR(26) NOT NULL,
  outcome TINYINT NOT NULL,
  apply_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, target_vault_id, change_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE pmx_notifications (
  tenant_id VARCHAR(64) NOT NULL,
  notification_id CHAR(26) NOT NULL,
  owner VARCHAR(128) NOT NULL,
  document_id CHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  crm_vault_id CHAR(26) NOT NULL,
  kind TINYINT NOT NULL,
  message VARCHAR(1000) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, notification_id),
  KEY pmx_notifications_owner (tenant_id, owner, notification_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- CLM content metrics from CRM, against the source document (PMX-12).
CREATE TABLE pmx_content_metrics (
  tenant_id VARCHAR(64) NOT NULL,
  crm_vault_id CHAR(26) NOT NULL,
  metric_id VARCHAR(64) NOT NULL,
  document_id CHAR(26) NOT NULL,
  slide_id VARCHAR(64) NOT NULL,
  times_shown BIGINT NOT NULL,
  duration_seconds DOUBLE NOT NULL,
  sent_as_link BIGINT NOT NULL,
  link_clicks BIGINT NOT NULL,
  custom_uses BIGINT NOT NULL,
  previews BIGINT NOT NULL,
  view_order INT NOT NULL,
  reaction TINYINT NOT NULL,
  country VARCHAR(8) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, crm_vault_id, metric_id),
  KEY pmx_content_metrics_document (tenant_id, document_id, slide_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
