#!/usr/bin/env bash
# The README's way of calling the mesh, tried for real: every binary answers
# --help; buf curl lists every public service through the gateway by
# reflection and gets SERVING for each; a call with a token succeeds.
# Usage: buf_curl_smoke.sh BUILD_DIR (the test MariaDB must be running).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
bin=${ENGAGE_TEST_BIN_DIR:-$build/bin}  # scripts/sanitize.sh: the sanitized binaries
buf=$root/tools/node_modules/.bin/buf
source "$root/scripts/lib/mariadb.sh"
source "$root/scripts/lib/mesh.sh"
source "$root/tests/e2e/lib/mesh_fixture.sh"

for b in engage-gateway engage-profile engage-connection engage-promomats engage-migrate engage-mint-token; do
  # Captured first: `grep -q` stops reading at its first match, and under
  # pipefail the binary's SIGPIPE on its next line would fail the check.
  help=$("$bin/$b" --help)
  grep -q ENGAGE_ <<<"$help" || { echo "$b --help lists no variables"; exit 1; }
done

mesh_fixture_up "$build" smoke
base=${mesh_gateway##*:}

methods=$("$buf" curl --protocol grpc --http2-prior-knowledge --list-methods "http://127.0.0.1:$base")
for service in engage.profile.v1.ProfileService engage.connection.v1.ConnectionService \
               engage.promomats.v1.PromoMatsService grpc.health.v1.Health; do
  echo "$methods" | grep -q "^$service/" || { echo "missing $service in: $methods"; exit 1; }
done
if echo "$methods" | grep -q Internal; then echo "internal service listed: $methods"; exit 1; fi
"$root/scripts/demo-data.sh" "127.0.0.1:$base"
token=$("$bin/engage-mint-token" --role ADMIN --tenant verteo --subject alice.adams)
out=$("$buf" curl --protocol grpc --http2-prior-knowledge -H "Authorization: Bearer $token" -d '{}' \
  "http://127.0.0.1:$base/engage.promomats.v1.PromoMatsService/ListVaults")
echo "$out" | grep -q "Verteo CRM US" || { echo "unexpected: $out"; exit 1; }
echo "buf curl smoke: 1 passed, 0 failed"
