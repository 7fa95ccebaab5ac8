#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzzes every reader of outside input (tests/fuzz) with libFuzzer under
# the address and undefined-behaviour sanitizers: SECONDS for each target
# (default 60), two at a time. New inputs go to _build-fuzz/corpus/<target>,
# a crash to _build-fuzz/crash-<target>-*; any crash fails the run.
#   build-aux/fuzz.sh            # CI: a minute each
#   build-aux/fuzz.sh 3600       # an hour each
#   FUZZ_TARGETS=template build-aux/fuzz.sh 600
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
targets=(${FUZZ_TARGETS:-backup-file backup-summary template})
build=_build-fuzz

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true -Dui_tests=false \
    --buildtype=debugoptimized > /dev/null
fi
meson compile -C "$build" "${targets[@]/#/fuzz-}" > /dev/null

run_target () {
  local target="$1"
  mkdir -p "$build/corpus/$target"
  "$build/tests/fuzz/fuzz-$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/crash-$target-" \
    "$build/corpus/$target" "tests/fuzz/corpus/$target" \
    > "$build/fuzz-$target.log" 2>&1
}

status=0
pids=()
for target in "${targets[@]}"; do
  run_target "$target" &
  pids+=("$!:$target")
  if [ ${#pids[@]} -eq 2 ]; then
    for p in "${pids[@]}"; do
      wait "${p%%:*}" || { echo "fuzz-${p#*:}: crashed, see $build/fuzz-${p#*:}.log"; status=1; }
    done
    pids=()
  fi
done
for p in "${pids[@]}"; do
  wait "${p%%:*}" || { echo "fuzz-${p#*:}: crashed, see $build/fuzz-${p#*:}.log"; status=1; }
done

for target in "${targets[@]}"; do
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/fuzz-$target.log")
  echo "fuzz-$target: ${runs:-?} inputs in ${seconds} s"
done
if [ $status -ne 0 ]; then
  tail -n 40 "$build"/fuzz-*.log
fi
exit $status
