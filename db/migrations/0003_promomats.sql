-- promomats_svc: PromoMats and CRM vaults (PMX-01).

CREATE TABLE vaults (
  tenant_id VARCHAR(64) NOT NULL,
  vault_id CHAR(26) NOT NULL,
  name VARCHAR(200) NOT NULL,
  kind TINYINT NOT NULL,
  type TINYINT NOT NULL,
  domain VARCHAR(253) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, vault_id),
  UNIQUE KEY vaults_request (tenant_id, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
