#!/usr/bin/env bash
# The sanitizer step of the test command (issue 18). Builds the project's own
# code with AddressSanitizer + UndefinedBehaviorSanitizer into build-asan/
# (clang, -O0 with line tables; the generated protobuf/gRPC code is linked,
# uninstrumented, from build/, which is built first), then runs
#   - the unit and integration tests of build-asan/ (sanitized tests and code),
#   - the e2e tests of build/ against the sanitized binaries of build-asan/bin
#     (ENGAGE_TEST_BIN_DIR; the servers the tests start inherit the options).
# Every report goes to a file in build-asan/sanitizer-reports/ (log_path), and
# any report fails the step, also one that failed no test (a leak found when a
# server exits). halt_on_error for both sanitizers: the first report ends the
# process. scripts/lsan.supp names the third-party leaks that are not ours.
#   scripts/sanitize.sh              all of it
#   scripts/sanitize.sh -R PRF       extra arguments go to both ctest runs
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ENGAGE_ASAN_BUILD_DIR:-$root/build-asan}
main_build=${ENGAGE_BUILD_DIR:-$root/build}
jobs=${ENGAGE_JOBS:-2}
export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1

ENGAGE_BUILD_DIR=$main_build "$root/scripts/build.sh"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENGAGE_SANITIZE=ON \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DENGAGE_PROTOS_FROM="$main_build" >/dev/null
fi
cmake --build "$build" -j"$jobs"

# One file per process with a report (report.<pid>); both sanitizers share the
# runtime's log_path, the one given last (UBSan's) wins, so both name it alike.
reports=$build/sanitizer-reports
rm -rf "$reports"
mkdir -p "$reports"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:log_path=$reports/report"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/report"
export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"

# A skipped test fails too: no test here skips on purpose, and gtest marks a
# suite's tests SKIPPED when its SetUpTestSuite threw (a server that did not
# start), which CTest does not count as failed.
status=0
run_ctest() {  # FOLDER CTEST_ARGS...
  local folder=$1 log=$build/sanitize-ctest.log
  shift
  (cd "$folder" && ctest -j"$jobs" --output-on-failure --timeout 900 "$@") 2>&1 | tee "$log" || status=1
  if grep -q '(Skipped)$' "$log"; then
    echo "sanitizers: skipped tests count as failed (a suite set-up that threw)" >&2
    status=1
  fi
}
# Not scripts/unsanitized_tests.sh's list (test.sh runs those in build/).
source "$root/scripts/unsanitized_tests.sh"
run_ctest "$build" -L 'unit|integration' -E "$unsanitized_tests" "$@"
export ENGAGE_TEST_BIN_DIR=$build/bin
run_ctest "$main_build" -L e2e -E "$unsanitized_tests" "$@"

found=$(find "$reports" -type f | sort)
if [ -n "$found" ]; then
  echo "sanitizers: $(wc -l <<<"$found") report(s):" >&2
  while read -r f; do
    echo "== $f" >&2
    cat "$f" >&2
  done <<<"$found"
  status=1
fi
if [ $status = 0 ]; then
  echo "sanitizers: no report"
fi
exit $status
