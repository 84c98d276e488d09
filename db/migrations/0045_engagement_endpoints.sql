-- CAT-08: where each company's engagement system takes its profile-data
-- events (an https URL an admin sets with UpdateEngagementEndpoint). A tenant
-- without a row has no endpoint: its events stay pending and say so.
CREATE TABLE engagement_endpoints (
  tenant_id VARCHAR(64) NOT NULL,
  url VARCHAR(2000) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
