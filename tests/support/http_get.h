#ifndef ENGAGE_TESTS_SUPPORT_HTTP_GET_H_
#define ENGAGE_TESTS_SUPPORT_HTTP_GET_H_

#include <string>

namespace engage::testing {

// The body of GET `path` from 127.0.0.1:`port` (HTTP/1.1, Connection: close),
// or empty when the server does not answer 200.
std::string HttpGet(int port, const std::string& path);
// The same from `host` (an IPv4 address: a replica bound to 127.0.0.2).
std::string HttpGet(const std::string& host, int port, const std::string& path);

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_HTTP_GET_H_
