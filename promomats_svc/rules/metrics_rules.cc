#include "promomats_svc/rules/metrics_rules.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/validate/text.h"

namespace engage::promomats {
namespace {

// Counts are any non-negative int64 a CRM sent: a sum past the range stays at
// the limit instead of overflowing (undefined behaviour; found by fuzzing).
int64_t Add(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
}

void Merge(MetricsAggregate& into, const MetricsAggregate& a) {
  into.rows = Add(into.rows, a.rows);
  into.times_shown_in_calls = Add(into.times_shown_in_calls, a.times_shown_in_calls);
  into.total_duration_seconds += a.total_duration_seconds;
  into.times_sent_as_link = Add(into.times_sent_as_link, a.times_sent_as_link);
  into.link_clicks = Add(into.link_clicks, a.link_clicks);
  into.custom_presentation_uses = Add(into.custom_presentation_uses, a.custom_presentation_uses);
  into.previews = Add(into.previews, a.previews);
  into.ordered = Add(into.ordered, a.ordered);
  into.order_sum = Add(into.order_sum, a.order_sum);
  into.positive_reactions = Add(into.positive_reactions, a.positive_reactions);
  into.neutral_reactions = Add(into.neutral_reactions, a.neutral_reactions);
  into.negative_reactions = Add(into.negative_reactions, a.negative_reactions);
  into.countries.insert(a.countries.begin(), a.countries.end());
}

// One metric as the sums of one row.
MetricsAggregate One(const ContentMetric& m) {
  MetricsAggregate a;
  a.rows = 1;
  a.times_shown_in_calls = m.times_shown_in_calls;
  a.total_duration_seconds = m.slide_duration_seconds;
  a.times_sent_as_link = m.times_sent_as_link;
  a.link_clicks = m.link_clicks;
  a.custom_presentation_uses = m.custom_presentation_uses;
  a.previews = m.previews;
  a.ordered = m.view_order > 0 ? 1 : 0;
  a.order_sum = m.view_order > 0 ? m.view_order : 0;
  a.positive_reactions = m.reaction == Reaction::kPositive ? 1 : 0;
  a.neutral_reactions = m.reaction == Reaction::kNeutral ? 1 : 0;
  a.negative_reactions = m.reaction == Reaction::kNegative ? 1 : 0;
  if (!m.country.empty()) a.countries.insert(m.country);
  return a;
}

MetricsSummary Finish(const MetricsAggregate& a) {
  MetricsSummary s;
  s.slide_id = a.slide_id;
  s.times_shown_in_calls = a.times_shown_in_calls;
  s.total_duration_seconds = a.total_duration_seconds;
  s.times_sent_as_link = a.times_sent_as_link;
  s.link_clicks = a.link_clicks;
  s.custom_presentation_uses = a.custom_presentation_uses;
  s.previews = a.previews;
  s.positive_reactions = a.positive_reactions;
  s.neutral_reactions = a.neutral_reactions;
  s.negative_reactions = a.negative_reactions;
  if (a.rows > 0) {
    s.average_duration_seconds = a.total_duration_seconds / static_cast<double>(a.rows);
  }
  if (a.times_sent_as_link > 0) {
    s.link_click_rate =
        static_cast<double>(a.link_clicks) / static_cast<double>(a.times_sent_as_link);
  }
  if (a.ordered > 0) {
    s.average_view_order = static_cast<double>(a.order_sum) / static_cast<double>(a.ordered);
  }
  s.countries.assign(a.countries.begin(), a.countries.end());
  return s;
}

}  // namespace

MetricsAggregate Aggregate(const std::string& slide_id, const std::vector<ContentMetric>& metrics) {
  MetricsAggregate a;
  a.slide_id = slide_id;
  for (const auto& m : metrics) Merge(a, One(m));
  return a;
}

MetricsSummary Summarize(const std::string& slide_id, const std::vector<ContentMetric>& metrics) {
  return Finish(Aggregate(slide_id, metrics));
}

ContentMetricsSummary SummarizeSlides(const std::vector<MetricsAggregate>& by_slide) {
  ContentMetricsSummary out;
  MetricsAggregate document;
  std::map<std::string, const MetricsAggregate*> slides;
  for (const auto& a : by_slide) {
    Merge(document, a);
    if (!a.slide_id.empty()) slides[a.slide_id] = &a;
  }
  out.document = Finish(document);
  for (const auto& [slide, a] : slides) out.slides.push_back(Finish(*a));
  return out;
}

ContentMetricsSummary SummarizeDocument(const std::vector<ContentMetric>& metrics) {
  std::map<std::string, std::vector<ContentMetric>> by_slide;
  for (const auto& m : metrics) by_slide[m.slide_id].push_back(m);
  std::vector<MetricsAggregate> aggregates;
  for (const auto& [slide, list] : by_slide) aggregates.push_back(Aggregate(slide, list));
  return SummarizeSlides(aggregates);
}

bool IsSlideOf(const std::vector<Slide>& slides, const std::string& slide_id) {
  return slide_id.empty() || std::any_of(slides.begin(), slides.end(),
                                         [&](const Slide& s) { return s.slide_id == slide_id; });
}

namespace {

constexpr const char* kMetricFields[] = {"document_id",
                                         "slide_id",
                                         "times_shown_in_calls",
                                         "slide_duration_seconds",
                                         "times_sent_as_link",
                                         "link_clicks",
                                         "custom_presentation_uses",
                                         "previews",
                                         "view_order",
                                         "reaction",
                                         "country"};

std::string Field(const TransferRecord& r, const std::string& name) {
  auto it = r.fields.find(name);
  return it == r.fields.end() ? "" : it->second;
}

// A whole number, not negative, at most `max`; absent is 0.
void Count(FieldErrors& errors, const TransferRecord& r, const std::string& name, int64_t max,
           int64_t& out) {
  const std::string v = Field(r, name);
  out = 0;
  if (v.empty()) return;
  if (!absl::SimpleAtoi(v, &out) || out < 0 || out > max) {
    errors.Add("fields." + name, absl::StrCat("must be a whole number from 0 to ", max));
    out = 0;
  }
}

}  // namespace

std::string MetricFromRecord(const TransferRecord& r, ContentMetric& out) {
  FieldErrors errors;
  validate::Text(errors, "crm_id", r.crm_id, 1, 64);
  for (const auto& [name, value] : r.fields) {
    if (std::find(std::begin(kMetricFields), std::end(kMetricFields), name) ==
        std::end(kMetricFields)) {
      errors.Add("fields." + name, "is not a field of CLM content metrics");
    }
  }
  out = ContentMetric();
  out.metric_id = r.crm_id;
  out.document_id = Field(r, "document_id");
  validate::Id(errors, "fields.document_id", out.document_id);
  out.slide_id = Field(r, "slide_id");
  validate::OptionalText(errors, "fields.slide_id", out.slide_id, 64);
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  Count(errors, r, "times_shown_in_calls", kMax, out.times_shown_in_calls);
  Count(errors, r, "times_sent_as_link", kMax, out.times_sent_as_link);
  Count(errors, r, "link_clicks", kMax, out.link_clicks);
  Count(errors, r, "custom_presentation_uses", kMax, out.custom_presentation_uses);
  Count(errors, r, "previews", kMax, out.previews);
  int64_t view_order = 0;
  Count(errors, r, "view_order", std::numeric_limits<int32_t>::max(), view_order);
  out.view_order = static_cast<int32_t>(view_order);
  if (const std::string d = Field(r, "slide_duration_seconds"); !d.empty()) {
    if (!absl::SimpleAtod(d, &out.slide_duration_seconds) ||
        !std::isfinite(out.slide_duration_seconds) || out.slide_duration_seconds < 0) {
      errors.Add("fields.slide_duration_seconds",
                 "must be a finite number of seconds, not negative");
      out.slide_duration_seconds = 0;
    }
  }
  const std::string reaction = Field(r, "reaction");
  if (reaction == "POSITIVE") {
    out.reaction = Reaction::kPositive;
  } else if (reaction == "NEUTRAL") {
    out.reaction = Reaction::kNeutral;
  } else if (reaction == "NEGATIVE") {
    out.reaction = Reaction::kNegative;
  } else if (!reaction.empty()) {
    errors.Add("fields.reaction", "must be POSITIVE, NEUTRAL or NEGATIVE");
  }
  out.country = Field(r, "country");
  if (!out.country.empty()) validate::CountryCode(errors, "fields.country", out.country);
  if (errors.empty()) return "";
  return absl::StrCat("PMX-12: ", errors.ToStatus().message());
}

}  // namespace engage::promomats
