-- connection_svc: consent (SEC-05, SEC-06, SEC-09).

-- SEC-05: the role of the token that reported an interaction (3 HCP, 4
-- INTEGRATION). Every row before this migration was reported by a field user
-- (2), the only role allowed then; such a report never connects, so the
-- post-processing job closes those rows unconnected.
ALTER TABLE interactions ADD COLUMN reporter_role TINYINT NOT NULL DEFAULT 2;
ALTER TABLE interactions ALTER COLUMN reporter_role SET DEFAULT 0;

-- SEC-06: who ended an inactive connection (1 the HCP, 2 the field user, 3 a
-- removal of either profile; 0 while active, and for rows ended before this
-- migration, which are treated as if the HCP had ended them). When: the
-- row's inactivation_time. Reset when the row is reactivated.
ALTER TABLE connections ADD COLUMN ended_by TINYINT NOT NULL DEFAULT 0;

-- SEC-09: a removed profile's open invites are revoked in the removal's
-- transaction; this finds them without scanning the tenant's invites.
ALTER TABLE invites ADD KEY invites_inviter (tenant_id, inviter_profile_id, state);
