#!/usr/bin/env bash
# Rewrites docs/OPERATORS.md and its thumbnails (docs/operators/*.png) from the operator registry:
# the page from `loom operators --markdown`, each picture by rendering the operator's example
# chain (the chain its golden test renders) at 192x108.
# Usage: tools/operator-docs.sh [build-dir]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}
rm -f "$root"/docs/operators/*.png
"$build/loom" operators --thumbnails "$root/docs/operators" --size 192x108 > /dev/null
"$build/loom" operators --markdown > "$root/docs/OPERATORS.md"
echo "wrote docs/OPERATORS.md and $(ls "$root"/docs/operators/*.png | wc -l) thumbnails in docs/operators/"
