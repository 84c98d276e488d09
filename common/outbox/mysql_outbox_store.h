#ifndef ENGAGE_COMMON_OUTBOX_MYSQL_OUTBOX_STORE_H_
#define ENGAGE_COMMON_OUTBOX_MYSQL_OUTBOX_STORE_H_

#include <string>
#include <vector>

#include "common/mysql/pool.h"
#include "common/outbox/outbox.h"

namespace engage::outbox {

// One outbox table per user, all of one shape (chosen over one generic table
// so that each user keeps its payload in typed columns of its own, erases and
// lists its rows with its own keys, and a busy outbox never slows another's
// claims). The shape, as a new user creates it in its migration:
//
//   CREATE TABLE my_outbox (
//     tenant_id VARCHAR(64) NOT NULL,
//     message_id VARCHAR(64) NOT NULL,         -- unique per tenant; idempotency key
//     order_key VARCHAR(128) NOT NULL,         -- delivered in order per key
//     position BIGINT NOT NULL AUTO_INCREMENT, -- order within the key
//     state TINYINT NOT NULL DEFAULT 0,        -- 0 pending, 1 sent, 2 failed
//     attempts INT NOT NULL DEFAULT 0,         -- failed attempts
//     next_attempt_time DATETIME(6) NOT NULL,
//     last_error VARCHAR(1000) NOT NULL DEFAULT '',
//     create_time DATETIME(6) NOT NULL,
//     done_time DATETIME(6) NULL,              -- when sent or given up
//     ... payload columns of your own ...
//     PRIMARY KEY (tenant_id, message_id),
//     UNIQUE KEY my_outbox_position (position),
//     KEY my_outbox_due (state, tenant_id, next_attempt_time),
//     KEY my_outbox_wake (state, next_attempt_time),  -- the replicas' poll
//     KEY my_outbox_order (tenant_id, order_key, position)
//   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
//
// `position` may instead be set by the caller (NewMessage::position > 0),
// e.g. a document's version; then it needs no AUTO_INCREMENT, and messages
// of one key with equal positions go in message id order. Tables older
// than the shape map their own names for id, key, position, state and done
// time through OutboxTable (migration 0040 fitted the two existing ones):
//   pmx_deliveries      message_id, order_key, seq, status, deliver_time
//   profile_data_outbox event_id, profile_id, position, state, sent_time
//                       (payload category_code, response_code; sent_time is
//                       NULL until sent, so "undelivered" is sent_time IS NULL)
struct OutboxTable {
  std::string name;
  std::string id_column = "message_id";
  std::string key_column = "order_key";
  std::string position_column = "position";
  std::string state_column = "state";
  std::string done_time_column = "done_time";
  // Read into Message::payload / written from NewMessage::payload, in order.
  std::vector<std::string> payload_columns;
  // Payload columns set to '' when a message is done (sent or given up), in
  // the transaction that records it: for payloads that must not outlive the
  // delivery, e.g. a secret in an e-mail. A failed message of such a table
  // cannot be Retry'd (its payload is gone): FAILED_PRECONDITION.
  std::vector<std::string> clear_when_done_columns;
};

// A message to enqueue.
struct NewMessage {
  std::string tenant;
  std::string id;
  std::string key;
  int64_t position = 0;               // 0: the table's AUTO_INCREMENT numbers it
  std::vector<mysql::Value> payload;  // one per OutboxTable::payload_columns
  absl::Time now;
};

// Inserts `message` pending and due now, in the caller's transaction `s`
// (ALREADY_EXISTS when its id is taken: the caller's transaction decides).
// Once that transaction commits, this process's dispatchers of the table
// (over the same pool) are woken.
absl::Status Enqueue(mysql::Session& s, const OutboxTable& table, const NewMessage& message);
// Wakes them the same way for a message inserted by hand in `s`.
void WakeAfterCommit(mysql::Session& s, const OutboxTable& table);
// Gives up message `id` if it is still pending, in the caller's transaction
// `s` (the one that makes it moot): state failed with `why` as its last
// error, its clear_when_done_columns cleared as for a delivered one. A
// dispatcher claims only pending messages and records an outcome only while
// the message is still its claim.
absl::Status GiveUp(mysql::Session& s, const OutboxTable& table, const std::string& tenant,
                    const std::string& id, const std::string& why, absl::Time now);

// How long a claim holds a message while it is delivered; a delivery must end
// well within it (every DeliverFn of the mesh has a timeout under a minute by
// default). A crash mid-delivery delays that message by at most this much.
inline constexpr absl::Duration kDefaultLease = absl::Minutes(2);

class MysqlOutboxStore final : public Store {
 public:
  // The table's names are the program's own constants (checked to be plain
  // identifiers at construction: a bad one aborts at start-up).
  MysqlOutboxStore(mysql::Pool& pool, OutboxTable table, absl::Duration lease = kDefaultLease);

  const std::string& name() const override { return table_.name; }
  absl::StatusOr<std::vector<std::string>> TenantsWithPending() override;
  absl::StatusOr<std::vector<std::string>> Due(const std::string& tenant, absl::Time now,
                                               int limit) override;
  absl::StatusOr<Processed> Process(
      const std::string& tenant, const std::string& id, absl::Time now,
      const std::function<absl::StatusOr<Record>(const Message&)>& attempt) override;
  absl::StatusOr<bool> AnyDue(absl::Time now) override;
  // Wants an index (state, done time) on the table (migration 0110 gave
  // profile_data_outbox one).
  absl::StatusOr<int64_t> PurgeSent(absl::Time sent_before, int limit) override;
  int WatchEnqueues(std::function<void()> wake) override;
  void Unwatch(int id) override;
  absl::StatusOr<Counts> CountsOf(const std::string& tenant) override;
  absl::StatusOr<std::map<std::string, Counts>> AllCounts() override;
  absl::StatusOr<std::vector<Status>> List(const std::string& tenant, const ListFilter& filter,
                                           const std::string& after_id, int limit) override;
  absl::Status Retry(const std::string& tenant, const std::string& id, absl::Time now) override;

 private:
  // The claim: `m` filled and its lease (next_attempt_time = `lease_until`)
  // committed, or false when the message is not this dispatcher's to deliver.
  absl::StatusOr<bool> Claim(const std::string& tenant, const std::string& id, absl::Time now,
                             absl::Time lease_until, Message& m, absl::Time& was_due);

  mysql::Pool& pool_;
  const OutboxTable table_;
  const absl::Duration lease_;
  std::string columns_;          // id, key, position, state, attempts, times, error, payload...
  std::string clear_when_done_;  // ", col = ''" per clear_when_done column
};

}  // namespace engage::outbox

#endif  // ENGAGE_COMMON_OUTBOX_MYSQL_OUTBOX_STORE_H_
