-- PMX-06, CON-13 (attack review 6, finding 9): a tenant registers each CRM
-- domain once. The domain names the CRM org whose approved e-mail templates an
-- invite is sent with, so a second CRM vault of that domain (a sandbox one,
-- say) could feed or block a production org's invites. crm_domain is the
-- lower-cased domain of a CRM vault, NULL for a PromoMats vault (a NULL never
-- collides); RegisterVault sets it.
ALTER TABLE vaults ADD COLUMN crm_domain VARCHAR(253) NULL AFTER domain;

-- Vaults registered before: the first CRM vault of each domain (the smallest
-- id: ids are ULIDs, in registration order) keeps it; a later duplicate stays
-- NULL and keeps working as before, so no registration is lost here.
UPDATE vaults v JOIN (
    SELECT tenant_id, LOWER(domain) AS d, MIN(vault_id) AS first_id FROM vaults
    WHERE kind = 2 GROUP BY tenant_id, LOWER(domain)
  ) f ON f.tenant_id = v.tenant_id AND f.first_id = v.vault_id
  SET v.crm_domain = f.d;

ALTER TABLE vaults ADD UNIQUE KEY vaults_crm_domain (tenant_id, crm_domain);
