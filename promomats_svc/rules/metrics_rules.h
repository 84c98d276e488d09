#ifndef ENGAGE_PROMOMATS_SVC_RULES_METRICS_RULES_H_
#define ENGAGE_PROMOMATS_SVC_RULES_METRICS_RULES_H_

#include <string>
#include <vector>

#include "promomats_svc/rules/pmx_model.h"

// CLM content metrics (PMX-12): summaries per document and per slide.
namespace engage::promomats {

// The sums of `metrics`, labelled `slide_id`.
MetricsAggregate Aggregate(const std::string& slide_id, const std::vector<ContentMetric>& metrics);

// Sums `metrics` (all of one document, or all of one slide) into a summary
// labelled `slide_id`.
MetricsSummary Summarize(const std::string& slide_id, const std::vector<ContentMetric>& metrics);

// The document's summary (every aggregate, the empty slide id's too) and one
// per slide, by slide id, from one aggregate per slide id.
ContentMetricsSummary SummarizeSlides(const std::vector<MetricsAggregate>& by_slide);

// The document's summary and one per slide, by slide id.
ContentMetricsSummary SummarizeDocument(const std::vector<ContentMetric>& metrics);

// PMX-12: a metric names a slide of the binder as the CRM holds it (its
// CrossLink's `slides`), or none (the whole presentation).
bool IsSlideOf(const std::vector<Slide>& slides, const std::string& slide_id);

// A CLM_CONTENT_METRICS record of TransferRecords (PMX-02) as the metric it
// carries (PMX-12): its crm_id is the metric's id (a replay replaces it,
// PMX-05), its fields are named as ContentMetric's: document_id (required),
// slide_id, times_shown_in_calls, slide_duration_seconds, times_sent_as_link,
// link_clicks, custom_presentation_uses, previews, view_order (whole numbers,
// not negative; the duration a finite number of seconds), reaction (POSITIVE,
// NEUTRAL or NEGATIVE) and country (ISO 3166-1 alpha-2). Returns why the
// record cannot be stored, naming the field ("" when `out` holds it).
std::string MetricFromRecord(const TransferRecord& record, ContentMetric& out);

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_RULES_METRICS_RULES_H_
