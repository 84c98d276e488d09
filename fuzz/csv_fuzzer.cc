// The CSV writer of the CRM sync log (SYN-09, profile_svc/crm_sync/sync_rules:
// the file an admin downloads). Input: the four fields of a log row separated
// by tabs. Property: the line is one RFC 4180 record that a reader splits
// back into exactly the four fields written (commas, quotes and new lines in
// a message never shift or split a row).
#include <string>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "profile_svc/crm_sync/rules/sync_rules.h"

namespace crm = engage::profile::sync;

namespace {

// An RFC 4180 reader of one record ending in CRLF; false if `text` is not
// exactly one such record.
bool ReadRecord(const std::string& text, std::vector<std::string>* fields) {
  fields->assign(1, "");
  size_t i = 0;
  while (i < text.size()) {
    std::string& field = fields->back();
    if (text[i] == '"' && field.empty()) {
      ++i;
      for (;; ++i) {
        if (i >= text.size()) return false;
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            ++i;
          } else {
            ++i;
            break;
          }
        } else {
          field += text[i];
        }
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\r') return false;
    } else if (text[i] == ',') {
      fields->emplace_back();
      ++i;
    } else if (text[i] == '\r') {
      return i + 2 == text.size() && text[i + 1] == '\n';
    } else if (text[i] == '"' || text[i] == '\n') {
      return false;  // a quote inside an unquoted field, or a bare LF
    } else {
      field += text[i++];
    }
  }
  return false;  // no CRLF at the end
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto f = engage::fuzz::Split(data, size, '\t', 4);
  crm::LogRow row{f[0], f[1], f[2], f[3]};
  std::vector<std::string> read;
  FUZZ_CHECK(ReadRecord(crm::CsvLine(row), &read));
  FUZZ_CHECK(read == f);
  std::vector<std::string> header;
  FUZZ_CHECK(ReadRecord(crm::CsvHeader(), &header) && header.size() == 4);
  return 0;
}
