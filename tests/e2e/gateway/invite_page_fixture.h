#ifndef ENGAGE_TESTS_E2E_GATEWAY_INVITE_PAGE_FIXTURE_H_
#define ENGAGE_TESTS_E2E_GATEWAY_INVITE_PAGE_FIXTURE_H_

// The mesh with the gateway's invite landing page (CON-12) on a free port,
// and the invite links pointing at it, as a deployment would have them.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <httplib.h>

#include "tests/e2e/connection_svc/connection_e2e_fixture.h"

namespace engage::testing {

class InvitePageE2e : public ConnectionE2e {
 protected:
  static void StartMesh(const std::map<std::string, std::string>& gateway_env) {
    page_port_ = FreePort();
    const std::string base = absl::StrCat("http://127.0.0.1:", page_port_, "/invite");
    Mesh::Options options;
    options.env["gateway"] = {{"ENGAGE_RATE_LIMIT_PER_SECOND", "100000"},
                              {"ENGAGE_RATE_LIMIT_BURST", "100000"},
                              {"ENGAGE_PAGE_PORT", std::to_string(page_port_)},
                              {"ENGAGE_INVITE_LINK_BASE", base}};
    for (const auto& [k, v] : gateway_env) options.env["gateway"][k] = v;
    // The page's tests preview more often than a person would (CON-12's limit
    // has its own test in invite_preview_e2e_test.cc).
    options.env["connection"] = {{"ENGAGE_POST_PROCESSING_INTERVAL_SECONDS", "86400"},
                                 {"ENGAGE_INVITE_LINK_BASE", base},
                                 {"ENGAGE_INVITE_PREVIEW_BURST", "1000"}};
    mesh_ = new Mesh(options);
  }
  static void SetUpTestSuite() { StartMesh({}); }

  // An HTTP request to the page; retried while the listener is not up yet
  // (it binds just after the gateway's gRPC port serves).
  httplib::Result Send(const std::string& method, const std::string& path,
                       const std::string& bearer = "", const std::string& body = "{}") {
    httplib::Client client("127.0.0.1", page_port_);
    client.set_read_timeout(10);
    httplib::Headers headers;
    if (!bearer.empty()) headers.emplace("Authorization", "Bearer " + bearer);
    for (int attempt = 0;; ++attempt) {
      httplib::Result r = method == "GET"
                              ? client.Get(path.c_str(), headers)
                              : client.Post(path.c_str(), headers, body, "application/json");
      if (r || attempt >= 50) return r;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  static google::protobuf::Struct JsonOf(const std::string& body) {
    google::protobuf::Struct s;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(body, &s).ok()) << body;
    return s;
  }
  static std::string Field(const google::protobuf::Struct& s, const std::string& name) {
    auto it = s.fields().find(name);
    if (it == s.fields().end()) return "";
    return it->second.has_bool_value() ? (it->second.bool_value() ? "true" : "false")
                                       : it->second.string_value();
  }

  // The token a test HCP signs in with (what the page's paste field takes).
  std::string HcpToken(const std::string& subject) {
    auto email = emails_.find(subject);
    return EmailToken(subject, email == emails_.end() ? "" : email->second, true);
  }

  static inline int page_port_ = 0;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_E2E_GATEWAY_INVITE_PAGE_FIXTURE_H_
