#ifndef ENGAGE_CONNECTION_SVC_CONNECTION_MAPPING_H_
#define ENGAGE_CONNECTION_SVC_CONNECTION_MAPPING_H_

#include <google/protobuf/timestamp.pb.h>

#include "connection_svc/rules/connection_model.h"
#include "engage/connection/v1/connection.pb.h"

namespace engage::connection {

// Domain values -> messages of engage.connection.v1.
google::protobuf::Timestamp ToTimestamp(absl::Time t);
void ToProto(const Connection& c, v1::Connection* out);
// `now` decides whether a pending invite reads as expired.
void ToProto(const Invite& i, absl::Time now, v1::Invite* out);
void ToProto(const Change& c, v1::ConnectionChange* out);

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_CONNECTION_MAPPING_H_
