#!/usr/bin/env bash
# What an idle mesh costs with the outbox poll on (ENGAGE_OUTBOX_POLL_MS=50,
# the default) and off (0) (issue 20): statements per second MariaDB runs
# (its Questions counter) and CPU per second of each service and of mariadbd
# (/proc/PID/stat), over SECONDS with no calls at all. Prints one line per
# setting; writes nothing else.
#   bench/idle_poll.sh [--build-dir B] [--seconds N]   (default build/, 30 s)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib/mariadb.sh"
source "$root/scripts/lib/mesh.sh"
build=$root/build seconds=30
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    *) echo "idle_poll.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
bin=$build/bin
work=$build/idle-poll
db_dir=$work/mariadb
rm -rf "$work"
mkdir -p "$work/logs"
db_port=$("$root/scripts/lib/free_port_block.py" 4 100)
cleanup() {
  trap - EXIT INT TERM
  mesh_stop
  mariadb_stop "$db_dir"
}
trap cleanup EXIT INT TERM
mariadb_start "$db_dir" "$db_port" >/dev/null
mariadb_sql "$db_dir" "CREATE DATABASE idle;"
export ENGAGE_DB_HOST=127.0.0.1 ENGAGE_DB_PORT=$db_port ENGAGE_DB_NAME=idle
export ENGAGE_DB_USER=engage ENGAGE_DB_PASSWORD=engage ENGAGE_GRPC_HOST=127.0.0.1
export ENGAGE_JWT_HS256_SECRET=idle-poll-local-secret-not-for-production-0123456789
"$bin/engage-migrate" >"$work/logs/migrate.log" 2>&1
mariadb_pid=$(cat "$db_dir/mysqld.pid")
hz=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
questions() { mariadb_sql "$db_dir" "SHOW GLOBAL STATUS LIKE 'Questions'" | awk '/Questions/ {print $2}'; }

for poll in 50 0; do
  export ENGAGE_OUTBOX_POLL_MS=$poll
  base=$("$root/scripts/lib/free_port_block.py" 4 100)
  mesh_start "$bin" "$work/logs/poll-$poll" "$base"
  mesh_wait_serving "$root/tools/node_modules/.bin/buf" "127.0.0.1:$base"
  sleep 3
  names=(profile connection promomats mariadb)
  pids=("${mesh_pids[0]}" "${mesh_pids[1]}" "${mesh_pids[2]}" "$mariadb_pid")
  before=()
  for p in "${pids[@]}"; do before+=("$(cpu_ticks "$p")"); done
  q0=$(questions)
  sleep "$seconds"
  q1=$(questions)
  line="outbox-poll-ms=$poll: MariaDB statements/s $(python3 -c "print(f'{($q1 - $q0 - 1) / $seconds:.1f}')")"
  for i in "${!pids[@]}"; do
    after=$(cpu_ticks "${pids[$i]}")
    line+=", ${names[$i]} CPU $(python3 -c "print(f'{($after - ${before[$i]}) / $hz / $seconds * 1000:.1f}')") ms/s"
  done
  echo "$line"
  mesh_stop
done
