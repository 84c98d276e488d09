#include "profile_svc/crm_sync/mysql_batch_scope.h"

namespace engage::profile::sync {
namespace {

struct Open {
  mysql::Pool* pool = nullptr;
  mysql::Session* session = nullptr;
};
thread_local Open open_batch;

}  // namespace

absl::Status InTransaction(mysql::Pool& pool,
                           const std::function<absl::Status(mysql::Session&)>& fn) {
  if (open_batch.pool == &pool && open_batch.session != nullptr) return fn(*open_batch.session);
  return pool.Transaction(fn);
}

absl::Status InBatch(mysql::Pool& pool, const std::function<absl::Status()>& fn) {
  if (open_batch.pool != nullptr) return fn();  // already inside one: join it
  return pool.Transaction([&](mysql::Session& s) -> absl::Status {
    open_batch = {&pool, &s};
    absl::Status st = fn();
    open_batch = {};
    return st;
  });
}

}  // namespace engage::profile::sync
