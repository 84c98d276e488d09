-- PRF-10 (attack review 6, finding 10): every losing account points at the
-- final winner of its merge chain. RecordMerge keeps it so (in the merge's
-- transaction it moves every loser of the new loser to the new winner), which
-- needs the losers of an account: this key.
ALTER TABLE account_merges
  ADD KEY account_merges_by_winner (tenant_id, org_id, winning_account_id);

-- Chains recorded before: each pass makes every loser skip one more half of
-- its chain (its winner's winner), so seven passes shorten any chain of up to
-- 128 merges to one hop (no chain could pass 65: a longer one could no longer
-- be extended). The history is acyclic (CheckMerge), so the passes end.
UPDATE account_merges a JOIN account_merges b
  ON b.tenant_id = a.tenant_id AND b.org_id = a.org_id AND b.losing_account_id = a.winning_account_id
  SET a.winning_account_id = b.winning_account_id;
UPDATE account_merges a JOIN account_merges b
  ON b.tenant_id = a.tenant_id AND b.org_id = a.org_id AND b.losing_account_id = a.winning_account_id
  SET a.winning_account_id = b.winning_account_id;
UPDATE account_merges a JOIN account_merges b
  ON b.tenant_id = a.tenant_id AND b.org_id = a.org_id AND b.losing_account_id = a.winning_account_id
  SET a.winning_account_id = b.winning_account_id;
UPDATE account_merges a JOIN account_merges b
  ON b.tenant_id = a.tenant_id AND b.org_id = a.org_id AND b.losing_account_id = a.winning_account_id
  SET a.winning_account_id = b.winning_account_id;
UPDATE account_merges a JOIN account_merges b
  ON b.tenant_id = a.tenant_id AND b.org_id = a.org_id AND b.losing_account_id = a.winning_account_id
  SET a.winning_account_id = b.winning_account_id;
UPDATE account_merges a JOIN account_merges b
  ON b.tenant_id = a.tenant_id AND b.org_id = a.org_id AND b.losing_account_id = a.winning_account_id
  SET a.winning_account_id = b.winning_account_id;
UPDATE account_merges a JOIN account_merges b
  ON b.tenant_id = a.tenant_id AND b.org_id = a.org_id AND b.losing_account_id = a.winning_account_id
  SET a.winning_account_id = b.winning_account_id;
