#include "profile_svc/proto_mapping.h"

#include <google/protobuf/util/time_util.h>

namespace engage::profile {

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  if (t == absl::InfinitePast()) return google::protobuf::Timestamp();
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}

void ToProto(const Org& org, v1::Org* out) {
  out->set_org_id(org.org_id);
  out->set_type(static_cast<v1::OrgType>(org.type));
  out->set_domain(org.domain);
}

}  // namespace engage::profile
