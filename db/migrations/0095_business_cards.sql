-- profile_svc, issue 20 (PRF-13): every profile's business card kept composed
-- in one row, so a card read is one primary-key select of one column instead
-- of an eight-table join of 33 columns. `card` holds the join's parts, each as
-- "<bytes>:<text>" (NULL as empty), in the order of kCardParts in
-- profile_svc/mysql_business_cards.cc, which composes it with the same
-- expression; every write that changes a part of a card recomposes it in its
-- own transaction. The company's name and branding are composed into staff
-- cards only (an HCP card shows none). `kind` lets a list keep to staff cards.
CREATE TABLE business_cards (
  tenant_id VARCHAR(64) NOT NULL,
  profile_id CHAR(26) NOT NULL,
  kind TINYINT NOT NULL,
  card MEDIUMTEXT NOT NULL,
  PRIMARY KEY (tenant_id, profile_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The cards of the profiles that exist now, composed as the code composes them.
INSERT INTO business_cards (tenant_id, profile_id, kind, card)
SELECT p.tenant_id, p.profile_id, p.kind, CONCAT(
    LENGTH(COALESCE(p.profile_id, '')), ':', COALESCE(p.profile_id, ''),
    LENGTH(COALESCE(p.kind, '')), ':', COALESCE(p.kind, ''),
    LENGTH(COALESCE(p.deleted_time IS NOT NULL, '')), ':', COALESCE(p.deleted_time IS NOT NULL, ''),
    LENGTH(COALESCE(p.version, '')), ':', COALESCE(p.version, ''),
    LENGTH(COALESCE(UNIX_TIMESTAMP(p.update_time), '')), ':', COALESCE(UNIX_TIMESTAMP(p.update_time), ''),
    LENGTH(COALESCE(UNIX_TIMESTAMP(p.status_time), '')), ':', COALESCE(UNIX_TIMESTAMP(p.status_time), ''),
    LENGTH(COALESCE(p.subject, '')), ':', COALESCE(p.subject, ''),
    LENGTH(COALESCE(u.first_name, '')), ':', COALESCE(u.first_name, ''),
    LENGTH(COALESCE(u.last_name, '')), ':', COALESCE(u.last_name, ''),
    LENGTH(COALESCE(u.email, '')), ':', COALESCE(u.email, ''),
    LENGTH(COALESCE(u.country, '')), ':', COALESCE(u.country, ''),
    LENGTH(COALESCE(d.display_name, '')), ':', COALESCE(d.display_name, ''),
    LENGTH(COALESCE(d.title, '')), ':', COALESCE(d.title, ''),
    LENGTH(COALESCE(d.phone, '')), ':', COALESCE(d.phone, ''),
    LENGTH(COALESCE(d.photo_url, '')), ':', COALESCE(d.photo_url, ''),
    LENGTH(COALESCE(h.first_name, '')), ':', COALESCE(h.first_name, ''),
    LENGTH(COALESCE(h.last_name, '')), ':', COALESCE(h.last_name, ''),
    LENGTH(COALESCE(h.email, '')), ':', COALESCE(h.email, ''),
    LENGTH(COALESCE(h.country, '')), ':', COALESCE(h.country, ''),
    LENGTH(COALESCE(h.display_name, '')), ':', COALESCE(h.display_name, ''),
    LENGTH(COALESCE(h.title, '')), ':', COALESCE(h.title, ''),
    LENGTH(COALESCE(h.phone, '')), ':', COALESCE(h.phone, ''),
    LENGTH(COALESCE(h.photo_url, '')), ':', COALESCE(h.photo_url, ''),
    LENGTH(COALESCE(h.degree, '')), ':', COALESCE(h.degree, ''),
    LENGTH(COALESCE(h.practice, '')), ':', COALESCE(h.practice, ''),
    LENGTH(COALESCE(h.address, '')), ':', COALESCE(h.address, ''),
    LENGTH(COALESCE(c.name, '')), ':', COALESCE(c.name, ''),
    LENGTH(COALESCE(s.display_company_name, '')), ':', COALESCE(s.display_company_name, ''),
    LENGTH(COALESCE(s.primary_color, '')), ':', COALESCE(s.primary_color, ''),
    LENGTH(COALESCE(s.secondary_color, '')), ':', COALESCE(s.secondary_color, ''),
    LENGTH(COALESCE(s.default_medications, '')), ':', COALESCE(s.default_medications, ''),
    LENGTH(COALESCE(g.group_id IS NOT NULL, '')), ':', COALESCE(g.group_id IS NOT NULL, ''),
    LENGTH(COALESCE(g.medications, '')), ':', COALESCE(g.medications, ''))
FROM profiles p
LEFT JOIN users u ON u.tenant_id = p.tenant_id AND u.user_id = p.user_id
LEFT JOIN user_details d ON d.tenant_id = p.tenant_id AND d.user_id = p.user_id
LEFT JOIN hcp_details h ON h.tenant_id = p.tenant_id AND h.profile_id = p.profile_id
LEFT JOIN companies c ON c.tenant_id = p.tenant_id AND p.kind = 1
LEFT JOIN company_settings s ON s.tenant_id = p.tenant_id AND p.kind = 1
LEFT JOIN group_members m ON m.tenant_id = p.tenant_id AND m.user_id = p.user_id
LEFT JOIN engage_groups g ON g.tenant_id = m.tenant_id AND g.group_id = m.group_id;
