#ifndef ENGAGE_GATEWAY_INVITE_PAGE_ASSETS_H_
#define ENGAGE_GATEWAY_INVITE_PAGE_ASSETS_H_

namespace engage::gateway {

// The invite page's script and stylesheet, served as files of their own so
// that its Content-Security-Policy allows no inline script or style. The
// company's colours reach the stylesheet through CSS variables the script
// sets (CSSOM, which the CSP does not restrict), after checking RRGGBB.
extern const char kInvitePageScript[];
extern const char kInvitePageStyle[];

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_INVITE_PAGE_ASSETS_H_
