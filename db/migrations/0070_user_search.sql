-- profile_svc, issue 17 (ListUsers): an admin finds users by a prefix of the
-- full name, the last name or the e-mail, without case. The keys are stored
-- generated columns (lower case), each with an index that starts with the
-- tenant, so a search is three index range scans of the caller's tenant
-- (one per key, united), never a scan of the users table; the user id ends
-- each index for the page order.
ALTER TABLE users
  ADD COLUMN search_full_name VARCHAR(201) AS (LOWER(CONCAT(first_name, ' ', last_name))) STORED,
  ADD COLUMN search_last_name VARCHAR(100) AS (LOWER(last_name)) STORED,
  ADD COLUMN search_email VARCHAR(254) AS (LOWER(email)) STORED,
  ADD KEY users_search_full_name (tenant_id, search_full_name, user_id),
  ADD KEY users_search_last_name (tenant_id, search_last_name, user_id),
  ADD KEY users_search_email (tenant_id, search_email, user_id);
