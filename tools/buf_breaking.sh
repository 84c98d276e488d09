#!/usr/bin/env bash
# `buf breaking` of the contracts (protos/, the FILE rules of buf.yaml) in the working tree against the last
# release tag (v*) when there is one, else against the previous commit (HEAD~1: on main, the previous commit of
# main). A repository with a single commit (or a shallow clone of depth 1) has nothing to compare with: the check
# says so and exits 77, which CTest reports as skipped. Then a self-test: a copy of the contracts with one field
# deleted must be refused, so the check is known to be able to fail.
# Usage: tools/buf_breaking.sh   (BUF=/path/to/buf to use another buf; default: the pinned one in tools/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
buf=${BUF:-$root/tools/node_modules/.bin/buf}
cd "$root"

# buf clones the repository: the common git dir (a worktree's .git is a file), at a full commit id.
gitdir=$(git rev-parse --path-format=absolute --git-common-dir)
if tag=$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null); then
  against=$(git rev-parse "$tag^{commit}")
  what="release tag $tag"
elif against=$(git rev-parse -q --verify 'HEAD~1^{commit}'); then
  what="the previous commit ($(git log -1 --format='%h %s' "$against" | cut -c1-60))"
else
  echo "buf breaking: SKIPPED: no release tag and no previous commit (a single commit, or a shallow clone)"
  exit 77
fi

echo "buf breaking against $what"
if ! "$buf" breaking --against "$gitdir#format=git,ref=$against"; then
  echo "FAIL: the contracts break wire or source compatibility with $what (see above); add, never change or delete"
  exit 1
fi
echo "ok   no breaking change against $what"

# Self-test: the same check must refuse a deleted field.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r protos buf.yaml "$work/"
sed -i '/^message FieldViolation {/,/^}/{/string description = 2;/d}' "$work/protos/engage/common/v1/common.proto"
if cmp -s protos/engage/common/v1/common.proto "$work/protos/engage/common/v1/common.proto"; then
  echo "FAIL self-test: could not delete FieldViolation.description from a copy of common.proto"
  exit 1
fi
if out=$("$buf" breaking "$work" --against "$root" 2>&1); then
  echo "FAIL self-test: buf breaking accepted a deleted field"
  exit 1
elif grep -q 'description' <<<"$out"; then
  echo "ok   self-test: a deleted field is refused ($(head -n 1 <<<"$out" | cut -c1-100))"
else
  echo "FAIL self-test: refused without naming the field: $out"
  exit 1
fi
echo "2 passed, 0 failed"
