#!/usr/bin/env bash
# Formats corridor's C++ sources with .clang-format (clang-format 14, Debian 12's).
#   scripts/format.sh           rewrite every tracked .cpp/.hpp in place
#   scripts/format.sh --check   change nothing; list the files that differ and fail if any does
set -euo pipefail
cd "$(dirname "$0")/.."
tool=$(command -v clang-format-14 || command -v clang-format || true)
[ -n "$tool" ] || { echo "format: clang-format-14 is missing (scripts/setup.sh installs it)" >&2; exit 2; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
if [ "${1:-}" = --check ]; then
  bad=0
  for f in "${files[@]}"; do
    if ! "$tool" --style=file "$f" | cmp -s - "$f"; then echo "format: $f differs from .clang-format" >&2; bad=1; fi
  done
  [ "$bad" = 0 ] && echo "format: ${#files[@]} files match .clang-format" >&2
  exit "$bad"
fi
"$tool" --style=file -i "${files[@]}"
