-- promomats_svc, issue 17 (PMX-08): a vault is re-routed a few hundred
-- documents per transaction, so the mark is no longer held locked while its
-- documents are re-routed; `marks` counts the marks, and a re-route clears
-- the mark only if no change marked the vault again meanwhile.
ALTER TABLE pmx_reroutes ADD COLUMN marks BIGINT NOT NULL DEFAULT 1 AFTER promomats_vault_id;
