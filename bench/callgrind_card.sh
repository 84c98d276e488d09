#!/usr/bin/env bash
# Instructions per call of profile_svc under callgrind (issue 20): the card
# read (a field user's own staff card, as bench row 2) and the empty call
# (health Check, row 1), each counted over a fixed run after a warm-up, so
# the figures do not depend on how busy the machine is.
#
#   bench/callgrind_card.sh [--build-dir B] [--seconds N] [--out DIR]
#
# Writes DIR/card.callgrind, DIR/health.callgrind and DIR/summary.txt (default
# DIR: B/callgrind-card). Needs valgrind; starts its own MariaDB.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib/mariadb.sh"
build=${ENGAGE_BUILD_DIR:-$root/build} seconds=5 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "callgrind_card.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
bin=$build/bin
out=${out:-$build/callgrind-card}
mkdir -p "$out"
db_dir=$out/mariadb
db_port=$("$root/scripts/lib/free_port_block.py" 1)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  mariadb_stop "$db_dir"
}
trap cleanup EXIT INT TERM
ENGAGE_MARIADB_BUFFER_POOL=256M mariadb_start "$db_dir" "$db_port"
mariadb_sql "$db_dir" "DROP DATABASE IF EXISTS cg; CREATE DATABASE cg;"
export ENGAGE_DB_HOST=127.0.0.1 ENGAGE_DB_PORT=$db_port ENGAGE_DB_NAME=cg
export ENGAGE_DB_USER=engage ENGAGE_DB_PASSWORD=engage ENGAGE_GRPC_HOST=127.0.0.1
export ENGAGE_JWT_HS256_SECRET=callgrind-local-secret-not-for-production
export ENGAGE_SECRET_KEY=bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1rZXktMzJieXQ=
export ENGAGE_SYNC_SCHEDULER_TICK_SECONDS=0
"$bin/engage-migrate" >"$out/migrate.log" 2>&1

ports=$("$root/scripts/lib/free_port_block.py" 2)
profile_port=$ports connection_port=$((ports + 1))
# connection_svc runs natively (profile_svc's client of it is configured).
ENGAGE_GRPC_PORT=$connection_port ENGAGE_METRICS_PORT=0 \
  ENGAGE_PROFILE_TARGET="dns:///127.0.0.1:$profile_port" "$bin/engage-connection" \
  >"$out/connection.log" 2>&1 &
pids+=($!)
ENGAGE_GRPC_PORT=$profile_port ENGAGE_METRICS_PORT=0 \
  ENGAGE_CONNECTION_TARGET="dns:///127.0.0.1:$connection_port" \
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out/cg.%p" \
  "$bin/engage-profile" >"$out/profile.log" 2>&1 &
cg_pid=$!
pids+=($cg_pid)
target=127.0.0.1:$profile_port
for _ in $(seq 1 120); do grep -q "listening\|serving" "$out/profile.log" && break; sleep 0.5; done
sleep 2

admin=$("$bin/engage-mint-token" --role ADMIN --tenant cgtenant --subject cg.admin)
rep=$("$bin/engage-mint-token" --role FIELD_USER --tenant cgtenant --subject bench.rep)
profile_id=$("$bin/engage-bench" --target="$target" --setup-card=yes --token="$admin" \
  --deadline-ms=60000)

measure() {  # measure NAME engage-bench options...
  local name=$1
  shift
  "$bin/engage-bench" --target="$target" --concurrency=4 --channels=2 --warmup-seconds=0 \
    --duration-seconds=2 --deadline-ms=60000 "$@" >/dev/null
  callgrind_control -z "$cg_pid" >/dev/null
  callgrind_control -i on "$cg_pid" >/dev/null
  local line
  line=$("$bin/engage-bench" --target="$target" --concurrency=4 --channels=2 --warmup-seconds=0 \
    --duration-seconds="$seconds" --deadline-ms=60000 "$@")
  callgrind_control -i off "$cg_pid" >/dev/null
  callgrind_control -d "$name" "$cg_pid" >/dev/null
  sleep 1
  local file
  file=$(ls -t "$out"/cg.*.* 2>/dev/null | head -1)
  mv "$file" "$out/$name.callgrind"
  local calls ir
  calls=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['completed'])" "$line")
  ir=$(callgrind_annotate "$out/$name.callgrind" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",","",$1); print $1}' | head -1)
  echo "$name: $calls calls, $ir instructions, $((ir / calls)) per call" | tee -a "$out/summary.txt"
}
: >"$out/summary.txt"
measure health --call=health --health-service=engage.profile.v1.ProfileService
measure card --call=card --token="$rep" --profile-id="$profile_id"
echo "callgrind: $out/summary.txt, $out/{health,card}.callgrind (callgrind_annotate --inclusive=yes)"
