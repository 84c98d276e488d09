#include "promomats_svc/metrics_rules.h"

#include <map>
#include <set>

namespace engage::promomats {

v1::MetricsSummary Summarize(const std::string& slide_id,
                             const std::vector<v1::ContentMetric>& metrics) {
  v1::MetricsSummary s;
  s.set_slide_id(slide_id);
  std::set<std::string> countries;
  int64_t ordered = 0, order_sum = 0;
  for (const auto& m : metrics) {
    s.set_times_shown_in_calls(s.times_shown_in_calls() + m.times_shown_in_calls());
    s.set_total_duration_seconds(s.total_duration_seconds() + m.slide_duration_seconds());
    s.set_times_sent_as_link(s.times_sent_as_link() + m.times_sent_as_link());
    s.set_link_clicks(s.link_clicks() + m.link_clicks());
    s.set_custom_presentation_uses(s.custom_presentation_uses() + m.custom_presentation_uses());
    s.set_previews(s.previews() + m.previews());
    if (m.view_order() > 0) {
      ++ordered;
      order_sum += m.view_order();
    }
    if (m.reaction() == v1::REACTION_POSITIVE) s.set_positive_reactions(s.positive_reactions() + 1);
    if (m.reaction() == v1::REACTION_NEUTRAL) s.set_neutral_reactions(s.neutral_reactions() + 1);
    if (m.reaction() == v1::REACTION_NEGATIVE) s.set_negative_reactions(s.negative_reactions() + 1);
    if (!m.country().empty()) countries.insert(m.country());
  }
  if (!metrics.empty()) {
    s.set_average_duration_seconds(s.total_duration_seconds() /
                                   static_cast<double>(metrics.size()));
  }
  if (s.times_sent_as_link() > 0) {
    s.set_link_click_rate(static_cast<double>(s.link_clicks()) /
                          static_cast<double>(s.times_sent_as_link()));
  }
  if (ordered > 0) {
    s.set_average_view_order(static_cast<double>(order_sum) / static_cast<double>(ordered));
  }
  for (const auto& c : countries) s.add_countries(c);
  return s;
}

v1::GetContentMetricsResponse SummarizeDocument(const std::vector<v1::ContentMetric>& metrics) {
  v1::GetContentMetricsResponse out;
  *out.mutable_document() = Summarize("", metrics);
  std::map<std::string, std::vector<v1::ContentMetric>> by_slide;
  for (const auto& m : metrics) {
    if (!m.slide_id().empty()) by_slide[m.slide_id()].push_back(m);
  }
  for (const auto& [slide, list] : by_slide) *out.add_slides() = Summarize(slide, list);
  return out;
}

}  // namespace engage::promomats
