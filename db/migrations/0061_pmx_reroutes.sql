-- promomats_svc, issue 17: re-routing (PMX-08). A change of routing (a CRM's
-- country filter, a connection added or removed, Country records arriving)
-- marks its PromoMats vault here, in the change's own transaction; the
-- re-router then plans every document of the vault against the new routing
-- and queues the publishes and withdrawals on the outbox (pmx_deliveries),
-- clearing the mark in that transaction. A mark left by a crash is taken by
-- the background re-router, so no routing change is lost.
CREATE TABLE pmx_reroutes (
  tenant_id VARCHAR(64) NOT NULL,
  promomats_vault_id CHAR(26) NOT NULL,
  mark_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, promomats_vault_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The documents of a vault, for the re-route.
ALTER TABLE pmx_documents ADD KEY pmx_documents_vault (tenant_id, promomats_vault_id, document_id);
