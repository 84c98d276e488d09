#ifndef ENGAGE_PROMOMATS_SVC_METRICS_RULES_H_
#define ENGAGE_PROMOMATS_SVC_METRICS_RULES_H_

#include <string>
#include <vector>

#include "engage/promomats/v1/promomats.pb.h"

// CLM content metrics (PMX-12): summaries per document and per slide.
namespace engage::promomats {

// Sums `metrics` (all of one document, or all of one slide) into a summary
// labelled `slide_id`.
v1::MetricsSummary Summarize(const std::string& slide_id,
                             const std::vector<v1::ContentMetric>& metrics);

// The document's summary and one per slide, by slide id.
v1::GetContentMetricsResponse SummarizeDocument(const std::vector<v1::ContentMetric>& metrics);

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_METRICS_RULES_H_
