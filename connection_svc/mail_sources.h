#ifndef ENGAGE_CONNECTION_SVC_MAIL_SOURCES_H_
#define ENGAGE_CONNECTION_SVC_MAIL_SOURCES_H_

#include <string>

#include "absl/status/statusor.h"
#include "connection_svc/rules/mail_rules.h"

namespace engage::connection {

// The inviter's CRM org as promomats_svc finds its CRM vault: by the org's
// domain, among vaults of the org's type (PMX-06: a sandbox vault never
// stands in for a production org).
struct CrmOrgRef {
  std::string domain;
  bool sandbox = false;
};

// What an e-mail invite (CON-13) needs from the other services: the domain
// of the inviter's CRM org and the inviter's name (profile_svc), and the
// approved e-mail template that reached that org (promomats_svc, PMX-11).
// NOT_FOUND is the other service's "there is none"; its failures come back
// as UNAVAILABLE.
class MailSources {
 public:
  virtual ~MailSources() = default;
  virtual absl::StatusOr<CrmOrgRef> CrmOrg(const std::string& tenant,
                                           const std::string& org_id) = 0;
  // The name the inviter's own card shows (display name, else first and last
  // name), read with the inviter's own credentials (`authorization`, the
  // header of the call being served): a staff card is theirs to read.
  virtual absl::StatusOr<std::string> InviterName(const std::string& authorization,
                                                  const std::string& profile_id) = 0;
  // The template of the CRM org `org` named `name`, or its one invite
  // template when `name` is empty. FAILED_PRECONDITION when several match.
  virtual absl::StatusOr<InviteTemplate> Template(const std::string& tenant, const CrmOrgRef& org,
                                                  const std::string& name) = 0;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MAIL_SOURCES_H_
