# Starts and stops the four servers of the mesh as background processes.
# Source this file, then:
#   mesh_start BIN_DIR LOG_DIR BASE_PORT   services on BASE_PORT+1..+3, gateway on BASE_PORT;
#                                          metrics on ENGAGE_MESH_METRICS_BASE+0..3 when set, else any free port
#   mesh_stop                              SIGTERM to each, then waits
# The caller exports the ENGAGE_DB_* and ENGAGE_JWT_* variables first.
mesh_pids=()
export ENGAGE_SECRET_KEY=${ENGAGE_SECRET_KEY:-bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1rZXktMzJieXQ=}  # SEC-10, local only

mesh_metrics_port() {  # BASE OFFSET: 0 stays 0 (any free port)
  if [ "$1" = 0 ]; then echo 0; else echo $(($1 + $2)); fi
}

mesh_start() {
  local bin=$1 logs=$2 base=$3
  mkdir -p "$logs"
  local metrics=${ENGAGE_MESH_METRICS_BASE:-0}
  # profile_svc reads the connection feed from connection_svc (CRM sync).
  ENGAGE_GRPC_PORT=$((base + 1)) ENGAGE_METRICS_PORT=$(mesh_metrics_port "$metrics" 1) \
    ENGAGE_CONNECTION_TARGET="dns:///127.0.0.1:$((base + 2))" "$bin/engage-profile" >"$logs/profile.log" 2>&1 &
  mesh_pids+=($!)
  # connection_svc asks promomats_svc for approved e-mail templates (CON-13).
  ENGAGE_GRPC_PORT=$((base + 2)) ENGAGE_METRICS_PORT=$(mesh_metrics_port "$metrics" 2) \
    ENGAGE_PROFILE_TARGET="dns:///127.0.0.1:$((base + 1))" \
    ENGAGE_PROMOMATS_TARGET="dns:///127.0.0.1:$((base + 3))" "$bin/engage-connection" >"$logs/connection.log" 2>&1 &
  mesh_pids+=($!)
  # promomats_svc asks profile_svc whether a caller is still active (SEC-09).
  ENGAGE_GRPC_PORT=$((base + 3)) ENGAGE_METRICS_PORT=$(mesh_metrics_port "$metrics" 3) \
    ENGAGE_PROFILE_TARGET="dns:///127.0.0.1:$((base + 1))" "$bin/engage-promomats" >"$logs/promomats.log" 2>&1 &
  mesh_pids+=($!)
  ENGAGE_GRPC_PORT=$base ENGAGE_METRICS_PORT=$(mesh_metrics_port "$metrics" 0) \
    ENGAGE_PROFILE_TARGET="dns:///127.0.0.1:$((base + 1))" \
    ENGAGE_CONNECTION_TARGET="dns:///127.0.0.1:$((base + 2))" \
    ENGAGE_PROMOMATS_TARGET="dns:///127.0.0.1:$((base + 3))" "$bin/engage-gateway" >"$logs/gateway.log" 2>&1 &
  mesh_pids+=($!)
}

# Waits until the gateway reports every public service SERVING.
mesh_wait_serving() {
  local buf=$1 gateway=$2 service i
  for service in engage.profile.v1.ProfileService engage.connection.v1.ConnectionService \
                 engage.promomats.v1.PromoMatsService; do
    for i in $(seq 1 100); do
      if "$buf" curl --protocol grpc --http2-prior-knowledge -d "{\"service\":\"$service\"}" \
          "http://$gateway/grpc.health.v1.Health/Check" 2>/dev/null | grep -q '"SERVING"'; then
        break
      fi
      [ "$i" = 100 ] && { echo "$service did not become SERVING" >&2; return 1; }
      sleep 0.3
    done
  done
}

mesh_stop() {
  local pid
  for pid in "${mesh_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${mesh_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  mesh_pids=()
}
