#!/usr/bin/env bash
# The README's first examples, as written: the ```sh block of "Calling the mesh with buf curl" runs against a fresh
# mesh loaded with up.sh's demo data and up.sh's local HS256 key; only the gateway address and the build folder are
# the test's own. Every buf curl must succeed (it exits non-zero on an error status) and the answers must show what
# the comments promise; a second run must behave as the README says (the same people, StartSync refused: SYN-07).
# Usage: readme_examples.sh BUILD_DIR (the test MariaDB must be running; ENGAGE_TEST_DIR set).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
source "$root/scripts/lib/mariadb.sh"
source "$root/scripts/lib/mesh.sh"
source "$root/tests/e2e/lib/mesh_fixture.sh"

block=$(awk '/^## Calling the mesh with buf curl/ {in_section = 1; next}
             in_section && /^## / {exit}
             in_section && /^```sh/ {in_block = 1; next}
             in_block && /^```/ {exit}
             in_block {print}' "$root/README.md")
grep -q '^GW=http://127.0.0.1:50050$' <<<"$block" || { echo "FAIL the README block no longer sets GW=..."; exit 1; }
secret=$(sed -n 's/^export ENGAGE_JWT_HS256_SECRET=\([^ ]*\).*/\1/p' <<<"$block")
grep -q "ENGAGE_JWT_HS256_SECRET:-$secret}" "$root/scripts/up.sh" ||
  { echo "FAIL the README's key ($secret) is not the one scripts/up.sh uses"; exit 1; }

export ENGAGE_JWT_HS256_SECRET=$secret
mesh_fixture_up "$build" readme
"$root/scripts/demo-data.sh" "$mesh_gateway" >/dev/null

script=$(sed -e "s|^GW=http://127.0.0.1:50050\$|GW=http://$mesh_gateway|" -e "s|build/bin/|${ENGAGE_TEST_BIN_DIR:-$build/bin}/|g" <<<"$block")
expect_in() {  # RUN OUTPUT TEXT...
  local run=$1 out=$2 expected
  shift 2
  for expected in "$@"; do
    grep -qF -- "$expected" <<<"$out" || { echo "FAIL run $run: no $expected in:"; echo "$out"; exit 1; }
  done
}
people=('"email": "priya.shah@verteo.example"' '"email": "lena.berg@clinic.example"' '"state": "CONNECTION_STATE_ACTIVE"')
out=$(cd "$root" && bash -euo pipefail -c "$script" 2>&1) || { echo "FAIL run 1:"; echo "$out"; exit 1; }
expect_in 1 "$out" '"SERVING"' "${people[@]}" '"status": "SYNC_STATUS_' 'Verteo CRM US'
echo "ok   run 1: every call succeeded"
# Again, as the README says: the same user, HCP and connection, a new invite, then StartSync refused (SYN-07).
if out=$(cd "$root" && bash -euo pipefail -c "$script" 2>&1); then
  echo "FAIL run 2: StartSync accepted a second sync of the org within the hour"; exit 1
fi
expect_in 2 "$out" "${people[@]}" 'failed_precondition' 'SYN-07'
echo "ok   run 2: the same people and connection, StartSync refused by SYN-07"
echo "readme examples: 2 passed, 0 failed"
