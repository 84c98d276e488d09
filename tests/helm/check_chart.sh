#!/usr/bin/env bash
# Checks the engage-mesh Helm chart without a cluster:
#   1. `helm lint --strict` with the defaults alone, with each helm/engage-mesh/ci/*-values.yaml alone and with
#      tests/helm/local-values.yaml;
#   2. the schema and the templates refuse bad values (each case must fail with a message naming the value), all
#      missing required values come in one message, and values the chart must accept (`global`) are accepted;
#   3. `helm template` of each value set, checked by check_manifests.py and validated against the Kubernetes API
#      schemas by validate_k8s_models.cjs (npm kubernetes-models, pinned in tools/); both prove with --self-test
#      that their checks can fail;
#   4. chart_env.py prints the environment the end-to-end harness expects;
#   5. check_readme_secrets.py: the README's `kubectl create secret` commands make every Secret key the chart
#      reads with the README's `helm install` commands, and no key it does not read.
# Usage: tests/helm/check_chart.sh        (HELM=/path/to/helm to use another helm; default: the pinned one in
#        tools/, installed by scripts/install-deps.sh). Needs /usr/bin/python3 with python3-yaml, and node.
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
  echo "check_chart: helm not found at $HELM (install the pinned one with scripts/install-deps.sh)" >&2
  exit 2
fi
if ! "$PYTHON" -c 'import yaml' 2>/dev/null; then
  echo "check_chart: $PYTHON cannot import yaml (apt-get install python3-yaml)" >&2
  exit 2
fi
if ! node -e "require.resolve('kubernetes-models/package.json', {paths: ['$ROOT/tools']})" 2>/dev/null; then
  echo "check_chart: node or tools/node_modules/kubernetes-models missing (run scripts/install-deps.sh)" >&2
  exit 2
fi

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# name -> values files (space separated): the defaults alone, every ci/ file alone (as chart-testing renders
# them), and the local values of the end-to-end harness.
SET_NAMES=(default)
declare -A SET_FILES=([default]="")
for f in "$CHART"/ci/*-values.yaml; do
  name="$(basename "$f" -values.yaml)"
  SET_NAMES+=("$name")
  SET_FILES[$name]="$f"
done
SET_NAMES+=(local)
SET_FILES[local]="$HERE/local-values.yaml"
MINIMAL="$CHART/ci/minimal-values.yaml"

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
# Each case: the --set arguments, then the text the error must contain. All start from ci/minimal-values.yaml.
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
  "--set mariadb.enabled=true,database.host=,mariadb.existingSecret=|mariadb.existingSecret"
  "--set mariadb.enabled=true|database.host (mysql.databases.svc.cluster.local) is set and mariadb.enabled is true"
  "--set tls.certManager.enabled=true,tls.enabled=false|tls.certManager.enabled is true but tls.enabled is false"
  "--set tls.certManager.enabled=true,tls.caKey=ca.pem|tls.certKey/keyKey/caKey must be"
  "--set tls.certManager.duration=90d|tls.certManager.duration"
  "--set tls.certManager.issuerRef.kind=|tls.certManager.issuerRef.kind"
  "--set services.gateway.topologySpreadConstraints[0].maxSkew=1|topologyKey"
  "--set services.profile.syncWorkers=0|services.profile.syncWorkers"
  "--set-string services.profile.syncQueueCapacity=many|services.profile.syncQueueCapacity"
  "--set services.gateway.syncWorkers=2|Additional property syncWorkers"
  "--set preStopSleepSeconds=-1|preStopSleepSeconds"
  "--set maxConnectionAgeSeconds=0|maxConnectionAgeSeconds"
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
  "--set terminationGracePeriodSeconds=10|must be greater than preStopSleepSeconds + shutdownDrainMillis (in seconds, rounded up) + shutdownGraceSeconds (5 + 1 + 15)"
  "--set terminationGracePeriodSeconds=21|must be greater than preStopSleepSeconds + shutdownDrainMillis (in seconds, rounded up) + shutdownGraceSeconds (5 + 1 + 15)"
  "--set shutdownDrainMillis=10001|must be greater than preStopSleepSeconds + shutdownDrainMillis (in seconds, rounded up) + shutdownGraceSeconds (5 + 11 + 15)"
  "--set networkPolicy.egress.restrict=true|networkPolicy.egress.databaseCidrs"
  "--set migrations.extraEnv[0].name=BAD-NAME,migrations.extraEnv[0].value=x|migrations.extraEnv.0.name"
  # CON-13: the SMTP server of e-mail invites.
  "--set smtp.host=smtp.example.com|smtp.from"
  "--set smtp.starttls=maybe|smtp.starttls"
  "--set smtp.host=smtp.example.com,smtp.from=engage@example.com,networkPolicy.enabled=true,networkPolicy.egress.restrict=true,networkPolicy.egress.databaseCidrs[0]=10.0.0.0/8|smtp.egressCidrs"
  "--set smtp.from=not-an-address|smtp.from"
)
for case in "${BAD_CASES[@]}"; do
  set_args="${case%%|*}"
  expected="${case#*|}"
  # shellcheck disable=SC2086 # set_args is a flag and its argument
  if "$HELM" template "$RELEASE" "$CHART" -f "$MINIMAL" $set_args >"$OUT/bad.log" 2>&1; then
    fail "accepted: $set_args"
  elif grep -qF -- "$expected" "$OUT/bad.log"; then
    ok "refused: $set_args"
  else
    fail "refused without naming '$expected': $set_args"
    sed 's/^/     /' "$OUT/bad.log"
  fi
done
# Every missing required value in ONE message (the template helper), not a schema complaint per value.
if "$HELM" template "$RELEASE" "$CHART" --set mariadb.enabled=false,tls.existingSecret=,auth.rs256.existingSecret= \
    --set database.existingSecret=,ingress.enabled=true,terminationGracePeriodSeconds=1 >"$OUT/bad.log" 2>&1; then
  fail "rendered although every required value is missing"
else
  message="$(grep -F 'missing required values:' "$OUT/bad.log" || true)"
  all=yes
  for v in database.host database.existingSecret tls.existingSecret auth.rs256.existingSecret ingress.host \
           terminationGracePeriodSeconds; do
    grep -qF "$v" <<<"$message" || all=no
  done
  if [[ $all == yes && $(grep -c 'Error:' "$OUT/bad.log") -eq 1 ]] && ! grep -q 'Must validate' "$OUT/bad.log"; then
    ok "every missing value named in one message"
  else
    fail "missing values not named in one message:"
    sed 's/^/     /' "$OUT/bad.log"
  fi
fi
# What the chart must accept: Helm's global values (subchart use); Kubernetes versions from 1.24 only.
if "$HELM" template "$RELEASE" "$CHART" --set global.imageRegistry=registry.example.com >"$OUT/good.log" 2>&1; then
  ok "global values accepted (subchart use)"
else
  fail "global values refused:"
  sed 's/^/     /' "$OUT/good.log"
fi
if "$HELM" template "$RELEASE" "$CHART" --kube-version 1.23.0 >"$OUT/bad.log" 2>&1; then
  fail "rendered for Kubernetes 1.23, below kubeVersion"
elif grep -qF "kubeVersion" "$OUT/bad.log" && "$HELM" template "$RELEASE" "$CHART" --kube-version 1.24.0 >/dev/null 2>&1; then
  ok "kubeVersion: 1.23 refused, 1.24 accepted"
else
  fail "kubeVersion check:"
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

run_check() {
  # Runs a check program (its command line), shows its output, adds its "N passed, M failed" line to the totals.
  local log="$OUT/check.log" status=0 summary
  "$@" >"$log" 2>&1 || status=$?
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
  run_check "$PYTHON" "$HERE/check_manifests.py" "${rendered[@]}"
fi
if [[ -f "$OUT/default.yaml" ]]; then
  run_check "$PYTHON" "$HERE/check_manifests.py" --self-test "$OUT/default.yaml"
fi

echo "== Kubernetes API schemas (kubernetes-models $(node -p "require('$ROOT/tools/node_modules/kubernetes-models/package.json').version"))"
as_json=()
for f in "${rendered[@]}"; do
  "$PYTHON" -c 'import json, sys, yaml
json.dump([d for d in yaml.safe_load_all(open(sys.argv[1])) if d], open(sys.argv[2], "w"))' "$f" "${f%.yaml}.json"
  as_json+=("${f%.yaml}.json")
done
if [[ ${#as_json[@]} -gt 0 ]]; then
  run_check node "$HERE/validate_k8s_models.cjs" "${as_json[@]}"
fi
if [[ -f "$OUT/cert-manager.json" ]]; then
  run_check node "$HERE/validate_k8s_models.cjs" --self-test "$OUT/cert-manager.json"
else
  fail "no cert-manager render for the schema self-test"
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
expect_env default gateway "ENGAGE_MAX_CONNECTION_AGE_SECONDS=300"
expect_env production profile "ENGAGE_SYNC_WORKERS=4"
expect_env default profile "ENGAGE_SYNC_QUEUE_CAPACITY=32"
expect_env default gateway "ENGAGE_PROFILE_TARGET=dns:///$RELEASE-profile:50051"
expect_env default gateway "ENGAGE_MAX_MESSAGE_BYTES=4194304"
expect_env default gateway "ENGAGE_TLS_CERT_FILE=/etc/engage/tls/tls.crt"
expect_env default gateway "ENGAGE_HEALTH_PORT=8086"
expect_env local promomats "ENGAGE_HEALTH_PORT=8086"
expect_env default profile "ENGAGE_DB_PASSWORD=<secret:engage-db-credentials/db-password>"
expect_env default connection "ENGAGE_PROFILE_TARGET=dns:///$RELEASE-profile:50051"
expect_env default promomats "ENGAGE_PROFILE_TARGET=dns:///$RELEASE-profile:50051"
expect_env default promomats "ENGAGE_JWT_RS256_PUBLIC_KEY_FILE=/etc/engage/jwt/jwt-public.pem"
expect_env minimal migrate "ENGAGE_DB_HOST=mysql.databases.svc.cluster.local"
expect_env default migrate "ENGAGE_DB_HOST=$RELEASE-mariadb"
expect_env local gateway "ENGAGE_JWT_HS256_SECRET=<secret:engage-local/jwt-hs256-secret>"
expect_env local migrate "ENGAGE_DB_PASSWORD=<secret:engage-local/db-password>"
expect_env production connection "ENGAGE_SERVICE_TOKEN_FILE=/etc/engage/service-token/service-token"
if "$PYTHON" "$HERE/chart_env.py" "$OUT/default.yaml" nosuchservice >/dev/null 2>&1; then
  fail "chart_env accepted an unknown service"
else
  ok "chart_env refuses an unknown service"
fi

echo "== README install steps"
run_check "$PYTHON" "$HERE/check_readme_secrets.py" "$HELM" "$ROOT/README.md" "$CHART"
run_check "$PYTHON" "$HERE/check_readme_secrets.py" --self-test "$HELM" "$ROOT/README.md" "$CHART"

echo
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
