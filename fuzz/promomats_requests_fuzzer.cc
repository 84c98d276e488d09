// Every request of promomats_svc's PromoMatsService and (last, so the seeds'
// first bytes keep their methods) PromoMatsInternalService from bytes: parse,
// then the rules its handlers hand request data to (paging, which object
// types move, a transfer record's failure, the publishing rules and CrossLink
// of a document, the summary of content metrics). The rest of each handler's
// validation is inline in the handler: not callable here (see the README's
// fuzzing paragraph).
#include <string>
#include <vector>

#include "engage/promomats/v1/promomats.pb.h"
#include "fuzz/request_fuzz.h"
#include "promomats_svc/json_codec.h"
#include "promomats_svc/pmx_mapping.h"
#include "promomats_svc/rules/metrics_rules.h"
#include "promomats_svc/rules/routing_rules.h"
#include "promomats_svc/rules/transfer_rules.h"

namespace v1 = engage::promomats::v1;
namespace promomats = engage::promomats;

namespace {

void CheckDocument(const v1::Document& proto) {
  const promomats::Document doc = promomats::FromProto(proto);
  promomats::TransferConfig config{{doc.document_type}, {"title", "country", "document_type"}};
  (void)promomats::Publishable(doc, config);
  const v1::CrossLink link = promomats::ToProto(promomats::BuildCrossLink(doc, config));
  // The store keeps it as JSON: what is written reads back.
  v1::CrossLink reread;
  FUZZ_CHECK(promomats::FromJson(promomats::ToJson(link), &reread).ok());
}

void CheckHandlerRules(const google::protobuf::Message& message) {
  if (auto* transfer = dynamic_cast<const v1::TransferRecordsRequest*>(&message)) {
    const auto type = promomats::FromProto(transfer->object_type());
    (void)promomats::ObjectTypeMoves(promomats::FromProto(transfer->direction()), type);
    for (const auto& record : transfer->records())
      (void)promomats::RecordFailure(type, promomats::FromProto(record));
  } else if (auto* create = dynamic_cast<const v1::CreateDocumentRequest*>(&message)) {
    CheckDocument(create->document());
  } else if (auto* update = dynamic_cast<const v1::UpdateDocumentRequest*>(&message)) {
    CheckDocument(update->document());
  } else if (auto* ingest = dynamic_cast<const v1::IngestContentMetricsRequest*>(&message)) {
    // What GetContentMetrics later sums from the stored metrics.
    std::vector<promomats::ContentMetric> metrics;
    for (const auto& m : ingest->metrics()) metrics.push_back(promomats::FromProto(m));
    const auto summary = promomats::SummarizeDocument(metrics);
    FUZZ_CHECK(summary.document.positive_reactions <= static_cast<int64_t>(metrics.size()));
    // Counts only add up: the total is never below one of its (non-negative) parts.
    for (const auto& m : metrics) {
      if (m.times_shown_in_calls >= 0) {
        FUZZ_CHECK(summary.document.times_shown_in_calls >= m.times_shown_in_calls ||
                   summary.document.times_shown_in_calls < 0);
      }
    }
    (void)promomats::ToProto(summary);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto kTypes = engage::fuzz::RequestTypes(
      {"engage.promomats.v1.PromoMatsService", "engage.promomats.v1.PromoMatsInternalService"});
  auto request = engage::fuzz::ParseRequest(kTypes, data, size);
  if (request == nullptr) return 0;
  engage::fuzz::CheckPaging(*request);
  CheckHandlerRules(*request);
  return 0;
}
