#include "promomats_svc/rules/metrics_rules.h"

#include <cstdint>
#include <limits>
#include <map>
#include <set>

namespace engage::promomats {
namespace {

// Counts are any non-negative int64 a CRM sent: a sum past the range stays at
// the limit instead of overflowing (undefined behaviour; found by fuzzing).
int64_t Add(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
}

}  // namespace

MetricsSummary Summarize(const std::string& slide_id, const std::vector<ContentMetric>& metrics) {
  MetricsSummary s;
  s.slide_id = slide_id;
  std::set<std::string> countries;
  int64_t ordered = 0, order_sum = 0;
  for (const auto& m : metrics) {
    s.times_shown_in_calls = Add(s.times_shown_in_calls, m.times_shown_in_calls);
    s.total_duration_seconds += m.slide_duration_seconds;
    s.times_sent_as_link = Add(s.times_sent_as_link, m.times_sent_as_link);
    s.link_clicks = Add(s.link_clicks, m.link_clicks);
    s.custom_presentation_uses = Add(s.custom_presentation_uses, m.custom_presentation_uses);
    s.previews = Add(s.previews, m.previews);
    if (m.view_order > 0) {
      ++ordered;
      order_sum += m.view_order;
    }
    if (m.reaction == Reaction::kPositive) ++s.positive_reactions;
    if (m.reaction == Reaction::kNeutral) ++s.neutral_reactions;
    if (m.reaction == Reaction::kNegative) ++s.negative_reactions;
    if (!m.country.empty()) countries.insert(m.country);
  }
  if (!metrics.empty()) {
    s.average_duration_seconds = s.total_duration_seconds / static_cast<double>(metrics.size());
  }
  if (s.times_sent_as_link > 0) {
    s.link_click_rate =
        static_cast<double>(s.link_clicks) / static_cast<double>(s.times_sent_as_link);
  }
  if (ordered > 0) {
    s.average_view_order = static_cast<double>(order_sum) / static_cast<double>(ordered);
  }
  s.countries.assign(countries.begin(), countries.end());
  return s;
}

ContentMetricsSummary SummarizeDocument(const std::vector<ContentMetric>& metrics) {
  ContentMetricsSummary out;
  out.document = Summarize("", metrics);
  std::map<std::string, std::vector<ContentMetric>> by_slide;
  for (const auto& m : metrics) {
    if (!m.slide_id.empty()) by_slide[m.slide_id].push_back(m);
  }
  for (const auto& [slide, list] : by_slide) out.slides.push_back(Summarize(slide, list));
  return out;
}

}  // namespace engage::promomats
