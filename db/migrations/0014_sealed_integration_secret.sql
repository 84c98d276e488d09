-- SEC-10: the CRM sync must present its integration user's password to the
-- CRM, so a hash of it is no usable credential. The password is now stored
-- sealed with AES-256-GCM (profile_svc, key ENGAGE_SECRET_KEY; the value
-- names its key id so keys rotate). A hash cannot be turned back into a
-- password: orgs configured before this migration keep their username and
-- report "the password must be set again" until an admin sets it.
ALTER TABLE sync_settings
  ADD COLUMN integration_secret_sealed VARCHAR(1024) NOT NULL DEFAULT '' AFTER integration_username,
  DROP COLUMN integration_secret_hash;
