#!/usr/bin/env bash
# The unit, integration and end-to-end suites once more, built with
# AddressSanitizer + UndefinedBehaviorSanitizer (ENGAGE_SANITIZE=ON) in a
# second build folder, build-asan/ (the main build/ is untouched). Any report
# stops the test that made it: halt_on_error for both sanitizers, so a report
# is a failed test, never a line lost in a log. The e2e tests start the real
# binaries, which inherit these options.
#   scripts/test-sanitized.sh              unit, integration, e2e
#   scripts/test-sanitized.sh -L unit      extra arguments go to ctest instead
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ENGAGE_ASAN_BUILD_DIR:-$root/build-asan}
export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENGAGE_SANITIZE=ON
fi
cmake --build "$build" -j"${ENGAGE_JOBS:-2}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/scripts/lsan.supp:print_suppressions=0}
cd "$build"
if [ $# -gt 0 ]; then
  exec ctest -j"${ENGAGE_JOBS:-2}" --output-on-failure --timeout 1800 "$@"
fi
ctest -j"${ENGAGE_JOBS:-2}" --output-on-failure --timeout 1800 -L 'unit|integration|e2e'
