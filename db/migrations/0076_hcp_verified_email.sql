-- profile_svc, SEC-07 / PRF-11: the e-mail an HCP signed up with, from their
-- token's verified claim, kept apart from the card's contact e-mail, which
-- the HCP may edit (PRF-04) to any address. Erasure finds what connection_svc
-- holds for the HCP by this one, so an HCP cannot point their deletion at
-- someone else's address. Filled from the sign-up feed, which holds it.
ALTER TABLE hcp_details
  ADD COLUMN verified_email VARCHAR(254) NOT NULL DEFAULT '' AFTER email,
  ADD INDEX hcp_details_verified_email (tenant_id, verified_email);
UPDATE hcp_details h
  JOIN profile_feed f ON f.tenant_id = h.tenant_id AND f.profile_id = h.profile_id AND f.feed = 1
  SET h.verified_email = f.email;
