#ifndef ENGAGE_CONNECTION_SVC_CONNECTION_SERVICE_H_
#define ENGAGE_CONNECTION_SVC_CONNECTION_SERVICE_H_

#include <string>

#include "common/audit/audit_trail.h"
#include "common/auth/active_callers.h"
#include "common/server/gatekeeper.h"
#include "common/server/unary_method.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "connection_svc/connection_store.h"
#include "connection_svc/interaction_store.h"
#include "connection_svc/invite_mailer.h"
#include "connection_svc/invite_store.h"
#include "connection_svc/post_processing.h"
#include "connection_svc/preview_limiter.h"
#include "connection_svc/profile_directory.h"
#include "connection_svc/rules/write_quota_rules.h"
#include "engage/connection/v1/connection.grpc.pb.h"

namespace engage::connection {

struct InviteSettings {
  std::string link_base = "https://engage.example.com/invite";
  absl::Duration ttl = absl::Hours(24 * 30);  // CON-03 (chosen): 30 days
  PreviewRate preview_rate;                   // CON-12: per caller, against guessing
  DailyCaps caps;                             // SEC-11: writes per caller per day
};

// gRPC handlers of engage.connection.v1.ConnectionService. Handlers for
// invites live in connection_service_invites.cc, automatic connections in
// connection_service_auto.cc. The Gatekeeper checks the role each method
// declares; the handlers check ownership and consent per object (SEC-05,
// SEC-06, SEC-08, SEC-09) and audit every change (SEC-12).
class ConnectionServiceImpl final : public engage::connection::v1::ConnectionService::Service {
 public:
  ConnectionServiceImpl(ConnectionStore& connections, InviteStore& invites,
                        InteractionStore& interactions, ProfileDirectory& profiles,
                        PostProcessor& jobs, const server::Gatekeeper& gate, const Clock& clock,
                        IdGenerator& ids, InviteSettings invite_settings,
                        auth::CallerDirectory& callers, audit::AuditTrail& audit,
                        InviteMailer& mailer)
      : connections_(connections),
        invites_(invites),
        interactions_(interactions),
        profiles_(profiles),
        jobs_(jobs),
        gate_(gate),
        clock_(clock),
        ids_(ids),
        invite_settings_(std::move(invite_settings)),
        previews_(invite_settings_.preview_rate, clock),
        callers_(callers),
        audit_(audit),
        mailer_(mailer) {}

  ENGAGE_UNARY_METHOD(ListConnections);
  ENGAGE_UNARY_METHOD(CreateInvite);
  ENGAGE_UNARY_METHOD(RevokeInvite);
  ENGAGE_UNARY_METHOD(AcceptInvite);
  ENGAGE_UNARY_METHOD(DeclineInvite);
  // connection_service_preview.cc (CON-12).
  ENGAGE_UNARY_METHOD(PreviewInvite);
  ENGAGE_UNARY_METHOD(GetInvite);
  ENGAGE_UNARY_METHOD(Disconnect);
  ENGAGE_UNARY_METHOD(RecordMeetingAttendance);
  ENGAGE_UNARY_METHOD(RecordRemoteClmView);
  ENGAGE_UNARY_METHOD(SubmitMeetingRequest);
  ENGAGE_UNARY_METHOD(RunPostProcessing);
  ENGAGE_UNARY_METHOD(BatchGetConnectionStatuses);

 private:
  // The profile named by request field `field`, from profile_svc; NOT_FOUND
  // names the field.
  absl::StatusOr<ProfileOwner> Owner(const grpc::ServerContext* context, const std::string& tenant,
                                     const std::string& profile_id, const std::string& field);
  // Before an accept: the invite of `token_hash` must be the caller's to
  // answer and open (SEC-08, CON-03); when its inviter was deactivated or
  // removed meanwhile, revokes it (audited) and returns FAILED_PRECONDITION
  // naming SEC-09.
  absl::Status RevokeIfInviterGone(const grpc::ServerContext* context, const auth::Identity& caller,
                                   const std::string& token_hash);

  ConnectionStore& connections_;
  InviteStore& invites_;
  InteractionStore& interactions_;
  ProfileDirectory& profiles_;
  PostProcessor& jobs_;
  const server::Gatekeeper& gate_;
  const Clock& clock_;
  IdGenerator& ids_;
  InviteSettings invite_settings_;
  PreviewLimiter previews_;
  // SEC-09: whether an invite's inviter may still act (profile_svc).
  auth::CallerDirectory& callers_;
  audit::AuditTrail& audit_;
  // CON-13: the e-mail of APPROVED_EMAIL invites.
  InviteMailer& mailer_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_CONNECTION_SERVICE_H_
