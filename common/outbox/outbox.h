#ifndef ENGAGE_COMMON_OUTBOX_OUTBOX_H_
#define ENGAGE_COMMON_OUTBOX_OUTBOX_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

// One outbox for every background delivery of the mesh (issue 17): PromoMats'
// CrossLink deliveries, CAT-08's profile-data events, invite e-mails.
//
// How it works, for a user of it:
//  1. Enqueue in your own transaction. Your table has the shared shape
//     (common/outbox/mysql_outbox_store.h shows it); call
//     `outbox::Enqueue(session, kYourTable, NewMessage{...})` inside the
//     `pool.Transaction` that makes the change, so the message commits or
//     rolls back with it (nothing sent for a change that was rolled back,
//     nothing lost for one that committed).
//  2. Supply the deliver function: `DeliverFn` gets a `Message` (your payload
//     columns' values, as text, in the order your `OutboxTable` lists them)
//     and returns an `Outcome`: Sent(), Retry(error) or Refused(error). A
//     non-OK status instead (e.g. CANCELLED while stopping) records nothing:
//     the message stays as it was and that attempt is not counted.
//     Delivery is at least once: a crash after your effect and before the
//     outbox commits delivers the message again, so make the effect
//     idempotent by `Message::id` (an idempotency key, an INSERT keyed by it).
//  3. Run a `outbox::Dispatcher` (common/outbox/dispatcher.h) over a
//     `MysqlOutboxStore` of your table with that function: Start(interval) in
//     your wiring's Start, Stop() in its Stop (SIGTERM: the delivery under
//     way finishes and commits, no new one is claimed).
//  4. Read states: `Store::Counts(tenant)` (pending, failing, failed) and
//     `Store::List(tenant, filter, ...)` for admin RPCs; `Store::Retry` puts a
//     failed message back in the queue. The dispatcher also exports gauges
//     engage_outbox_messages{outbox=<table>,tenant=...,state=pending|failing|failed}.
//
// Guarantees: messages of one key (`order_key`) are delivered in `position`
// order, one at a time: a message waits while an earlier one of its key is
// pending (also while it waits for a retry), so a key whose target is down
// is delayed, never reordered. A failed attempt is retried after an
// exponential backoff with jitter (RetryPolicy); with max_attempts > 0 a
// message that failed that often is given up (state kFailed, no longer
// blocking its key) until `Retry`. Many dispatchers (replicas) may run over
// one table: each message is claimed with a lease (SELECT ... FOR UPDATE SKIP
// LOCKED, then its next_attempt_time moved to the lease's end, committed at
// once), delivered with no transaction open, and its outcome recorded in a
// second short transaction only while the lease is still its own. A crash
// during the delivery leaves the message pending: the lease lapses
// (MysqlOutboxStore's `lease`) and it is delivered again.
//
// Latency: a commit that enqueued wakes this process's dispatcher of that
// outbox at once (mysql::Pool's commit signals); other replicas learn of it
// through a cheap indexed poll (Store::AnyDue) every Options::poll_interval,
// with the full run only when something is due (common/outbox/dispatcher.h).
namespace engage::outbox {

enum class State { kPending = 0, kSent = 1, kFailed = 2 };

// A message as the deliver function sees it.
struct Message {
  std::string tenant;
  std::string id;  // unique in the tenant; use it as the idempotency key
  std::string key;
  int64_t position = 0;
  int attempts = 0;           // failed attempts so far
  bool last_attempt = false;  // a failure now gives the message up (max_attempts)
  absl::Time create_time;
  std::vector<std::string> payload;  // the OutboxTable's payload columns, in order
};

// What one delivery attempt did.
struct Outcome {
  enum class Kind { kSent, kRetry, kRefused };
  Kind kind = Kind::kSent;
  std::string error;

  static Outcome Sent() { return {Kind::kSent, ""}; }
  // Failed for now (target down, timeout): retried after the backoff.
  static Outcome Retry(std::string error) { return {Kind::kRetry, std::move(error)}; }
  // Failed for good (the target refused the content): failed at once.
  static Outcome Refused(std::string error) { return {Kind::kRefused, std::move(error)}; }
};

using DeliverFn = std::function<absl::StatusOr<Outcome>(const Message&)>;

// What the dispatcher records for a message, after its delivery attempt.
struct Record {
  State state = State::kPending;
  absl::Time next_attempt;  // when still pending
  std::string error;        // empty when sent
};

// Per tenant: pending (not yet sent, including failing), failing (pending
// whose last attempt failed) and failed (given up).
struct Counts {
  int64_t pending = 0;
  int64_t failing = 0;
  int64_t failed = 0;
};

// A message's state, for admin views.
struct Status {
  std::string id;
  std::string key;
  int64_t position = 0;
  State state = State::kPending;
  int attempts = 0;
  std::string last_error;
  absl::Time create_time;
  absl::Time next_attempt_time;
  absl::Time done_time;  // absl::InfinitePast() while pending
  std::vector<std::string> payload;
};

struct ListFilter {
  std::string key;            // empty: every key
  std::vector<State> states;  // empty: every state
};

// The dispatcher's view of one outbox table. SQL lives in MysqlOutboxStore.
class Store {
 public:
  virtual ~Store() = default;
  // kFailed: the attempt failed and the message waits for a retry; kGaveUp:
  // it failed for good (refused, or max_attempts).
  enum class Processed { kDelivered, kFailed, kGaveUp, kSkipped };

  // Names the outbox in gauges and logs (the table's name).
  virtual const std::string& name() const = 0;
  virtual absl::StatusOr<std::vector<std::string>> TenantsWithPending() = 0;
  // Ids of pending messages due at `now` that head their key, oldest first.
  virtual absl::StatusOr<std::vector<std::string>> Due(const std::string& tenant, absl::Time now,
                                                       int limit) = 0;
  // Claims message `id` (skipped when another dispatcher holds it, it is no
  // longer pending or due, or an earlier message of its key is pending), runs
  // `attempt` and records what it returns. A non-OK status from `attempt` is
  // returned and nothing is recorded: the message is as it was.
  virtual absl::StatusOr<Processed> Process(
      const std::string& tenant, const std::string& id, absl::Time now,
      const std::function<absl::StatusOr<Record>(const Message&)>& attempt) = 0;

  // The cheap poll (every replica, every Dispatcher::Options::poll_interval):
  // whether some tenant may have a message to deliver at `now` (pending, due,
  // heading its key). The default says yes: a full run every poll.
  virtual absl::StatusOr<bool> AnyDue(absl::Time /*now*/) { return true; }
  // Deletes at most `limit` sent messages whose done time is before
  // `sent_before` (Dispatcher::Options::keep_sent); returns how many. The
  // default keeps everything.
  virtual absl::StatusOr<int64_t> PurgeSent(absl::Time /*sent_before*/, int /*limit*/) { return 0; }
  // Calls `wake` after every commit in this process that enqueued into this
  // outbox; returns the id Unwatch takes. The default never calls it.
  virtual int WatchEnqueues(std::function<void()> /*wake*/) { return -1; }
  virtual void Unwatch(int /*id*/) {}

  virtual absl::StatusOr<Counts> CountsOf(const std::string& tenant) = 0;
  // Every tenant with a pending or failed message.
  virtual absl::StatusOr<std::map<std::string, Counts>> AllCounts() = 0;
  // Messages by id, after `after_id`, at most `limit`.
  virtual absl::StatusOr<std::vector<Status>> List(const std::string& tenant,
                                                   const ListFilter& filter,
                                                   const std::string& after_id, int limit) = 0;
  // Puts a failed message back in the queue, due at `now` with its attempts
  // reset to 0 (else with max_attempts > 0 it would get one try and fail again);
  // NOT_FOUND when the tenant has no failed message `id`, FAILED_PRECONDITION
  // when the table clears payloads when done (nothing left to send).
  virtual absl::Status Retry(const std::string& tenant, const std::string& id, absl::Time now) = 0;
};

}  // namespace engage::outbox

#endif  // ENGAGE_COMMON_OUTBOX_OUTBOX_H_
