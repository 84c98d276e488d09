#include "profile_svc/crm_sync/mysql_unit_of_work.h"

namespace engage::profile::sync {

absl::Status MysqlUnitOfWork::Run(mysql::Pool& pool,
                                  const std::function<absl::Status(UnitOfWork&)>& fn) {
  return pool.Transaction([&](mysql::Session& s) -> absl::Status {
    MysqlUnitOfWork work(s);
    return fn(work);
  });
}

absl::StatusOr<mysql::Session*> MysqlUnitOfWork::SessionOf(UnitOfWork& work) {
  auto* own = dynamic_cast<MysqlUnitOfWork*>(&work);
  if (own == nullptr) {
    return absl::InternalError("a MySQL store was handed a unit of work of another kind");
  }
  return &own->session();
}

}  // namespace engage::profile::sync
