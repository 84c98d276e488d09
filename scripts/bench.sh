#!/usr/bin/env bash
# Measures the mesh on this machine against baselines taken in the same run
# and writes bench/RESULTS.md (issue 9). Not part of the test command: the
# test command runs only `--smoke` (seconds, nothing written to bench/).
#
#   scripts/bench.sh                      the full run (about 15 minutes: the soak is 10)
#   scripts/bench.sh --soak-seconds 120   the same with a shorter soak
#   scripts/bench.sh --smoke --build-dir B   CTest's smoke: 1-second runs on the test MariaDB
#   scripts/bench.sh --no-setup --only card   rows 2-3's card reads only (direct, gateway, nginx)
#   scripts/bench.sh --no-setup --only s6  some rows (a comma list: s1,s2,s4,s6,s7; s4 runs
#                                         s5 too, s7 needs s2): their JSON rows printed, nothing
#                                         written to bench/RESULTS.md, no profiling
#
# Options: --seconds N (each measured run, default 15), --warmup N (default 3),
# --concurrency N (closed loops and sysbench threads, default 16), --channels N
# (default 4), --soak-seconds N (default 600), --no-profile (skip perf/callgrind),
# --no-setup (skip install-deps.sh and the build), --out FILE (default bench/RESULTS.md),
# --sync-profiles N (scenario 4 and the large half of 5, default 1000000; 3 connections
# each), --sync-small-profiles N (the small half of 5, default 100000), --sync-changes N
# (profiles changed before the incremental sync, default 10000), --routing-rate N
# (scenario 6's document changes per second, default 10), --only card (the card read
# direct, through the gateway and through nginx grpc_pass, and its profiles; written to
# the run's folder, not bench/RESULTS.md, unless --out is given), --only LIST (see above).
#
# Everything runs on loopback: a private MariaDB (its own data folder under
# the build folder), the three services and the gateway, the baseline echo
# server, sysbench, the load generator (engage-bench) and the flows of
# scenarios 4-6 (engage-bench-flows).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib/mariadb.sh"
source "$root/scripts/lib/mesh.sh"
source "$root/scripts/lib/nginx.sh"

command_line="scripts/bench.sh${*:+ $*}"
loadavg_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
smoke=0 setup=1 build="" seconds=15 warmup=3 concurrency=16 channels=4 soak_seconds=600 do_profile=1
sync_profiles=1000000 sync_small=100000 sync_changes=10000 routing_rate=10
out=$root/bench/RESULTS.md only="" out_given=0
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --build-dir) build=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --concurrency) concurrency=$2; shift ;;
    --channels) channels=$2; shift ;;
    --soak-seconds) soak_seconds=$2; shift ;;
    --no-profile) do_profile=0 ;;
    --no-setup) setup=0 ;;
    --out) out=$2; out_given=1; shift ;;
    --sync-profiles) sync_profiles=$2; shift ;;
    --sync-small-profiles) sync_small=$2; shift ;;
    --sync-changes) sync_changes=$2; shift ;;
    --routing-rate) routing_rate=$2; shift ;;
    --only) only=$2; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$only" == card || "$only" =~ ^(s[1-7])?(,s[1-7])*$ ]] ||
  { echo "bench.sh: --only takes card, or rows such as s6 or s1,s2; got \"$only\"" >&2; exit 2; }
[ "$smoke" = 1 ] && only=""
rows_only=0  # --only LIST: those rows printed as JSON, no profiles, no RESULTS.md
[[ "$only" == s* ]] && rows_only=1 && do_profile=0
want() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }  # want s6: scenario 6 runs
for n in "$seconds" "$warmup" "$concurrency" "$channels" "$soak_seconds" "$sync_profiles" \
         "$sync_small" "$sync_changes" "$routing_rate"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "bench.sh: expected a number, got \"$n\"" >&2; exit 2; }
done

if [ "$smoke" = 1 ]; then
  build=${build:-${ENGAGE_TEST_DIR:?--smoke needs --build-dir or ENGAGE_TEST_DIR}}
  seconds=1 warmup=1 soak_seconds=2 do_profile=0 concurrency=4 channels=2
  sync_profiles=400 sync_small=200 sync_changes=20 routing_rate=5
else
  build=${build:-${ENGAGE_BUILD_DIR:-$root/build}}
  if [ "$setup" = 1 ]; then
    "$root/scripts/install-deps.sh"
    ENGAGE_BUILD_DIR=$build "$root/scripts/build.sh"
  fi
fi
bin=$build/bin
buf=$root/tools/node_modules/.bin/buf
work=$build/bench-$([ "$smoke" = 1 ] && echo smoke || echo run)
rm -rf "$work"
mkdir -p "$work/logs"
results=$work/results.jsonl
: >"$results"

free_port() {  # a base port whose +0..+3 and +100..+103 are all free
  "$root/scripts/lib/free_port_block.py" 4 100
}

echo_pid="" db_dir="" own_db=0
cleanup() {
  trap - EXIT INT TERM
  [ -n "$echo_pid" ] && kill "$echo_pid" 2>/dev/null && wait "$echo_pid" 2>/dev/null
  nginx_stop
  mesh_stop
  [ "$own_db" = 1 ] && mariadb_stop "$db_dir"
  true
}
trap cleanup EXIT INT TERM

# --- the database: the test run's in a smoke, a private one otherwise --------
if [ "$smoke" = 1 ]; then
  db_dir=$build/test-mariadb
  db_port=$(cat "$db_dir/port")
else
  db_dir=$build/bench-mariadb
  db_port=$(free_port)
  own_db=1
  # Sized so the 1,000,000-profile tenant's tables fit, as a production
  # database's would: at 512M the incremental sync of row 5 measured the
  # buffer pool's misses, not the sync (bench/NOTES.md, row 5).
  export ENGAGE_MARIADB_BUFFER_POOL=${ENGAGE_MARIADB_BUFFER_POOL:-4G}
  echo "bench: starting a private MariaDB on 127.0.0.1:$db_port (data in $db_dir)"
  mariadb_start "$db_dir" "$db_port"
fi
suffix=$(python3 -c 'import secrets; print(secrets.token_hex(4))')
db_name=bench_$suffix sb_db=sbtest_$suffix
mariadb_sql "$db_dir" "CREATE DATABASE $db_name; CREATE DATABASE $sb_db;"
# Statements over half a second are logged: where a sync's time goes (rows 4, 5).
[ "$own_db" = 1 ] && mariadb_sql "$db_dir" "SET GLOBAL long_query_time = 0.5;
  SET GLOBAL slow_query_log_file = '$work/logs/mariadb-slow.log'; SET GLOBAL slow_query_log = 1;"
mariadb_pid=$(cat "$db_dir/mysqld.pid")

export ENGAGE_DB_HOST=127.0.0.1 ENGAGE_DB_PORT=$db_port ENGAGE_DB_NAME=$db_name
export ENGAGE_DB_USER=engage ENGAGE_DB_PASSWORD=engage ENGAGE_GRPC_HOST=127.0.0.1
export ENGAGE_JWT_HS256_SECRET=bench-local-secret-$suffix-not-for-production
# One identity of one tenant produces all the load: the gateway's per-caller
# and per-tenant limits (rate and concurrency shares, protections against one
# client or tenant, SEC-11) are lifted so the bench measures the gateway's
# cost, not its throttles.
export ENGAGE_RATE_LIMIT_PER_SECOND=1000000 ENGAGE_RATE_LIMIT_BURST=1000000
export ENGAGE_TENANT_RATE_LIMIT_PER_SECOND=1000000 ENGAGE_TENANT_RATE_LIMIT_BURST=1000000
export ENGAGE_MAX_CONCURRENT_CALLS_PER_CALLER=1000 ENGAGE_MAX_CONCURRENT_CALLS_PER_TENANT=1000
# No scheduled sync runs into the timed ones of scenarios 4 and 5.
export ENGAGE_SYNC_SCHEDULER_TICK_SECONDS=0
"$bin/engage-migrate" >"$work/logs/migrate.log" 2>&1

# --- the mesh and the baseline server ------------------------------------------
base=$(free_port)
mesh_start "$bin" "$work/logs" "$base"
profile_pid=${mesh_pids[0]} connection_pid=${mesh_pids[1]}
promomats_pid=${mesh_pids[2]} gateway_pid=${mesh_pids[3]}
gateway=127.0.0.1:$base profile=127.0.0.1:$((base + 1))
mesh_wait_serving "$buf" "$gateway"
"$bin/engage-bench-echo" --grpc-port=0 >"$work/logs/echo.log" 2>&1 &
echo_pid=$!
for _ in $(seq 1 50); do grep -q "listening on" "$work/logs/echo.log" && break; sleep 0.1; done
echo_addr=127.0.0.1:$(awk '/listening on/ {print $3}' "$work/logs/echo.log")
mesh_procs="gateway=$gateway_pid,profile=$profile_pid,connection=$connection_pid,promomats=$promomats_pid,mariadb=$mariadb_pid"

load() {  # load LABEL TARGET [engage-bench options...]
  local label=$1 target=$2
  shift 2
  echo "bench: $label"
  "$bin/engage-bench" --label="$label" --target="$target" --channels="$channels" \
    --warmup-seconds="$warmup" --duration-seconds="$seconds" --out="$results" "$@" >/dev/null
}

# --- 1. empty call: health Check on a service vs the minimal server ----------
if want s1; then
  load s1.service "$profile" --call=health --health-service=engage.profile.v1.ProfileService \
    --concurrency="$concurrency" --pids="profile=$profile_pid"
  load s1.echo "$echo_addr" --call=health --concurrency="$concurrency" --pids="echo=$echo_pid"
fi

# --- 2 and 3. business card: direct, through the gateway, vs sysbench ---------
admin=$("$bin/engage-mint-token" --role ADMIN --tenant "bench$suffix" --subject bench.admin)
rep=$("$bin/engage-mint-token" --role FIELD_USER --tenant "bench$suffix" --subject bench.rep \
  --ttl-seconds $((soak_seconds + 3600)))
profile_id=$("$bin/engage-bench" --target="$gateway" --setup-card=yes --token="$admin")
card=(--call=card --token="$rep" --profile-id="$profile_id")
nginx_workers=$(nproc)
if want s2 || [ "$only" = card ]; then
load s2.direct "$profile" "${card[@]}" --concurrency="$concurrency" --pids="$mesh_procs"
load s2.gateway "$gateway" "${card[@]}" --concurrency="$concurrency" --pids="$mesh_procs"
# The peer proxy (row 3): Debian's nginx, grpc_pass to the same profile_svc,
# the same call with the same token. One worker per core: the gateway's gRPC
# threads are not bounded either, both share all the machine's cores.
nginx_port=$(free_port)
nginx_start "$work/nginx" "$nginx_port" "$profile" "$nginx_workers"
nginx_addr=127.0.0.1:$nginx_port
nginx_procs="nginx.master=$nginx_pid"
i=0
for pid in $(nginx_worker_pids); do nginx_procs="$nginx_procs,nginx.$i=$pid"; i=$((i + 1)); done
load s2.nginx "$nginx_addr" "${card[@]}" --concurrency="$concurrency" \
  --pids="$nginx_procs,profile=$profile_pid,mariadb=$mariadb_pid"
fi  # s2's reads

# --only card skips row 2's sysbench (not indented, to keep the rows' lines as they are).
if want s2; then
echo "bench: s2.sysbench (oltp_point_select, $concurrency threads)"
sb=(sysbench oltp_point_select --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$db_port"
    --mysql-user=engage --mysql-password=engage --mysql-db="$sb_db" --tables=1 --table-size=10000
    --threads="$concurrency")
"${sb[@]}" prepare >"$work/logs/sysbench-prepare.log" 2>&1
# sysbench 1.0 has no warm-up option: a first short run warms the buffer pool.
"${sb[@]}" --time="$warmup" run >"$work/logs/sysbench-warmup.log" 2>&1
for pct in 50 99; do
  "${sb[@]}" --time="$seconds" --percentile=$pct run >"$work/logs/sysbench-p$pct.log" 2>&1
done
python3 - "$work/logs" "$concurrency" "$results" <<'PY'
import json, re, sys
logs, threads, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def read(p):
    return open(f"{logs}/sysbench-p{p}.log").read()
text = read(50)
qps = float(re.search(r"queries:\s+\d+\s+\(([\d.]+) per sec", text).group(1))
errors = int(re.search(r"ignored errors:\s+(\d+)", text).group(1))
p50 = float(re.search(r"50th percentile:\s+([\d.]+)", text).group(1))
p99 = float(re.search(r"99th percentile:\s+([\d.]+)", read(99)).group(1))
row = {"label": "s2.sysbench", "call": "oltp_point_select", "mode": "closed",
       "concurrency": threads, "qps": qps, "p50_ms": p50, "p99_ms": p99,
       "codes": {"OK": 1} if errors == 0 else {"OK": 1, "ERROR": errors}}
open(out, "a").write(json.dumps(row) + "\n")
PY
"${sb[@]}" cleanup >/dev/null 2>&1 || true
fi  # s2's sysbench

# --- 4 and 5: full CRM sync vs LOAD DATA, incremental on small vs large ------
# engage-bench-flows seeds each tenant in SQL, makes its org through the
# gateway, times a full sync and then an incremental one of --sync-changes
# changed profiles (rows s4.full.N and s5.incremental.N). The baseline is
# LOAD DATA LOCAL INFILE of the very rows the full sync wrote, into the same
# tables of the same MariaDB (row s4.load.N): exported, deleted, loaded.
flows=("$bin/engage-bench-flows" --target="$gateway" --out="$results")
if want s4 || want s5; then
for n in "$sync_small" "$sync_profiles"; do
  echo "bench: s4/s5 sync of $n profiles ($((n * 3)) connections), then $sync_changes changes"
  sync_tenant=bsync${n}x$suffix
  "${flows[@]}" --scenario=sync --tenant="$sync_tenant" --profiles="$n" --changes="$sync_changes" \
    2>>"$work/logs/flows.log" >/dev/null || { tail -5 "$work/logs/flows.log" >&2; exit 1; }
done
echo "bench: s4.load (LOAD DATA LOCAL INFILE of the $sync_profiles-profile sync's rows)"
sync_tenant=bsync${sync_profiles}x$suffix
rm -f "$work"/crm_*.tsv
for t in profiles connections; do
  mariadb_sql "$db_dir" "SELECT * FROM $db_name.crm_engage_$t WHERE tenant_id = '$sync_tenant'
    INTO OUTFILE '$work/crm_$t.tsv'; DELETE FROM $db_name.crm_engage_$t WHERE tenant_id = '$sync_tenant';"
done
load_start=$(date +%s.%N)
mariadb --no-defaults --local-infile=1 -h127.0.0.1 -P"$db_port" -uengage -pengage "$db_name" -e "
  LOAD DATA LOCAL INFILE '$work/crm_profiles.tsv' INTO TABLE crm_engage_profiles;
  LOAD DATA LOCAL INFILE '$work/crm_connections.tsv' INTO TABLE crm_engage_connections;"
load_end=$(date +%s.%N)
loaded=$(mariadb_sql "$db_dir" "SELECT (SELECT COUNT(*) FROM $db_name.crm_engage_profiles WHERE
  tenant_id = '$sync_tenant') + (SELECT COUNT(*) FROM $db_name.crm_engage_connections WHERE
  tenant_id = '$sync_tenant')" | tail -1)
python3 -c "import json,sys; rows, s = int(sys.argv[1]), float(sys.argv[3]) - float(sys.argv[2])
print(json.dumps({'label': 's4.load.' + sys.argv[4], 'rows': rows, 'seconds': s,
                  'rows_per_second': rows / s, 'codes': {'OK': 1}}))" \
  "$loaded" "$load_start" "$load_end" "$sync_profiles" >>"$results"
rm -f "$work"/crm_*.tsv

fi  # s4, s5

# --- 6: PromoMats routing, document change to CrossLinks in three CRMs ---------
if want s6; then
  echo "bench: s6.routing ($routing_rate changes/s for $seconds s)"
  "${flows[@]}" --scenario=promomats --tenant="bpmx$suffix" --rate="$routing_rate" \
    --seconds="$seconds" --dispatch-interval-ms=500 2>>"$work/logs/flows.log" >/dev/null \
    || { tail -5 "$work/logs/flows.log" >&2; exit 1; }
fi

# --- profile the card read through the gateway (where the goals are missed) ----
if [ "$do_profile" = 1 ]; then
  mkdir -p "$work/profiles"
  if perf record -o "$work/perf.test" -- true >/dev/null 2>&1; then
    echo "bench: profiling the card read with perf (gateway, profile_svc, mariadbd)"
    "$bin/engage-bench" --target="$gateway" "${card[@]}" --concurrency="$concurrency" \
      --channels="$channels" --warmup-seconds=1 --duration-seconds=$((seconds + 4)) >/dev/null &
    load_pid=$!
    sleep 2
    perf_pids=()
    for name in gateway profile mariadb; do
      pid_var=${name}_pid
      # The gateway's call stacks too: what its own steps (authentication, limits, the call
      # observer) cost with what they call, beside nginx (row 3).
      stacks=()
      [ "$name" = gateway ] && stacks=(--call-graph dwarf,16384)
      perf record -F 499 "${stacks[@]}" -p "${!pid_var}" -o "$work/profiles/$name.perf" \
        -- sleep "$seconds" >/dev/null 2>&1 &
      perf_pids+=($!)
    done
    # Only these: the servers of the mesh are children of this shell too.
    wait "$load_pid" "${perf_pids[@]}"
    # The same read through nginx, its workers sampled the same way (row 3).
    echo "bench: profiling the card read through nginx grpc_pass (its workers)"
    "$bin/engage-bench" --target="$nginx_addr" "${card[@]}" --concurrency="$concurrency" \
      --channels="$channels" --warmup-seconds=1 --duration-seconds=$((seconds + 4)) >/dev/null &
    load_pid=$!
    sleep 2
    perf record -F 499 -p "$(nginx_worker_pids | paste -sd,)" -o "$work/profiles/nginx.perf" \
      -- sleep "$seconds" >/dev/null 2>&1 &
    wait "$load_pid" $!
    for name in gateway profile mariadb nginx; do
      perf report -i "$work/profiles/$name.perf" --no-children --sort dso,symbol --stdio \
        --percent-limit 1.5 -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -25 \
        >"$work/profiles/$name.txt" || true
      perf report -i "$work/profiles/$name.perf" --no-children --sort dso --stdio -g none \
        2>/dev/null | grep -v '^#' | grep -v '^$' | head -12 >"$work/profiles/$name.dso.txt" || true
    done
    # Inclusive shares (the function and all it calls) of the gateway's own functions.
    perf report -i "$work/profiles/gateway.perf" --children --sort symbol --stdio -g none \
      --percent-limit 0.3 2>/dev/null | grep '\] engage::' | grep -v '(inlined)' | head -25 \
      >"$work/profiles/gateway.inclusive.txt" || true
  else
    echo "bench: perf unavailable here; profiling profile_svc under callgrind"
    cg_port=$(free_port)
    ENGAGE_GRPC_PORT=$cg_port ENGAGE_METRICS_PORT=-1 valgrind --tool=callgrind \
      --callgrind-out-file="$work/profiles/profile.callgrind" "$bin/engage-profile" \
      >"$work/logs/callgrind.log" 2>&1 &
    cg_pid=$!
    sleep 8
    "$bin/engage-bench" --target="127.0.0.1:$cg_port" "${card[@]}" --concurrency=4 \
      --warmup-seconds=2 --duration-seconds="$seconds" >/dev/null || true
    kill "$cg_pid"; wait "$cg_pid" 2>/dev/null || true
    callgrind_annotate --inclusive=no "$work/profiles/profile.callgrind" 2>/dev/null | head -40 \
      >"$work/profiles/profile.txt" || true
  fi
fi

# --- 7. soak at 70% of the gateway's peak card throughput ---------------------
if want s7; then
  # The smoke soaks at 25%: it runs beside other tests, and a peak measured in one
  # second on a busy machine is no rate to hold; it checks that nothing breaks.
  share=0.7
  [ "$smoke" = 1 ] && share=0.25
  peak=$(python3 -c "import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r.get('label') == 's2.gateway': print(max(1, int(r['qps'] * float(sys.argv[2]))))" "$results" "$share")
  # Memory is taken from the end of a warm-up of a tenth of the soak (at least
  # the usual one): the allocator's pools and gRPC's thread pool grow to the
  # load's working set in the first minute; growth after that is what "flat"
  # is about (heaptrack found no leak: bench/NOTES.md, row 7).
  soak_warmup=$(( soak_seconds / 10 > warmup ? soak_seconds / 10 : warmup ))
  echo "bench: s7.soak ($soak_seconds s at $peak calls/s through the gateway, after $soak_warmup s)"
  "$bin/engage-bench" --label=s7.soak --target="$gateway" "${card[@]}" --mode=open --rate="$peak" \
    --channels="$channels" --warmup-seconds="$soak_warmup" --duration-seconds="$soak_seconds" \
    --pids="$mesh_procs" --out="$results" >/dev/null
fi

# --- the machine, and the rows ------------------------------------------------
cores=$(grep -c ^processor /proc/cpuinfo)
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem_kb=$(awk '/^MemTotal/ {print $2}' /proc/meminfo)
machine="$cores cores ($cpu), $((mem_kb / 1024 / 1024)) GiB memory (/proc), $(uname -sr)"
[ "$own_db" = 1 ] && machine="$machine; the bench's MariaDB has a $ENGAGE_MARIADB_BUFFER_POOL InnoDB buffer pool"
render=(python3 "$root/bench/render_results.py" --results "$results" --machine "$machine"
        --command "$command_line" --date "$(date -u +%Y-%m-%dT%H:%MZ)"
        --profiles "$work/profiles" --soak-requested "$soak_seconds" --loadavg "$loadavg_at_start"
        ${only:+--only "$only"} --nginx-workers "$nginx_workers")
[ -n "$only" ] && [ "$out_given" = 0 ] && out=$work/RESULTS.md
if [ "$rows_only" = 1 ]; then
  cat "$results"
  echo "bench: --only $only: the rows above (raw in $results, logs in $work/logs); bench/RESULTS.md untouched"
elif [ "$smoke" = 1 ]; then
  "${render[@]}" --check >"$work/RESULTS.md"
  echo "bench smoke: every scenario ran and answered OK ($(wc -l <"$results") rows); see $work/RESULTS.md"
else
  "${render[@]}" >"$out"
  echo "bench: wrote $out (raw rows in $results, logs in $work/logs)"
fi
