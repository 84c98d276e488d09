-- profile_svc, issue 17: admins reorder and retire profile categories and
-- responses. position orders the form (then the code: existing rows keep
-- their code order); a retired row is no longer offered (CAT-02) nor
-- answerable anew, but existing answers keep reading with its label, so it
-- is never deleted.
ALTER TABLE profile_categories
  ADD COLUMN position INT NOT NULL DEFAULT 0,
  ADD COLUMN retire_time DATETIME(6) NULL,
  ADD COLUMN update_time DATETIME(6) NULL;
ALTER TABLE category_responses
  ADD COLUMN position INT NOT NULL DEFAULT 0,
  ADD COLUMN retire_time DATETIME(6) NULL,
  ADD COLUMN update_time DATETIME(6) NULL;
