-- Attack review 5, finding 9: a create's idempotency key (request_id) is bound
-- to who sent the request and what it asked. Each row made under a key keeps
-- the request's fingerprint (common/idempotency: SHA-256 of the caller's
-- subject and the request); a later request under the key is answered with
-- the row only when its fingerprint is the same, else ALREADY_EXISTS. Rows
-- made before have none (NULL): a request under their key is refused, as
-- nothing tells it is the same request. pmx_transfers has its column since
-- 0006 (then a hash of the request alone, which no fingerprint matches).
ALTER TABLE users ADD COLUMN request_hash VARCHAR(64) NULL AFTER request_id;
ALTER TABLE engage_groups ADD COLUMN request_hash VARCHAR(64) NULL AFTER request_id;
ALTER TABLE vaults ADD COLUMN request_hash VARCHAR(64) NULL AFTER request_id;
ALTER TABLE pmx_connections ADD COLUMN request_hash VARCHAR(64) NULL AFTER request_id;
ALTER TABLE pmx_documents ADD COLUMN request_hash VARCHAR(64) NULL AFTER request_id;
