#ifndef ENGAGE_TESTS_SUPPORT_TEST_ENV_H_
#define ENGAGE_TESTS_SUPPORT_TEST_ENV_H_

#include <string>

#include "common/auth/identity.h"
#include "common/auth/jwt.h"
#include "common/mysql/pool.h"

namespace engage::testing {

// The HS256 secret every test process and every binary started by a test uses.
constexpr char kTestSecret[] = "engage-test-secret-0123456789abcdef-0123456789";

// The build folder of this test run (CTest sets ENGAGE_TEST_DIR): the test
// MariaDB lives in test-mariadb/, process logs go to test-logs/.
std::string TestDir();

// Connection settings of the MariaDB the test run started (CTest fixture
// "mariadb": scripts/test-db.sh writes its port beside its data).
mysql::DbConfig TestServerConfig(const std::string& database = "engage");

// A bearer token for `role` in `tenant` signed with kTestSecret, valid for an
// hour, with the iss/aud of `scope` when it names them.
std::string Token(auth::Role role, const std::string& tenant, const std::string& subject,
                  const auth::TokenScope& scope = {});

// A TCP port on 127.0.0.1, free now and held for this process among the
// machine's test processes until it exits (outside the ephemeral range).
int FreePort();

// A fresh lowercase random name, e.g. for tenants and databases.
std::string UniqueName(const std::string& prefix);

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_TEST_ENV_H_
