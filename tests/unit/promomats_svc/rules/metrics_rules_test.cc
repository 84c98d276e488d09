#include "promomats_svc/rules/metrics_rules.h"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <utility>

#include "promomats_svc/pmx_mapping.h"

namespace engage::promomats {
namespace {

// The rules take domain values (rules/pmx_model.h); these tests speak the
// contract's messages, mapped as the handlers map them (pmx_mapping).
v1::GetContentMetricsResponse SummarizeDocument(const std::vector<v1::ContentMetric>& metrics) {
  std::vector<ContentMetric> in;
  for (const auto& m : metrics) in.push_back(FromProto(m));
  return ToProto(promomats::SummarizeDocument(in));
}
v1::MetricsSummary Summarize(const std::string& slide_id,
                             const std::vector<v1::ContentMetric>& metrics) {
  std::vector<ContentMetric> in;
  for (const auto& m : metrics) in.push_back(FromProto(m));
  return ToProto(promomats::Summarize(slide_id, in));
}

v1::ContentMetric Metric(const std::string& slide, int shown, double seconds, int order,
                         v1::Reaction reaction, const std::string& country) {
  v1::ContentMetric m;
  m.set_document_id("D1");
  m.set_slide_id(slide);
  m.set_times_shown_in_calls(shown);
  m.set_slide_duration_seconds(seconds);
  m.set_view_order(order);
  m.set_reaction(reaction);
  m.set_country(country);
  return m;
}

TEST(MetricsRules, PMX12_SummaryPerDocumentAndPerSlide) {
  std::vector<v1::ContentMetric> metrics = {
      Metric("s1", 2, 30, 1, v1::REACTION_POSITIVE, "US"),
      Metric("s1", 1, 10, 1, v1::REACTION_NEGATIVE, "CA"),
      Metric("s2", 4, 20, 2, v1::REACTION_POSITIVE, "US"),
  };
  v1::ContentMetric presentation;
  presentation.set_document_id("D1");
  presentation.set_times_sent_as_link(4);
  presentation.set_link_clicks(1);
  presentation.set_previews(3);
  presentation.set_custom_presentation_uses(2);
  metrics.push_back(presentation);

  auto out = SummarizeDocument(metrics);
  EXPECT_EQ(out.document().times_shown_in_calls(), 7);
  EXPECT_DOUBLE_EQ(out.document().total_duration_seconds(), 60);
  EXPECT_DOUBLE_EQ(out.document().link_click_rate(), 0.25);
  EXPECT_EQ(out.document().previews(), 3);
  EXPECT_EQ(out.document().custom_presentation_uses(), 2);
  EXPECT_EQ(out.document().positive_reactions(), 2);
  EXPECT_EQ(out.document().negative_reactions(), 1);
  ASSERT_EQ(out.document().countries_size(), 2);
  EXPECT_EQ(out.document().countries(0), "CA");
  ASSERT_EQ(out.slides_size(), 2);
  EXPECT_EQ(out.slides(0).slide_id(), "s1");
  EXPECT_EQ(out.slides(0).times_shown_in_calls(), 3);
  EXPECT_DOUBLE_EQ(out.slides(0).average_duration_seconds(), 20);
  EXPECT_DOUBLE_EQ(out.slides(0).average_view_order(), 1);
  EXPECT_EQ(out.slides(1).slide_id(), "s2");
  EXPECT_DOUBLE_EQ(out.slides(1).average_view_order(), 2);
}

// SEC-11: GetContentMetrics sums per slide in SQL and finishes the summary
// from those sums: the same answer as from the rows.
TEST(MetricsRules, PMX12_SummaryFromPerSlideSumsIsTheSummaryOfTheRows) {
  const std::vector<v1::ContentMetric> rows = {
      Metric("s1", 2, 30, 1, v1::REACTION_POSITIVE, "US"),
      Metric("s1", 1, 10, 0, v1::REACTION_NEGATIVE, "CA"),
      Metric("", 4, 20, 2, v1::REACTION_NEUTRAL, ""),
      Metric("s2", std::numeric_limits<int32_t>::max(), 5, 3, v1::REACTION_POSITIVE, "MX"),
  };
  std::map<std::string, std::vector<ContentMetric>> by_slide;
  for (const auto& m : rows) by_slide[m.slide_id()].push_back(FromProto(m));
  std::vector<MetricsAggregate> sums;
  for (const auto& [slide, list] : by_slide) sums.push_back(Aggregate(slide, list));
  ASSERT_EQ(sums.size(), 3u);
  EXPECT_EQ(sums[1].rows, 2);
  EXPECT_EQ(sums[1].ordered, 1);
  const auto from_sums = ToProto(SummarizeSlides(sums));
  EXPECT_EQ(from_sums.DebugString(), SummarizeDocument(rows).DebugString());
  EXPECT_EQ(from_sums.slides_size(), 2);  // the empty slide id counts for the document only
  EXPECT_EQ(from_sums.document().neutral_reactions(), 1);
}

TEST(MetricsRules, PMX12_AMetricNamesASlideOfTheBinderOrNone) {
  const std::vector<Slide> binder = {{"intro", "Intro"}, {"efficacy", ""}};
  EXPECT_TRUE(IsSlideOf(binder, ""));
  EXPECT_TRUE(IsSlideOf(binder, "efficacy"));
  EXPECT_FALSE(IsSlideOf(binder, "Efficacy"));
  EXPECT_FALSE(IsSlideOf(binder, std::string(64, 'x')));
  EXPECT_FALSE(IsSlideOf({}, "intro"));
}

TEST(MetricsRules, PMX12_NeverSentHasZeroClickRate) {
  auto s = Summarize("", {});
  EXPECT_EQ(s.link_click_rate(), 0);
  EXPECT_EQ(s.times_shown_in_calls(), 0);
}

// Found by fuzzing promomats_svc's requests: the sum of two int64 counts overflowed.
TEST(MetricsRules, PMX12_CountsPastTheInt64RangeStayAtTheLimit) {
  v1::ContentMetric big;
  big.set_times_shown_in_calls(std::numeric_limits<int64_t>::max());
  big.set_link_clicks(std::numeric_limits<int64_t>::max());
  auto s = Summarize("", {big, big});
  EXPECT_EQ(s.times_shown_in_calls(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(s.link_clicks(), std::numeric_limits<int64_t>::max());
}

TransferRecord MetricRecord(std::map<std::string, std::string> fields) {
  TransferRecord r;
  r.name = "Call metrics";
  r.crm_id = "a0X000000000001";
  fields.emplace("document_id", "01HZX5Q3J9V4ZK2M8N6P7R0S1T");
  r.fields = std::move(fields);
  return r;
}

TEST(MetricsRules, PMX12_AContentMetricsRecordCarriesItsMetric) {
  ContentMetric m;
  const std::string reason = MetricFromRecord(MetricRecord({{"slide_id", "intro"},
                                                            {"times_shown_in_calls", "3"},
                                                            {"slide_duration_seconds", "12.5"},
                                                            {"times_sent_as_link", "4"},
                                                            {"link_clicks", "1"},
                                                            {"custom_presentation_uses", "2"},
                                                            {"previews", "7"},
                                                            {"view_order", "2"},
                                                            {"reaction", "NEGATIVE"},
                                                            {"country", "CA"}}),
                                              m);
  EXPECT_EQ(reason, "");
  EXPECT_EQ(m.metric_id, "a0X000000000001");
  EXPECT_EQ(m.document_id, "01HZX5Q3J9V4ZK2M8N6P7R0S1T");
  EXPECT_EQ(m.slide_id, "intro");
  EXPECT_EQ(m.times_shown_in_calls, 3);
  EXPECT_DOUBLE_EQ(m.slide_duration_seconds, 12.5);
  EXPECT_EQ(m.times_sent_as_link, 4);
  EXPECT_EQ(m.link_clicks, 1);
  EXPECT_EQ(m.custom_presentation_uses, 2);
  EXPECT_EQ(m.previews, 7);
  EXPECT_EQ(m.view_order, 2);
  EXPECT_EQ(m.reaction, Reaction::kNegative);
  EXPECT_EQ(m.country, "CA");
  // Absent counts are zero.
  EXPECT_EQ(MetricFromRecord(MetricRecord({}), m), "");
  EXPECT_EQ(m.times_shown_in_calls, 0);
}

TEST(MetricsRules, PMX12_ABadContentMetricsRecordNamesTheField) {
  ContentMetric m;
  const std::pair<std::map<std::string, std::string>, std::string> cases[] = {
      {{{"times_shown_in_calls", "-1"}}, "fields.times_shown_in_calls"},
      {{{"link_clicks", "12abc"}}, "fields.link_clicks"},
      {{{"previews", "99999999999999999999"}}, "fields.previews"},
      {{{"view_order", "3000000000"}}, "fields.view_order"},
      {{{"slide_duration_seconds", "nan"}}, "fields.slide_duration_seconds"},
      {{{"slide_duration_seconds", "-2"}}, "fields.slide_duration_seconds"},
      {{{"reaction", "LOVE"}}, "fields.reaction"},
      {{{"country", "usa"}}, "fields.country"},
      {{{"document_id", "not-an-id"}}, "fields.document_id"},
      {{{"colour", "red"}}, "fields.colour"},
  };
  for (const auto& [fields, field] : cases) {
    TransferRecord r = MetricRecord({});
    for (const auto& [k, v] : fields) r.fields[k] = v;
    const std::string reason = MetricFromRecord(r, m);
    EXPECT_EQ(reason.rfind("PMX-12: ", 0), 0u) << reason;
    EXPECT_NE(reason.find(field), std::string::npos) << field << ": " << reason;
  }
  TransferRecord no_id = MetricRecord({});
  no_id.crm_id = "";
  no_id.external_id = "ext-1";
  EXPECT_NE(MetricFromRecord(no_id, m).find("crm_id"), std::string::npos);
}

}  // namespace
}  // namespace engage::promomats
