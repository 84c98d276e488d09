#!/usr/bin/env bash
# Every test: the same set-up as up.sh (install what is missing, build), then
# the whole CTest suite: unit, integration (a private MariaDB the run starts),
# end-to-end (the real binaries over gRPC), the fault suite, contract lint,
# chart checks and the bench smoke; then the fuzz smoke (scripts/fuzz.sh).
#
# With ENGAGE_SANITIZERS=1 the whole command (no arguments) runs the unit,
# integration and e2e tests once, under the sanitizers: scripts/sanitize.sh
# runs them against its ASan + UBSan build (build-asan/), so build/ runs here
# only what that step does not (fault, tooling, and scripts/unsanitized_tests.sh's
# list); running them a second time unsanitized would find nothing more and
# take the longest part of the command. Off by default until a cold run of the
# command with it is measured under 30 minutes (README, "Cost of the test
# command"). With ctest arguments (scripts/test.sh -L unit) the tests run in
# build/, unsanitized, and neither the fuzz smoke nor the sanitizer step runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
whole=0 sanitize=0
if [ $# -eq 0 ]; then
  whole=1
  [ "${ENGAGE_SANITIZERS:-0}" != 1 ] || sanitize=1
fi
# With the sanitizer step, build/ builds only what runs from it (not the unit
# and integration test executables); exported, for fuzz.sh, sanitize.sh and
# the bench smoke, which bring build/ up to date too.
if [ $sanitize = 1 ]; then
  export ENGAGE_BUILD_TARGETS=unsanitized_part
fi
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$root/build"
# A gtest suite whose SetUpTestSuite fails (a mesh that never starts) reports
# its tests SKIPPED, which CTest counts as not failed: a skip fails the command
# here, but for buf breaking's designed one (exit 77: no earlier commit).
log="$root/build/ctest-last.log"
run_ctest() {  # CTEST_ARGS...
  local status=0
  ctest -j"${ENGAGE_JOBS:-2}" --output-on-failure --timeout 900 "$@" 2>&1 | tee "$log" || status=$?
  local skipped
  skipped=$(grep -E '^\s*[0-9]+ - .* \(Skipped\)$' "$log" | grep -v ' - contracts/buf_breaking ' || true)
  if [ -n "$skipped" ]; then
    printf 'tests skipped, which here means they could not set up:\n%s\n' "$skipped" >&2
    exit 1
  fi
  [ "$status" = 0 ] || exit "$status"
}
if [ $sanitize = 1 ]; then
  source "$root/scripts/unsanitized_tests.sh"
  run_ctest -L 'fault|tooling' -E "$unsanitized_tests"
  run_ctest -R "$unsanitized_tests"
else
  run_ctest "$@"
fi
# The fuzz smoke: every target of fuzz/ a few seconds, after its regression
# inputs, in its own small clang build (build-fuzz/). Run here, after the
# suite, not as a CTest test, so its build never competes with the timed e2e
# tests for the two cores. Only for the whole command (no ctest arguments).
if [ $whole = 1 ] && [ "${ENGAGE_SKIP_FUZZ:-0}" != 1 ]; then
  "$root/scripts/fuzz.sh" --seconds "${ENGAGE_FUZZ_SECONDS:-5}"
fi
# The sanitizer step: the project's code with ASan + UBSan in build-asan/, its
# unit and integration tests, and the e2e tests against its binaries.
if [ $sanitize = 1 ]; then
  "$root/scripts/sanitize.sh"
fi
