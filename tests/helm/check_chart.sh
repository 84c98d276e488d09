#!/usr/bin/env bash
# Checks the engage-mesh Helm chart without a cluster:
#   1. `helm lint --strict` with the defaults (plus tests/helm/minimal-values.yaml: the Secret names and database
#      host the chart cannot default), with ci/production-values.yaml and with tests/helm/local-values.yaml;
#   2. the schema and the templates refuse bad values (each case must fail with a message naming the value);
#   3. `helm template` of each value set, checked by check_manifests.py, whose own checks are proven able to
#      fail by its --self-test;
#   4. chart_env.py prints the environment the end-to-end harness expects.
# Usage: tests/helm/check_chart.sh        (HELM=/path/to/helm to use another helm; default: the pinned one in
#        tools/, installed by `npm ci --prefix tools`). Needs /usr/bin/python3 with python3-yaml.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HELM="${HELM:-tools/node_modules/.bin/helm}"
case "$HELM" in /*) ;; */*) HELM="$ROOT/$HELM" ;; esac
PYTHON="${PYTHON:-/usr/bin/python3}"
CHART="$ROOT/helm/engage-mesh"
HERE="$ROOT/tests/helm"
RELEASE=engage
NAMESPACE=engage

if ! command -v "$HELM" >/dev/null 2>&1; then
  echo "check_chart: helm not found at $HELM (install the pinned one with: npm ci --prefix tools)" >&2
  exit 2
fi
if ! "$PYTHON" -c 'import yaml' 2>/dev/null; then
  echo "check_chart: $PYTHON cannot import yaml (apt-get install python3-yaml)" >&2
  exit 2
fi

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# name -> values files (space separated)
SET_NAMES=(default production local)
declare -A SET_FILES=(
  [default]="$HERE/minimal-values.yaml"
  [production]="$CHART/ci/production-values.yaml"
  [local]="$HERE/local-values.yaml"
)

values_args() {
  local f
  for f in ${SET_FILES[$1]}; do printf -- '-f\n%s\n' "$f"; done
}

echo "== helm $("$HELM" version --short 2>/dev/null || true): lint"
for set in "${SET_NAMES[@]}"; do
  mapfile -t args < <(values_args "$set")
  if "$HELM" lint --strict "$CHART" "${args[@]}" >"$OUT/lint-$set.log" 2>&1; then
    ok "helm lint --strict ($set values)"
  else
    fail "helm lint --strict ($set values):"
    sed 's/^/     /' "$OUT/lint-$set.log"
  fi
done

echo "== bad values are refused"
# Each case: the --set arguments, then the text the error must contain. All start from the minimal values.
BAD_CASES=(
  "--set services.gateway.grpcPort=70000|services.gateway.grpcPort"
  "--set metricsPort=0|metricsPort"
  "--set-string services.profile.replicaCount=three|services.profile.replicaCount"
  "--set unknownKey=1|Additional property unknownKey"
  "--set services.gateway.unknownKey=1|Additional property unknownKey"
  "--set logLevel=verbose|logLevel"
  "--set auth.mode=none|auth.mode"
  "--set tls.existingSecret=|tls.existingSecret"
  "--set auth.rs256.existingSecret=|auth.rs256.existingSecret"
  "--set auth.mode=hs256|auth.hs256.existingSecret"
  "--set database.existingSecret=|database.existingSecret"
  "--set database.host=|database.host"
  "--set mariadb.enabled=true|mariadb.existingSecret"
  "--set ingress.enabled=true|ingress.host"
  "--set services.gateway.service.type=ExternalName|services.gateway.service.type"
  "--set services.connection.resources.limits=null|limits is required"
  "--set containerSecurityContext.readOnlyRootFilesystem=false|readOnlyRootFilesystem"
  "--set podSecurityContext.runAsNonRoot=false|runAsNonRoot"
  "--set probes.mode=tcp|Additional property mode"
  "--set healthPort=0|healthPort"
  "--set healthPort=65536|healthPort"
  "--set-string healthPort=8086|healthPort"
  "--set healthPort=9090|healthPort (9090) must differ from metricsPort"
  "--set healthPort=50051|healthPort (50051) must differ from services.profile.grpcPort"
  "--set tls.enabled=false,healthPort=50050|healthPort (50050) must differ from services.gateway.grpcPort"
  "--set metricsPort=50052|metricsPort (50052) must differ from services.connection.grpcPort"
  "--set terminationGracePeriodSeconds=10|must be greater than shutdownGraceSeconds"
  "--set networkPolicy.egress.restrict=true|networkPolicy.egress.databaseCidrs"
  "--set migrations.extraEnv[0].name=BAD-NAME,migrations.extraEnv[0].value=x|migrations.extraEnv.0.name"
)
for case in "${BAD_CASES[@]}"; do
  set_args="${case%%|*}"
  expected="${case#*|}"
  # shellcheck disable=SC2086 # set_args is a flag and its argument
  if "$HELM" template "$RELEASE" "$CHART" -f "$HERE/minimal-values.yaml" $set_args >"$OUT/bad.log" 2>&1; then
    fail "accepted: $set_args"
  elif grep -qF -- "$expected" "$OUT/bad.log"; then
    ok "refused: $set_args"
  else
    fail "refused without naming '$expected': $set_args"
    sed 's/^/     /' "$OUT/bad.log"
  fi
done
# The bare defaults need the Secret names: the error must say which.
if "$HELM" template "$RELEASE" "$CHART" >"$OUT/bad.log" 2>&1; then
  fail "bare defaults rendered although no Secret names are given"
elif grep -qF "tls.existingSecret" "$OUT/bad.log" && grep -qF "database.existingSecret" "$OUT/bad.log"; then
  ok "bare defaults refused, naming the missing Secrets"
else
  fail "bare defaults refused without naming the missing values"
  sed 's/^/     /' "$OUT/bad.log"
fi

echo "== render and check manifests"
rendered=()
for set in "${SET_NAMES[@]}"; do
  mapfile -t args < <(values_args "$set")
  if "$HELM" template "$RELEASE" "$CHART" --namespace "$NAMESPACE" "${args[@]}" >"$OUT/$set.yaml" 2>"$OUT/$set.err"; then
    ok "helm template ($set values)"
    rendered+=("$OUT/$set.yaml")
  else
    fail "helm template ($set values):"
    sed 's/^/     /' "$OUT/$set.err"
  fi
done

run_python() {
  # Runs a Python check, shows its output, adds its "N passed, M failed" line to the totals.
  local log="$OUT/python.log" status=0 summary
  "$PYTHON" "$@" >"$log" 2>&1 || status=$?
  cat "$log"
  summary="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || true)"
  if [[ -z "$summary" ]]; then
    fail "$(basename "$2") printed no summary (exit $status)"
    return
  fi
  passed=$((passed + ${summary%% passed*}))
  local f="${summary#*, }"
  failed=$((failed + ${f%% failed*}))
  if [[ $status -ne 0 && ${f%% failed*} -eq 0 ]]; then fail "$(basename "$2") exited $status"; fi
}

if [[ ${#rendered[@]} -gt 0 ]]; then
  run_python "$HERE/check_manifests.py" "${rendered[@]}"
fi
if [[ -f "$OUT/default.yaml" ]]; then
  run_python "$HERE/check_manifests.py" --self-test "$OUT/default.yaml"
fi

echo "== chart_env.py"
expect_env() {
  # expect_env SET SERVICE LINE: chart_env.py's output for SERVICE in SET's render contains LINE.
  local set="$1" service="$2" line="$3"
  if [[ ! -f "$OUT/$set.yaml" ]]; then
    fail "chart_env $set $service: no render"
  elif "$PYTHON" "$HERE/chart_env.py" "$OUT/$set.yaml" "$service" >"$OUT/env.txt" 2>&1 && grep -qxF -- "$line" "$OUT/env.txt"; then
    ok "chart_env $set $service: $line"
  else
    fail "chart_env $set $service: expected the line '$line' in:"
    sed 's/^/     /' "$OUT/env.txt"
  fi
}
expect_env default gateway "ENGAGE_PROFILE_TARGET=dns:///$RELEASE-profile:50051"
expect_env default gateway "ENGAGE_MAX_MESSAGE_BYTES=4194304"
expect_env default gateway "ENGAGE_TLS_CERT_FILE=/etc/engage/tls/tls.crt"
expect_env default gateway "ENGAGE_HEALTH_PORT=8086"
expect_env local promomats "ENGAGE_HEALTH_PORT=8086"
expect_env default profile "ENGAGE_DB_PASSWORD=<secret:engage-db/db-password>"
expect_env default connection "ENGAGE_PROFILE_TARGET=dns:///$RELEASE-profile:50051"
expect_env default promomats "ENGAGE_PROFILE_TARGET=dns:///$RELEASE-profile:50051"
expect_env default promomats "ENGAGE_JWT_RS256_PUBLIC_KEY_FILE=/etc/engage/jwt/jwt-public.pem"
expect_env default migrate "ENGAGE_DB_HOST=mysql.databases.svc.cluster.local"
expect_env local gateway "ENGAGE_JWT_HS256_SECRET=<secret:engage-local/jwt-hs256-secret>"
expect_env local migrate "ENGAGE_DB_PASSWORD=<secret:engage-local/db-password>"
expect_env production connection "ENGAGE_SERVICE_TOKEN_FILE=/etc/engage/service-token/service-token"
if "$PYTHON" "$HERE/chart_env.py" "$OUT/default.yaml" nosuchservice >/dev/null 2>&1; then
  fail "chart_env accepted an unknown service"
else
  ok "chart_env refuses an unknown service"
fi

echo
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
