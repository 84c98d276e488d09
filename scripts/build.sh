#!/usr/bin/env bash
# Configures (once) and builds everything into build/ with two jobs.
# The test build: -O2 with -g1 (functions and line tables, enough for
# backtraces; no variables: ENGAGE_BUILD_TYPE=Debug for a debugger) and lld:
# measured on this machine, -g1 compiles in 24 % less CPU than -g (five files:
# generated code, a handler, tests) and lld links in a quarter of ld's CPU
# (README, "Cost of the test command"). The image (Dockerfile) is built apart,
# in Release.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ENGAGE_BUILD_DIR:-$root/build}
export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${ENGAGE_BUILD_TYPE:-RelWithDebInfo}" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld ${ENGAGE_CMAKE_ARGS:-}
fi
# ENGAGE_BUILD_TARGETS: only these targets (scripts/test.sh: unsanitized_part).
cmake --build "$build" -j"${ENGAGE_JOBS:-2}" ${ENGAGE_BUILD_TARGETS:+--target $ENGAGE_BUILD_TARGETS}
