#!/usr/bin/env bash
# Brings the whole mesh up on this machine: installs what is missing, builds,
# starts a private MariaDB (data under .data/, git-ignored), applies the
# migrations, starts the three services and the gateway, loads a demo company
# and prints how to call it with buf curl. Ctrl-C stops everything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
source "$root/scripts/lib/mariadb.sh"
source "$root/scripts/lib/mesh.sh"

db_dir=$root/.data/mariadb
db_port=${ENGAGE_UP_DB_PORT:-3307}
gateway_port=${ENGAGE_UP_PORT:-50050}
bin=$root/build/bin
buf=$root/tools/node_modules/.bin/buf

export ENGAGE_DB_HOST=127.0.0.1 ENGAGE_DB_PORT=$db_port ENGAGE_DB_NAME=engage
export ENGAGE_DB_USER=engage ENGAGE_DB_PASSWORD=engage ENGAGE_GRPC_HOST=127.0.0.1
# A local-only key: tokens minted with it are worthless anywhere else.
export ENGAGE_JWT_HS256_SECRET=${ENGAGE_JWT_HS256_SECRET:-engage-local-development-secret-not-for-production}

idle_pid=
stop_all() {
  trap - INT TERM EXIT
  [ -n "$idle_pid" ] && kill "$idle_pid" 2>/dev/null
  echo
  echo "stopping the mesh and MariaDB..."
  mesh_stop
  mariadb_stop "$db_dir"
  echo "stopped."
}
trap stop_all INT TERM EXIT

echo "starting MariaDB on 127.0.0.1:$db_port (data in .data/mariadb)"
mariadb_start "$db_dir" "$db_port"
"$bin/engage-migrate"
ENGAGE_MESH_METRICS_BASE=${ENGAGE_UP_METRICS_PORT:-9190} mesh_start "$bin" "$root/.data/logs" "$gateway_port"
mesh_wait_serving "$buf" "127.0.0.1:$gateway_port"
"$root/scripts/demo-data.sh" "127.0.0.1:$gateway_port"

admin=$("$bin/engage-mint-token" --role ADMIN --tenant verteo --subject alice.adams)
cat <<MSG

The Engage mesh is up. Gateway: 127.0.0.1:$gateway_port (logs in .data/logs/; Prometheus metrics
at http://127.0.0.1:${ENGAGE_UP_METRICS_PORT:-9190}/metrics for the gateway, +1..+3 for the services).
Try, from $root:

  export BUF="tools/node_modules/.bin/buf curl --protocol grpc --http2-prior-knowledge"
  \$BUF --list-methods http://127.0.0.1:$gateway_port
  \$BUF -d '{"service":"engage.profile.v1.ProfileService"}' http://127.0.0.1:$gateway_port/grpc.health.v1.Health/Check
  TOKEN=\$(build/bin/engage-mint-token --role ADMIN --tenant verteo --subject alice.adams)
  \$BUF -H "Authorization: Bearer \$TOKEN" -d '{}' http://127.0.0.1:$gateway_port/engage.promomats.v1.PromoMatsService/ListVaults

An ADMIN token of the demo company (valid one hour):
  $admin

Press Ctrl-C to stop everything.
MSG
# `wait` returns as soon as a signal arrives (a foreground sleep would hold
# the trap until it ended), so `kill` of this script stops all as Ctrl-C does.
sleep infinity &
idle_pid=$!
wait "$idle_pid"
