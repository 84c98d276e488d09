#ifndef ENGAGE_PROMOMATS_SVC_PMX_MAPPING_H_
#define ENGAGE_PROMOMATS_SVC_PMX_MAPPING_H_

#include <vector>

#include "engage/promomats/v1/promomats.pb.h"
#include "promomats_svc/rules/pmx_model.h"

// The domain values of promomats_svc <-> messages of engage.promomats.v1: the
// handlers' mapping, and the form the mysql_ stores keep documents, CrossLinks
// and batch results in (their JSON columns hold the contract's JSON). Every
// field is carried both ways; enumerations share the contract's numbers.
namespace engage::promomats {

inline v1::Feature ToProto(Feature f) { return static_cast<v1::Feature>(f); }
inline Feature FromProto(v1::Feature f) { return static_cast<Feature>(f); }
inline v1::ObjectType ToProto(ObjectType t) { return static_cast<v1::ObjectType>(t); }
inline ObjectType FromProto(v1::ObjectType t) { return static_cast<ObjectType>(t); }
inline Direction FromProto(v1::Direction d) { return static_cast<Direction>(d); }

v1::Document ToProto(const Document& d);
Document FromProto(const v1::Document& d);
v1::CrossLink ToProto(const CrossLink& c);
CrossLink FromProto(const v1::CrossLink& c);
TransferRecord FromProto(const v1::TransferRecord& r);
v1::TransferRecord ToProto(const TransferRecord& r);
v1::Record ToProto(const Record& r);
Record FromProto(const v1::Record& r);
v1::TransferRecordsResponse ToProto(const std::vector<RecordResult>& results);
std::vector<RecordResult> FromProto(const v1::TransferRecordsResponse& response);
v1::ContentMetric ToProto(const ContentMetric& m);
ContentMetric FromProto(const v1::ContentMetric& m);
v1::MetricsSummary ToProto(const MetricsSummary& s);
v1::GetContentMetricsResponse ToProto(const ContentMetricsSummary& m);
v1::Notification ToProto(const Notification& n);

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_PMX_MAPPING_H_
