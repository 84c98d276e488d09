-- Issue 18: who holds the post-processing lease. A run renews and ends only
-- the lease it holds, so a run that outlived its lease (a long pause, a
-- stalled database) can neither mark the job idle under the run that took
-- over nor extend a lease that is no longer its own.
ALTER TABLE post_processing ADD COLUMN lease_holder VARCHAR(64) NOT NULL DEFAULT '';
