#include "bench/flows/promomats_flow.h"

#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "bench/loadgen/histogram.h"
#include "engage/promomats/v1/promomats.grpc.pb.h"

namespace engage::bench {
namespace {

namespace mv1 = engage::promomats::v1;
using common::v1::ROLE_ADMIN;
using common::v1::ROLE_INTEGRATION;

constexpr int kCrms = 3;

struct Change {
  std::string document_id;
  int64_t version = 0;
  absl::Time start;
};

// When each CRM first listed each version of each document's CrossLink.
using Sightings = std::map<std::string, std::vector<std::pair<int64_t, absl::Time>>>;

absl::StatusOr<std::string> Vault(mv1::PromoMatsService::Stub& stub, const Tokens& tokens,
                                  const std::string& name, mv1::VaultKind kind,
                                  mv1::VaultType type) {
  mv1::RegisterVaultRequest req;
  req.set_request_id(name);
  req.set_name(name);
  req.set_kind(kind);
  req.set_type(type);
  // One CRM vault per domain (PMX-06): "CRM A" is crm-a.bench.example.com.
  req.set_domain(absl::StrCat(absl::AsciiStrToLower(absl::StrReplaceAll(name, {{" ", "-"}})),
                              ".bench.example.com"));
  mv1::RegisterVaultResponse resp;
  grpc::Status st = stub.RegisterVault(tokens.Context(ROLE_ADMIN).get(), req, &resp);
  if (!st.ok()) return CallFailed("RegisterVault", st);
  return resp.vault().vault_id();
}

absl::StatusOr<std::string> Connect(mv1::PromoMatsService::Stub& stub, const Tokens& tokens,
                                    const std::string& pm, const std::string& crm) {
  mv1::CreateConnectionRequest req;
  req.set_request_id("c-" + crm);
  req.set_promomats_vault_id(pm);
  req.set_crm_vault_id(crm);
  mv1::CreateConnectionResponse resp;
  grpc::Status st = stub.CreateConnection(tokens.Context(ROLE_ADMIN).get(), req, &resp);
  if (!st.ok()) return CallFailed("CreateConnection", st);
  return resp.connection().connection_id();
}

// PMX-02 then PMX-07: the US Country record reaches PromoMats from a CRM,
// then every connection's CLM country filter selects it.
absl::Status FilterUs(mv1::PromoMatsService::Stub& stub, const Tokens& tokens,
                      const std::vector<std::string>& connections) {
  mv1::TransferRecordsRequest countries;
  countries.set_request_id("countries");
  countries.set_connection_id(connections.front());
  countries.set_direction(mv1::DIRECTION_CRM_TO_PROMOMATS);
  countries.set_object_type(mv1::OBJECT_TYPE_COUNTRY);
  auto* us = countries.add_records();
  us->set_name("United States");
  us->set_external_id("US");
  mv1::TransferRecordsResponse transferred;
  grpc::Status st = stub.TransferRecords(tokens.Context(ROLE_ADMIN).get(), countries, &transferred);
  if (!st.ok()) return CallFailed("TransferRecords", st);
  for (const std::string& connection : connections) {
    mv1::UpdateConnectionSettingsRequest filter;
    filter.set_connection_id(connection);
    filter.set_feature(mv1::FEATURE_CLM);
    filter.add_country_filter("US");
    mv1::UpdateConnectionSettingsResponse filtered;
    st = stub.UpdateConnectionSettings(tokens.Context(ROLE_ADMIN).get(), filter, &filtered);
    if (!st.ok()) return CallFailed("UpdateConnectionSettings", st);
  }
  return absl::OkStatus();
}

absl::StatusOr<mv1::Document> Binder(mv1::PromoMatsService::Stub& stub, const Tokens& tokens,
                                     const std::string& pm, int n) {
  mv1::CreateDocumentRequest req;
  req.set_request_id("doc-" + std::to_string(n));
  mv1::Document* d = req.mutable_document();
  d->set_promomats_vault_id(pm);
  d->set_name("Bench binder " + std::to_string(n));
  d->set_description("v1");
  d->set_document_type("CLM Presentation");
  d->set_country("US");
  d->set_lifecycle_state(mv1::LIFECYCLE_STATE_STEADY);
  d->set_feature(mv1::FEATURE_CLM);
  d->set_publish_for_crm_clm(true);
  d->add_slides()->set_slide_id("intro");
  mv1::CreateDocumentResponse resp;
  grpc::Status st = stub.CreateDocument(tokens.Context(ROLE_INTEGRATION).get(), req, &resp);
  if (!st.ok()) return CallFailed("CreateDocument", st);
  return resp.document();
}

// Lists every CrossLink of `crm` and records versions not seen before.
void Poll(mv1::PromoMatsService::Stub& stub, const Tokens& tokens, const std::string& crm,
          Sightings& seen) {
  std::string token;
  do {
    mv1::ListCrossLinksRequest req;
    req.set_crm_vault_id(crm);
    req.set_page_size(500);
    req.set_page_token(token);
    mv1::ListCrossLinksResponse resp;
    if (!stub.ListCrossLinks(tokens.Context(ROLE_ADMIN).get(), req, &resp).ok()) return;
    const absl::Time now = absl::Now();
    for (const auto& link : resp.cross_links()) {
      auto& versions = seen[link.source_document_id()];
      if (versions.empty() || versions.back().first < link.source_version()) {
        versions.emplace_back(link.source_version(), now);
      }
    }
    token = resp.next_page_token();
  } while (!token.empty());
}

// When `crm` first listed `doc` at `version` or later (InfiniteFuture: never).
absl::Time SeenAt(const Sightings& seen, const std::string& doc, int64_t version) {
  auto it = seen.find(doc);
  if (it == seen.end()) return absl::InfiniteFuture();
  for (const auto& [v, t] : it->second) {
    if (v >= version) return t;
  }
  return absl::InfiniteFuture();
}

}  // namespace

absl::StatusOr<std::string> RunPromoMatsFlow(const std::shared_ptr<grpc::Channel>& gateway,
                                             const Tokens& tokens, const PromoMatsFlowOptions& o) {
  auto stub = mv1::PromoMatsService::NewStub(gateway);
  auto pm =
      Vault(*stub, tokens, "PromoMats", mv1::VAULT_KIND_PROMOMATS, mv1::VAULT_TYPE_PRODUCTION);
  if (!pm.ok()) return pm.status();
  std::vector<std::string> crms, connections;
  for (auto [name, type] : {std::pair{"CRM A", mv1::VAULT_TYPE_PRODUCTION},
                            {"CRM B", mv1::VAULT_TYPE_PRODUCTION},
                            {"CRM C", mv1::VAULT_TYPE_SANDBOX}}) {
    auto crm = Vault(*stub, tokens, name, mv1::VAULT_KIND_CRM, type);
    if (!crm.ok()) return crm.status();
    auto connection = Connect(*stub, tokens, *pm, *crm);
    if (!connection.ok()) return connection.status();
    crms.push_back(*crm);
    connections.push_back(*connection);
  }
  if (auto st = FilterUs(*stub, tokens, connections); !st.ok()) return st;
  std::vector<mv1::Document> docs;
  for (int i = 0; i < o.documents; ++i) {
    auto doc = Binder(*stub, tokens, *pm, i);
    if (!doc.ok()) return doc.status();
    docs.push_back(*doc);
  }

  // The poller lists the three CRMs until told to stop; `seen` is shared
  // with this thread under `mu`.
  std::vector<Sightings> seen(kCrms);
  std::mutex mu;
  std::atomic<bool> stop{false};
  std::thread poller([&] {
    auto poll_stub = mv1::PromoMatsService::NewStub(gateway);
    while (!stop.load()) {
      for (int c = 0; c < kCrms; ++c) {
        Sightings batch;
        Poll(*poll_stub, tokens, crms[c], batch);
        std::lock_guard<std::mutex> lock(mu);
        for (auto& [doc, versions] : batch) {
          auto& known = seen[c][doc];
          for (auto& v : versions) {
            if (known.empty() || known.back().first < v.first) known.push_back(v);
          }
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(o.poll_ms));
    }
  });

  // Open loop: change k is due at start + k / rate, whatever the earlier ones took.
  std::vector<Change> changes;
  int failed = 0;
  const absl::Time start = absl::Now();
  const int64_t total = std::max<int64_t>(1, static_cast<int64_t>(o.rate * o.seconds));
  for (int64_t k = 0; k < total; ++k) {
    const absl::Time due = start + absl::Seconds(static_cast<double>(k) / o.rate);
    if (absl::Now() < due) absl::SleepFor(due - absl::Now());
    mv1::Document& doc = docs[k % docs.size()];
    mv1::UpdateDocumentRequest req;
    req.mutable_document()->set_document_id(doc.document_id());
    req.mutable_document()->set_description("change " + std::to_string(k));
    req.mutable_document()->set_etag(doc.etag());
    req.mutable_update_mask()->add_paths("description");
    mv1::UpdateDocumentResponse resp;
    const absl::Time sent = absl::Now();
    grpc::Status st = stub->UpdateDocument(tokens.Context(ROLE_INTEGRATION).get(), req, &resp);
    if (!st.ok()) {
      ++failed;
      std::cerr << "bench: UpdateDocument: " << st.error_message() << "\n";
      continue;
    }
    doc = resp.document();
    changes.push_back({doc.document_id(), doc.version(), sent});
  }
  const double send_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  // Every change has 30 s to reach the three CRMs after the last is sent.
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (absl::Now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::lock_guard<std::mutex> lock(mu);
    bool all = true;
    for (const mv1::Document& d : docs) {
      for (int c = 0; c < kCrms; ++c) {
        all = all && SeenAt(seen[c], d.document_id(), d.version()) != absl::InfiniteFuture();
      }
    }
    if (all) break;
  }
  stop = true;
  poller.join();

  Histogram latency;
  int64_t lost = 0;
  for (const Change& ch : changes) {
    absl::Time last = absl::InfinitePast();
    for (int c = 0; c < kCrms; ++c)
      last = std::max(last, SeenAt(seen[c], ch.document_id, ch.version));
    if (last == absl::InfiniteFuture()) {
      ++lost;
      continue;
    }
    latency.Record(
        static_cast<uint64_t>(std::max<int64_t>(0, absl::ToInt64Microseconds(last - ch.start))));
  }
  Row row("s6.routing");
  row.Set("rate", o.rate)
      .Set("seconds", send_seconds)
      .Set("documents", static_cast<double>(o.documents))
      .Set("crms", static_cast<double>(kCrms))
      .Set("changes", static_cast<double>(changes.size()))
      .Set("poll_ms", static_cast<double>(o.poll_ms))
      .Set("dispatch_interval_ms", static_cast<double>(o.dispatch_interval_ms))
      .Set("p50_ms", latency.Quantile(0.5) / 1000)
      .Set("p90_ms", latency.Quantile(0.9) / 1000)
      .Set("p99_ms", latency.Quantile(0.99) / 1000)
      .Set("max_ms", static_cast<double>(latency.Max()) / 1000)
      .Raw("codes",
           "{\"OK\": " + std::to_string(latency.Count()) +
               (lost ? ", \"NOT_DELIVERED\": " + std::to_string(lost) : std::string()) +
               (failed ? ", \"UPDATE_FAILED\": " + std::to_string(failed) : std::string()) + "}");
  return row.Json();
}

}  // namespace engage::bench
