#!/usr/bin/env bash
# Every ENGAGE_* variable a binary declares (its --help) is one the chart can set: rendered under at least one
# of its values files (the defaults, every ci/*-values.yaml, tests/helm/local-values.yaml), or listed with its
# reason in tests/helm/env_not_in_chart.txt. A new option without a chart value fails here.
# Usage: chart_sets_every_variable.sh BUILD_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$1/bin
helm=${HELM:-$root/tools/node_modules/.bin/helm}
chart=$root/helm/engage-mesh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

files=("")
for f in "$chart"/ci/*-values.yaml "$root/tests/helm/local-values.yaml"; do files+=("$f"); done
n=0
for f in "${files[@]}"; do
  n=$((n + 1))
  "$helm" template engage "$chart" ${f:+-f "$f"} > "$work/render-$n.yaml"
done
grep -v '^#' "$root/tests/helm/env_not_in_chart.txt" | awk 'NF {print $1}' | sort -u > "$work/exempt"

failures=0
for component in gateway profile connection promomats migrate; do
  for r in "$work"/render-*.yaml; do
    python3 "$root/tests/helm/chart_env.py" "$r" "$component" | cut -d= -f1
  done | sort -u > "$work/chart-$component"
  "$bin/engage-$component" --help | grep -o 'ENGAGE_[A-Z0-9_]*' | sort -u > "$work/declared-$component"
  missing=$(comm -23 "$work/declared-$component" "$work/chart-$component" | comm -23 - "$work/exempt")
  if [ -n "$missing" ]; then
    echo "FAIL: engage-$component declares what no values file of the chart sets: $(echo $missing)"
    failures=$((failures + 1))
  else
    echo "ok: every variable of engage-$component is set by the chart or exempt"
  fi
done
stale=$(for c in gateway profile connection promomats migrate; do cat "$work/declared-$c"; done | sort -u |
        comm -13 - "$work/exempt")
if [ -n "$stale" ]; then
  echo "FAIL: env_not_in_chart.txt names variables no binary declares: $(echo $stale)"
  failures=$((failures + 1))
fi
exit $((failures > 0))
