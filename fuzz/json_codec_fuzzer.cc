// promomats_svc's JSON codec (how documents, CrossLinks, records and batch
// results are kept in text columns). The first byte picks the message, the
// rest is the stored text. Properties: no crash on any text; what FromJson
// accepts, ToJson writes back as text FromJson reads into the same message
// (a row written is a row that reads back); the code lists round-trip.
#include <google/protobuf/util/message_differencer.h>

#include <memory>
#include <string>
#include <vector>

#include "engage/promomats/v1/promomats.pb.h"
#include "fuzz/fuzz_support.h"
#include "promomats_svc/json_codec.h"

namespace v1 = engage::promomats::v1;
using google::protobuf::Message;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const Message* const kStored[] = {
      &v1::Document::default_instance(), &v1::CrossLink::default_instance(),
      &v1::Record::default_instance(), &v1::TransferRecordsResponse::default_instance(),
      &v1::UpdateDocumentTransferConfigResponse::default_instance()};
  const Message& prototype = *kStored[data[0] % (sizeof(kStored) / sizeof(kStored[0]))];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);

  std::unique_ptr<Message> read(prototype.New());
  if (engage::promomats::FromJson(text, read.get()).ok()) {
    const std::string written = engage::promomats::ToJson(*read);
    std::unique_ptr<Message> reread(prototype.New());
    FUZZ_CHECK(engage::promomats::FromJson(written, reread.get()).ok());
    FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(*read, *reread));
  }

  const std::vector<std::string> codes = engage::promomats::SplitCodes(text);
  for (const auto& code : codes) FUZZ_CHECK(!code.empty() && code.find(',') == std::string::npos);
  FUZZ_CHECK(engage::promomats::SplitCodes(engage::promomats::JoinCodes(codes)) == codes);
  return 0;
}
