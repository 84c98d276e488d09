#ifndef ENGAGE_PROMOMATS_SVC_RULES_METRICS_RULES_H_
#define ENGAGE_PROMOMATS_SVC_RULES_METRICS_RULES_H_

#include <string>
#include <vector>

#include "promomats_svc/rules/pmx_model.h"

// CLM content metrics (PMX-12): summaries per document and per slide.
namespace engage::promomats {

// Sums `metrics` (all of one document, or all of one slide) into a summary
// labelled `slide_id`.
MetricsSummary Summarize(const std::string& slide_id, const std::vector<ContentMetric>& metrics);

// The document's summary and one per slide, by slide id.
ContentMetricsSummary SummarizeDocument(const std::vector<ContentMetric>& metrics);

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_RULES_METRICS_RULES_H_
