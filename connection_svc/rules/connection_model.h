#ifndef ENGAGE_CONNECTION_SVC_RULES_CONNECTION_MODEL_H_
#define ENGAGE_CONNECTION_SVC_RULES_CONNECTION_MODEL_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/auth/identity.h"

namespace engage::connection {

// How a connection was first made (column connections.origin).
enum class Origin { kUnknown = 0, kInvite = 1, kMeeting = 2, kRemoteClm = 3, kMeetingRequest = 4 };

// Who ended an inactive connection (column connections.ended_by, SEC-06).
// kUnrecorded: ended before this was recorded (or the row is active).
enum class EndedBy { kUnrecorded = 0, kHcp = 1, kFieldUser = 2, kRemoval = 3 };

// A connection between one field user and one HCP (CON-09: deactivated, never
// deleted).
struct Connection {
  std::string connection_id;
  std::string field_user_profile_id;
  std::string hcp_profile_id;
  bool active = true;
  absl::Time create_time;
  absl::Time inactivation_time = absl::InfinitePast();
  EndedBy ended_by = EndedBy::kUnrecorded;
};

// The act a connect stands on (SEC-05, SEC-06): who reported or made it (the
// role of the token: the HCP themself, the meeting or content system's
// INTEGRATION identity, ...) and when it happened.
struct ConnectAct {
  auth::Role actor = auth::kNoRole;
  absl::Time time;
};

struct ConnectionPage {
  std::vector<Connection> connections;
  bool more = false;
};

// What one change-feed entry records (CON-11); kNone: nothing changed.
enum class ChangeKind { kNone = 0, kCreated = 1, kDeactivated = 2, kReactivated = 3 };

struct ConnectResult {
  Connection connection;
  ChangeKind change = ChangeKind::kNone;
  // ResolveInteraction only: why a rule (SEC-05, SEC-06) left it unconnected.
  absl::Status refusal;
};

struct Change {
  int64_t sequence = 0;
  ChangeKind kind = ChangeKind::kNone;
  std::string connection_id;
  std::string field_user_profile_id;
  std::string hcp_profile_id;
  absl::Time change_time;
};

enum class InviteChannel { kUnspecified = 0, kApprovedEmail = 1, kLink = 2, kQrCode = 3 };
// As stored; "expired" is not stored but derived from expire_time.
enum class InviteState {
  kUnspecified = 0,
  kPending = 1,
  kAccepted = 2,
  kDeclined = 3,
  kRevoked = 4
};
// CON-05: whether the accepting HCP still has to be linked to the account.
enum class LinkState { kNone = 0, kPending = 1, kLinked = 2 };

// The e-mail of an APPROVED_EMAIL invite (CON-13). kNone: the invite has
// none, or it was not read with the invite.
enum class MailState { kNone = 0, kPending = 1, kSent = 2, kFailed = 3 };
struct MailDelivery {
  MailState state = MailState::kNone;
  absl::Time state_time = absl::InfinitePast();
  std::string last_error;
  int attempts = 0;
};
// An e-mail as rendered from its template, every header value checked
// (mail_rules), queued with its invite.
struct RenderedMail {
  std::string subject;
  std::string body;  // plain text, UTF-8
};
struct OutgoingMail {
  std::string to_address;
  std::string to_name;
  std::string from_name;  // the inviter; the address is the mesh's sender
  RenderedMail content;
};

struct Invite {
  std::string invite_id;
  InviteChannel channel = InviteChannel::kUnspecified;
  std::string inviter_profile_id;
  std::string inviter_subject;
  std::string recipient_email;
  std::string org_id;
  std::string account_id;
  InviteState state = InviteState::kPending;
  absl::Time create_time;
  absl::Time expire_time;
  absl::Time state_time;
  std::string hcp_profile_id;
  std::string connection_id;
  LinkState link_state = LinkState::kNone;
  // Only read for the inviter and admins (GetInvite, CreateInvite).
  MailDelivery mail;
};

struct AcceptResult {
  Invite invite;
  ConnectResult connected;
};

// Something that may become an automatic connection (CON-06, CON-07).
enum class InteractionKind { kMeetingAttendance = 1, kRemoteClmView = 3 };
struct Interaction {
  std::string interaction_id;
  InteractionKind kind = InteractionKind::kMeetingAttendance;
  std::string source_id;  // meeting or presentation id
  std::string host_profile_id;
  std::string hcp_profile_id;  // empty when known only by email
  std::string email;           // lower case; empty when signed in
  absl::Time create_time;
  // The role of the token that reported it (SEC-05: only the HCP's own or the
  // INTEGRATION identity's reports connect).
  auth::Role reporter = auth::kNoRole;
};

// The field user's view of one HCP profile.
enum class PairStatus { kNotConnected = 1, kConnected = 2, kDisconnected = 3 };
struct ProfileStatus {
  std::string hcp_profile_id;
  PairStatus status = PairStatus::kNotConnected;
  std::string connection_id;
};

// The post-processing job of one tenant (CON-08).
struct JobState {
  bool running = false;
  absl::Time last_start_time = absl::InfinitePast();
  absl::Time last_end_time = absl::InfinitePast();
};

// A profile deleted (PRF-11) or merged away (PRF-12) in profile_svc, as its
// removals feed reports it.
struct ProfileRemoval {
  std::string cursor;
  std::string profile_id;
  std::string merged_into_profile_id;  // PRF-12: the survivor; empty for a deletion
  absl::Time time;
};

// A profile as profile_svc describes its owner: the facts the rules about
// the profiles a request names (profile_checks) decide on.
enum class ProfileKind { kUnspecified = 0, kStaff = 1, kHcp = 2 };

struct ProfileOwner {
  std::string profile_id;
  ProfileKind kind = ProfileKind::kUnspecified;
  std::string subject;
  bool deleted = false;
  // A staff profile's CRM org (its user's org), which SEC-08 holds an
  // invite's account to; empty for a user in no org.
  std::string org_id;
};

// What applying one removal changed: the connections it deactivated and the
// open invites of the removed profile it revoked (SEC-09), for the audit
// trail (SEC-12).
struct RemovalResult {
  std::vector<Connection> deactivated;
  std::vector<std::string> revoked_invite_ids;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_RULES_CONNECTION_MODEL_H_
