#!/usr/bin/env bash
# Configures (once) and builds everything into build/ with two jobs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ENGAGE_BUILD_DIR:-$root/build}
export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${ENGAGE_BUILD_TYPE:-RelWithDebInfo}" ${ENGAGE_CMAKE_ARGS:-}
fi
cmake --build "$build" -j"${ENGAGE_JOBS:-2}"
