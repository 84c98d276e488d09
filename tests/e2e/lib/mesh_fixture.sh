# The mesh of a shell e2e test: a fresh database on the test MariaDB, migrated, the four servers started on free
# loopback ports with a local HS256 secret, waited for until SERVING; all stopped and the database dropped on exit.
# Source it (after scripts/lib/mariadb.sh and scripts/lib/mesh.sh), then:
#   mesh_fixture_up BUILD_DIR NAME   exports ENGAGE_DB_* and ENGAGE_JWT_HS256_SECRET, sets mesh_gateway (host:port)
# The binaries are BUILD_DIR/bin's, or ENGAGE_TEST_BIN_DIR's when set.
# Needs ENGAGE_TEST_DIR (CTest's mariadb fixture) and the pinned buf in tools/.
mesh_fixture_up() {
  local build=$1 name=$2 root
  local bin=${ENGAGE_TEST_BIN_DIR:-$build/bin}  # scripts/sanitize.sh: the sanitized binaries
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
  local db_dir=$ENGAGE_TEST_DIR/test-mariadb
  mesh_fixture_db=${name}_$$
  mariadb_sql "$db_dir" "CREATE DATABASE $mesh_fixture_db"
  export ENGAGE_DB_HOST=127.0.0.1 ENGAGE_DB_PORT=$(cat "$db_dir/port") ENGAGE_DB_NAME=$mesh_fixture_db
  export ENGAGE_DB_USER=engage ENGAGE_DB_PASSWORD=engage ENGAGE_GRPC_HOST=127.0.0.1
  export ENGAGE_JWT_HS256_SECRET=${ENGAGE_JWT_HS256_SECRET:-e2e-shell-test-secret-0123456789abcdef0123456789}
  local base
  base=$("$root/scripts/lib/free_port_block.py" 4)
  trap mesh_fixture_down EXIT
  "$bin/engage-migrate" >/dev/null
  mesh_start "$bin" "$build/test-logs/$name-$$" "$base"
  mesh_gateway=127.0.0.1:$base
  mesh_wait_serving "$root/tools/node_modules/.bin/buf" "$mesh_gateway"
}

mesh_fixture_down() {
  mesh_stop
  mariadb_sql "$ENGAGE_TEST_DIR/test-mariadb" "DROP DATABASE IF EXISTS $mesh_fixture_db"
}
