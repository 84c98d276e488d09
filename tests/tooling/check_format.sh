#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format makes of it with
# the repository's .clang-format (so formatting never drifts, and never needs
# a commit of its own again). Fix with: clang-format -i <file>.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v clang-format >/dev/null || { echo "clang-format missing (scripts/install-deps.sh installs it)"; exit 2; }
mapfile -t files < <(git ls-files '*.cc' '*.h')
drift=()
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then drift+=("$f"); fi
done
if [ ${#drift[@]} -gt 0 ]; then
  printf 'not formatted: %s\n' "${drift[@]}"
  echo "${#drift[@]} of ${#files[@]} files differ from clang-format (.clang-format)"
  exit 1
fi
echo "all ${#files[@]} C++ files formatted"
