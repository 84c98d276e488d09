-- profile_svc, issue 17 (MoveUser): a field user moves to another CRM org.
-- users.org_time: when the user joined their current org. The CRM sync of
-- that org writes the records of their connections on its next run even
-- when the connections did not change since its last run (they were another
-- org's until then). NULL: never moved.
ALTER TABLE users ADD COLUMN org_time DATETIME(6) NULL;

-- The orgs a user left, and when they last left each: the sync of such an
-- org deactivates the connection records it holds from that user (they are
-- no longer a CRM user of the org, SYN-05), unless the user came back.
CREATE TABLE user_org_departures (
  tenant_id VARCHAR(64) NOT NULL,
  org_id CHAR(18) NOT NULL,
  user_id CHAR(26) NOT NULL,
  departure_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, org_id, user_id),
  KEY user_org_departures_time (tenant_id, org_id, departure_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The sync finds the org's active connection records from a departed user
-- by this key, not by reading every connection record of the org.
ALTER TABLE crm_engage_connections ADD KEY crm_connections_from_user (tenant_id, org_id, from_user_id);
