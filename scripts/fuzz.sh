#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang into build-fuzz/ (ASan +
# UBSan + coverage; the main gcc build/ is untouched) and runs them one after
# the other: first every input of fuzz/regressions/<name>/ (crashes found and
# fixed), then N seconds of fuzzing from the seeds of fuzz/corpus/<name>/.
# A crash fails the run; its input is kept in build-fuzz/crashes/<name>/ (copy
# it to fuzz/regressions/<name>/ with the fix). New inputs libFuzzer finds go
# to build-fuzz/corpus/<name>/, never into the committed seeds.
#   scripts/fuzz.sh                      every target, 5 seconds each
#   scripts/fuzz.sh --seconds 300        a longer run
#   scripts/fuzz.sh --seconds 60 jwt     some targets only
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ENGAGE_FUZZ_BUILD_DIR:-$root/build-fuzz}
main_build=${ENGAGE_BUILD_DIR:-$root/build}
seconds=5
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done

export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1
# The targets link the generated protobuf code of the main gcc build
# (fuzz/CMakeLists.txt): that code is brought up to date first (the whole
# main build when it was never configured).
if [ -f "$main_build/CMakeCache.txt" ]; then
  cmake --build "$main_build" -j"${ENGAGE_JOBS:-2}" \
    --target engage_protos_generated engage_common_messages_generated >/dev/null
else
  ENGAGE_BUILD_DIR=$main_build "$root/scripts/build.sh"
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root/fuzz" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DENGAGE_BUILD_DIR="$main_build" >/dev/null
fi
cmake --build "$build" -j"${ENGAGE_JOBS:-2}" --target fuzzers

if [ ${#targets[@]} -eq 0 ]; then
  for f in "$root"/fuzz/*_fuzzer.cc; do
    name=$(basename "$f" _fuzzer.cc)
    targets+=("$name")
  done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for name in "${targets[@]}"; do
  bin=$build/bin/${name}_fuzzer
  seeds=$root/fuzz/corpus/$name
  regressions=$root/fuzz/regressions/$name
  work=$build/corpus/$name
  crashes=$build/crashes/$name
  mkdir -p "$work" "$crashes"
  log=$build/fuzz-$name.log
  ok=1
  : >"$log"
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    "$bin" -runs=1 "$regressions"/* >"$log" 2>&1 || ok=0
  fi
  if [ $ok = 1 ]; then
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$crashes/" "$work" "$seeds" >>"$log" 2>&1 || ok=0
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  if [ $ok = 1 ]; then
    echo "fuzz $name: ok (${runs:-?} inputs in ${seconds}s)"
  else
    echo "fuzz $name: FAILED, see $log; inputs kept in $crashes/" >&2
    tail -n 40 "$log" >&2
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
