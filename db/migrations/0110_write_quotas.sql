-- SEC-11 (attack review 5, finding 6): what one low-privilege caller writes is
-- bounded, and each bound is counted on an index of its own.

-- CreateInvite APPROVED_EMAIL: e-mail invites per inviter and per recipient
-- address over the last 24 hours. The address is counted in lower case (a
-- generated column, so it follows recipient_email: an erasure or a decline
-- that clears the address clears it too).
ALTER TABLE invites
  ADD COLUMN recipient_key VARCHAR(254) AS (LOWER(recipient_email)) VIRTUAL,
  ADD KEY invites_by_inviter (tenant_id, inviter_profile_id, channel, create_time),
  ADD KEY invites_by_recipient (tenant_id, recipient_key, create_time);

-- RecordMeetingAttendance self-reports per HCP over the last 24 hours.
ALTER TABLE interactions
  ADD KEY interactions_by_hcp (tenant_id, hcp_profile_id, kind, create_time);

-- CAT-08: sent profile-data events are purged after a retention period
-- (common/outbox PurgeSent: sent, sent before a time).
ALTER TABLE profile_data_outbox ADD KEY profile_data_outbox_sent (state, sent_time);
