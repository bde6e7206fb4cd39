#!/usr/bin/env bash
# Runs each libFuzzer program of a LOOM_FUZZ build for a while, seeded by its corpus in the repo.
#   fuzz/run.sh BUILD_DIR SECONDS [NAME...]      (default: every fuzzer built in BUILD_DIR)
# New interesting inputs go to out/fuzz/<name>/corpus (not the repo). A finding stops the run:
# the input is saved as out/fuzz/<name>/crash-*, and the script exits 1 naming it. Add that
# file to fuzz/corpus/<name>/ with the fix, so every build replays it from then on.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:?usage: fuzz/run.sh BUILD_DIR SECONDS [NAME...]}
seconds=${2:?usage: fuzz/run.sh BUILD_DIR SECONDS [NAME...]}
shift 2
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$build"/loom_fuzz_*; do names+=("${f##*/loom_fuzz_}"); done
fi
status=0
for name in "${names[@]}"; do
  work="out/fuzz/$name"
  mkdir -p "$work/corpus"
  rm -f "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*
  echo "fuzz: $name for ${seconds}s"
  # -close_fd_mask=3: the targets' own messages (help text, loader warnings) are not findings.
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "$build/loom_fuzz_$name" "$work/corpus" "fuzz/corpus/$name" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -max_len=65536 \
      -close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$work/" > "$work/log.txt" 2>&1; then
    echo "fuzz: $name FOUND A FAILURE; see $work/log.txt and $(ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | tr '\n' ' ')"
    tail -40 "$work/log.txt"
    status=1
  else
    grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$work/log.txt" | tr '\n' ' '
    echo
  fi
done
exit $status
