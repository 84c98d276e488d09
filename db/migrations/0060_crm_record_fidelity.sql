-- profile_svc, issue 17: CRM record fidelity (seed 002, SYN-05, SYN-11).

-- SYN-05: every CRM record has its own record id in its org (18 characters,
-- a key prefix and 15 more). The local CRM derives it from the record's
-- VExternal_ID_vod, so a record re-created by an interrupted or repeated sync
-- (SYN-12) gets the same id: the first 15 hex digits of
-- SHA-256(tenant|org|external id), upper case, after the object's key prefix
-- (a4E Engage_Profile_vod, a4C Engage_Connection_vod). The sync fills it
-- when a row has none (a row loaded in bulk without it).
ALTER TABLE crm_engage_profiles ADD COLUMN record_id CHAR(18) NULL;
UPDATE crm_engage_profiles SET record_id = CONCAT('a4E', UPPER(LEFT(SHA2(CONCAT(tenant_id, '|',
  org_id, '|', external_id), 256), 15)));
ALTER TABLE crm_engage_profiles ADD UNIQUE KEY crm_profiles_record (tenant_id, org_id, record_id);

-- SYN-05: the connection record is of record type User_to_Engage_Profile_vod;
-- From_User_vod is the CRM user's id in the org (the User record, users.user_id)
-- and To_Engage_Profile_vod the record id of the HCP's Engage_Profile_vod
-- record in the same org. Before, the columns held Engage profile ids; the
-- columns keep their places (bulk loads keep working) and their values are
-- turned into the references they stand for.
ALTER TABLE crm_engage_connections
  CHANGE COLUMN from_user_profile_id from_user_id CHAR(26) NOT NULL,
  CHANGE COLUMN to_profile_id to_profile_record_id CHAR(26) NOT NULL,
  ADD COLUMN record_id CHAR(18) NULL,
  ADD COLUMN record_type VARCHAR(40) NOT NULL DEFAULT 'User_to_Engage_Profile_vod';
UPDATE crm_engage_connections SET record_id = CONCAT('a4C', UPPER(LEFT(SHA2(CONCAT(tenant_id,
  '|', org_id, '|', external_id), 256), 15)));
UPDATE crm_engage_connections c JOIN profiles p ON p.tenant_id = c.tenant_id AND
  p.profile_id = c.from_user_id SET c.from_user_id = p.user_id WHERE p.user_id IS NOT NULL;
UPDATE crm_engage_connections c JOIN crm_engage_profiles p ON p.tenant_id = c.tenant_id AND
  p.org_id = c.org_id AND p.external_id = c.to_profile_record_id
  SET c.to_profile_record_id = p.record_id;
ALTER TABLE crm_engage_connections ADD UNIQUE KEY crm_connections_record (tenant_id, org_id, record_id);

-- SYN-11: the sync owns the record's photo of the reserved content type
-- Engage_Profile_Photo_vod (photo_url, photo_content_type) and overwrites it;
-- a photo attached by hand with any other content type is kept beside it and
-- never written by the sync. Rows holding such a photo in the sync's place
-- (attached before this migration) keep it here, and the sync writes its own
-- photo again at its next run.
ALTER TABLE crm_engage_profiles
  ADD COLUMN manual_photo_url VARCHAR(2048) NOT NULL DEFAULT '',
  ADD COLUMN manual_photo_content_type VARCHAR(64) NOT NULL DEFAULT '';
UPDATE crm_engage_profiles SET manual_photo_url = photo_url,
  manual_photo_content_type = photo_content_type, photo_url = '',
  photo_content_type = 'Engage_Profile_Photo_vod', touched_outside_sync = created_by_sync
  WHERE photo_content_type NOT IN ('', 'Engage_Profile_Photo_vod');
