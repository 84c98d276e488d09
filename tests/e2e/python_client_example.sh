#!/usr/bin/env bash
# The Python client example against the real mesh: generates the Python stubs with buf.gen.yaml's local plugins
# into BUILD_DIR/gen/python (as the README says), starts the mesh on free loopback ports over a fresh database of
# the test MariaDB, loads the demo company, and runs clients/python/examples/invite_by_qr.py, which creates a
# field user, invites by QR code, has an HCP sign up and accept, reads the card, and checks from Python that
# errors carry google.rpc.BadRequest / ErrorInfo details the standard helper reads. Runs it twice: the example
# says it is safe to run again.
# Usage: python_client_example.sh BUILD_DIR (the test MariaDB must be running; ENGAGE_TEST_DIR set).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
bin=${ENGAGE_TEST_BIN_DIR:-$build/bin}  # scripts/sanitize.sh: the sanitized binaries
buf=$root/tools/node_modules/.bin/buf
python=/usr/bin/python3
source "$root/scripts/lib/mariadb.sh"
source "$root/scripts/lib/mesh.sh"
source "$root/tests/e2e/lib/mesh_fixture.sh"

if ! "$python" -c 'import grpc, google.protobuf' 2>/dev/null; then
  echo "python client example: $python lacks grpc or protobuf (apt-get install python3-grpcio)" >&2
  exit 1
fi
rm -rf "$build/gen/python"
(cd "$root" && "$buf" generate -o "$build")
[ -f "$build/gen/python/engage/profile/v1/profile_pb2_grpc.py" ] || { echo "buf generate wrote no stubs"; exit 1; }

mesh_fixture_up "$build" pyclient
"$root/scripts/demo-data.sh" "$mesh_gateway" >/dev/null

for run in 1 2; do
  echo "== run $run"
  PYTHONPATH="$build/gen/python:$root/clients/python" "$python" "$root/clients/python/examples/invite_by_qr.py" \
    --gateway "$mesh_gateway" --mint "$bin/engage-mint-token"
done
echo "python client example: 2 passed, 0 failed"
