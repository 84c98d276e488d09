-- SYN-11: a CRM-side change to a sync-owned record (a photo of the reserved
-- content type) marks it, so the next sync, incremental too, overwrites it.
ALTER TABLE crm_engage_profiles ADD COLUMN touched_outside_sync BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE crm_engage_profiles ADD KEY crm_profiles_touched (tenant_id, org_id, touched_outside_sync);
