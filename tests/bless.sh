#!/usr/bin/env bash
# Re-renders every golden image and writes it as the new reference in tests/golden/.
# Look at what changed (git diff --stat tests/golden; open the PNGs) before committing.
# Usage: tests/bless.sh [build-dir]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
export LOOM_BLESS=1 LOOM_GOLDEN_DIR="$root/tests/golden" LOOM_CACHE_DIR="$build/test-cache" XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}
"$build/loom_gpu_tests" --gtest_filter='Golden.*:Golden/*'
