#!/usr/bin/env bash
# Every test: the same set-up as up.sh (install what is missing, build), then
# the whole CTest suite: unit, integration (a private MariaDB the run starts),
# end-to-end (the real binaries over gRPC), contract lint, chart checks and the
# bench smoke; then the fuzz smoke (scripts/fuzz.sh) and, with
# ENGAGE_SANITIZERS=1, the sanitizer step (scripts/sanitize.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$root/build"
# A gtest suite whose SetUpTestSuite fails (a mesh that never starts) reports
# its tests SKIPPED, which CTest counts as not failed: a skip fails the command
# here, but for buf breaking's designed one (exit 77: no earlier commit).
log="$root/build/ctest-last.log"
status=0
ctest -j"${ENGAGE_JOBS:-2}" --output-on-failure --timeout 900 "$@" 2>&1 | tee "$log" || status=$?
skipped=$(grep -E '^\s*[0-9]+ - .* \(Skipped\)$' "$log" | grep -v ' - contracts/buf_breaking ' || true)
if [ -n "$skipped" ]; then
  printf 'tests skipped, which here means they could not set up:\n%s\n' "$skipped" >&2
  exit 1
fi
[ "$status" = 0 ] || exit "$status"
# The fuzz smoke: every target of fuzz/ a few seconds, after its regression
# inputs, in its own small clang build (build-fuzz/). Run here, after the
# suite, not as a CTest test, so its build never competes with the timed e2e
# tests for the two cores. Only for the whole command (no ctest arguments).
if [ $# -eq 0 ] && [ "${ENGAGE_SKIP_FUZZ:-0}" != 1 ]; then
  "$root/scripts/fuzz.sh" --seconds "${ENGAGE_FUZZ_SECONDS:-5}"
fi
# The sanitizer step: the project's code with ASan + UBSan in build-asan/, its
# unit and integration tests, and the e2e tests against its binaries. Only for
# the whole command, and only with ENGAGE_SANITIZERS=1: on a cold machine it
# adds about 18 minutes to a command whose build alone takes 21, past the
# 30-minute bound (README, "Sanitizers").
if [ $# -eq 0 ] && [ "${ENGAGE_SANITIZERS:-0}" = 1 ]; then
  "$root/scripts/sanitize.sh"
fi
