#!/usr/bin/env bash
# The chart and the binaries agree on every variable: renders the chart with
# tests/helm/local-values.yaml, takes the environment it gives each container
# (tests/helm/chart_env.py), checks every name is one the binary declares
# (its --help), then starts each binary with exactly that environment (secrets,
# hosts and ports replaced by local ones) against the test MariaDB: migrate must
# exit 0, and every service must be SERVING through the gateway.
# Usage: chart_env_starts_binaries.sh BUILD_DIR   (the test MariaDB must be running)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
bin=$build/bin
helm=${HELM:-$root/tools/node_modules/.bin/helm}
buf=$root/tools/node_modules/.bin/buf
source "$root/scripts/lib/mariadb.sh"
db_dir=$ENGAGE_TEST_DIR/test-mariadb
db_port=$(cat "$db_dir/port")
db=chart_$$
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  mariadb_sql "$db_dir" "DROP DATABASE IF EXISTS $db"
  rm -rf "$work"
}
trap cleanup EXIT
mariadb_sql "$db_dir" "CREATE DATABASE $db"
"$helm" template engage "$root/helm/engage-mesh" -f "$root/tests/helm/local-values.yaml" > "$work/manifests.yaml"
# The mounted service token (ENGAGE_SERVICE_TOKEN_FILE): a SERVICE token for the test's key.
ENGAGE_JWT_HS256_SECRET=chart-env-test-secret-0123456789abcdef012345 \
  "$bin/engage-mint-token" --role SERVICE --tenant '*' --subject chart-env > "$work/service-token"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
declare -A port=([gateway]=$(free_port) [profile]=$(free_port) [connection]=$(free_port) [promomats]=$(free_port))
declare -A binary=([gateway]=engage-gateway [profile]=engage-profile [connection]=engage-connection
                   [promomats]=engage-promomats [migrate]=engage-migrate)
failures=0

# Prints the chart's environment of component $1, made local.
local_env() {
  python3 "$root/tests/helm/chart_env.py" "$work/manifests.yaml" "$1" | python3 -c '
import re, sys
ports = dict(p.split("=") for p in sys.argv[1].split(","))
me, db, db_port, token_file = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
secrets = {"db-password": "engage", "jwt-hs256-secret": "chart-env-test-secret-0123456789abcdef012345"}
for line in sys.stdin:
    name, _, value = line.rstrip("\n").partition("=")
    m = re.fullmatch(r"<secret:[^/]+/(.+)>", value)
    if m:
        if m.group(1) not in secrets:
            continue  # optional secrets (the service token) are left unset locally
        value = secrets[m.group(1)]
    if name == "ENGAGE_SERVICE_TOKEN_FILE": value = token_file
    if name == "ENGAGE_DB_HOST": value = "127.0.0.1"
    if name == "ENGAGE_DB_PORT": value = db_port
    if name == "ENGAGE_DB_NAME": value = db
    if name == "ENGAGE_GRPC_HOST": value = "127.0.0.1"
    if name == "ENGAGE_GRPC_PORT": value = ports[me]
    if name in ("ENGAGE_METRICS_PORT", "ENGAGE_HEALTH_PORT", "ENGAGE_PAGE_PORT"): value = "0"
    value = re.sub(r"dns:///engage-(\w+):\d+", lambda t: "dns:///127.0.0.1:" + ports[t.group(1)], value)
    print(name + "=" + value)
' "gateway=${port[gateway]},profile=${port[profile]},connection=${port[connection]},promomats=${port[promomats]}" \
    "$1" "$db" "$db_port" "$work/service-token"
}

for component in migrate profile connection promomats gateway; do
  env_file=$work/$component.env
  local_env "$component" > "$env_file"
  declared=$("$bin/${binary[$component]}" --help | grep -o 'ENGAGE_[A-Z0-9_]*' | sort -u)
  for name in $(cut -d= -f1 "$env_file"); do
    if ! grep -qx "$name" <<<"$declared"; then
      echo "FAIL: the chart gives $component $name, which ${binary[$component]} does not declare"
      failures=$((failures + 1))
    fi
  done
  mapfile -t vars < "$env_file"
  if [ "$component" = migrate ]; then
    if env -i PATH="$PATH" "${vars[@]}" "$bin/engage-migrate" > "$work/migrate.log" 2>&1; then
      echo "ok: engage-migrate with the chart's environment"
    else
      echo "FAIL: engage-migrate with the chart's environment:"; cat "$work/migrate.log"
      failures=$((failures + 1))
    fi
  else
    env -i PATH="$PATH" "${vars[@]}" "$bin/${binary[$component]}" > "$work/$component.log" 2>&1 &
    pids+=($!)
  fi
done

for service in "" engage.profile.v1.ProfileService engage.connection.v1.ConnectionService \
               engage.promomats.v1.PromoMatsService; do
  ok=0
  for i in $(seq 1 60); do
    if "$buf" curl --protocol grpc --http2-prior-knowledge -d "{\"service\":\"$service\"}" \
        "http://127.0.0.1:${port[gateway]}/grpc.health.v1.Health/Check" 2>/dev/null | grep -q '"SERVING"'; then
      ok=1; break
    fi
    sleep 0.5
  done
  if [ $ok = 1 ]; then echo "ok: '${service:-gateway}' SERVING with the chart's environment"; else
    echo "FAIL: '${service:-gateway}' not SERVING"; tail -5 "$work"/*.log; failures=$((failures + 1)); fi
done
echo "$((4 + 5 - failures)) passed, $failures failed"
[ $failures = 0 ]
