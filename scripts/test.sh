#!/usr/bin/env bash
# Every test: the same set-up as up.sh (install what is missing, build), then
# the whole CTest suite: unit, integration (a private MariaDB the run starts),
# end-to-end (the real binaries over gRPC), contract lint, chart checks and the
# bench smoke.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$root/build"
ctest -j"${ENGAGE_JOBS:-2}" --output-on-failure --timeout 900 "$@"
