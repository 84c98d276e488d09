-- profile_svc, issue 17 (MoveUser): when a user joined their current CRM
-- org. The CRM sync of that org writes the records of their connections on
-- its next run even when the connections did not change since its last run
-- (they were another org's until then). NULL: never moved.
ALTER TABLE users ADD COLUMN org_time DATETIME(6) NULL;
