#!/usr/bin/env bash
# Every test: the same set-up as up.sh (install what is missing, build), then
# the whole CTest suite: unit, integration (a private MariaDB the run starts),
# end-to-end (the real binaries over gRPC), contract lint, chart checks and the
# bench smoke; then the fuzz smoke (scripts/fuzz.sh) and the sanitizer step
# (scripts/sanitize.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$root/build"
ctest -j"${ENGAGE_JOBS:-2}" --output-on-failure --timeout 900 "$@"
# The fuzz smoke: every target of fuzz/ a few seconds, after its regression
# inputs, in its own small clang build (build-fuzz/). Run here, after the
# suite, not as a CTest test, so its build never competes with the timed e2e
# tests for the two cores. Only for the whole command (no ctest arguments).
if [ $# -eq 0 ] && [ "${ENGAGE_SKIP_FUZZ:-0}" != 1 ]; then
  "$root/scripts/fuzz.sh" --seconds "${ENGAGE_FUZZ_SECONDS:-5}"
fi
# The sanitizer step: the project's code with ASan + UBSan in build-asan/, its
# unit and integration tests, and the e2e tests against its binaries. Also only
# for the whole command; ENGAGE_SKIP_SANITIZERS=1 skips it.
if [ $# -eq 0 ] && [ "${ENGAGE_SKIP_SANITIZERS:-0}" != 1 ]; then
  "$root/scripts/sanitize.sh"
fi
