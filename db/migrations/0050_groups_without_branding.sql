-- profile_svc, issue 17 (PRF-06, PRF-07): branding is company-wide. A group
-- carries medications only; its copy of the company colours, taken when the
-- group was made, showed members the old colours after a rebrand. Members'
-- cards read the company's colours as they are now.
ALTER TABLE engage_groups DROP COLUMN primary_color, DROP COLUMN secondary_color;
