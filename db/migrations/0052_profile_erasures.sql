-- profile_svc, issue 17 (PRF-11, PRF-12): what connection_svc still has to
-- erase of a deleted or merged-away HCP (the e-mail in interaction records,
-- invites addressed to them). Written in the tombstone's transaction, so no
-- deletion is forgotten; profile_svc calls connection_svc's EraseHcpData at
-- once and, on failure, again with backoff; the row (and the e-mail it needs
-- for the call) is deleted as soon as connection_svc confirms.
CREATE TABLE profile_erasures (
  tenant_id VARCHAR(64) NOT NULL,
  profile_id CHAR(26) NOT NULL,
  email VARCHAR(254) NOT NULL DEFAULT '',
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_time DATETIME(6) NOT NULL,
  last_error VARCHAR(1000) NOT NULL DEFAULT '',
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, profile_id),
  KEY profile_erasures_due (next_attempt_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- A deletion clears the e-mail of the profile's sign-up in the feed (PRF-11);
-- this finds that entry without reading the tenant's whole feed.
ALTER TABLE profile_feed ADD KEY profile_feed_profile (tenant_id, profile_id);
