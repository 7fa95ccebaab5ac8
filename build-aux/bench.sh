#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Harley's benchmark table, in one command:
#
#   build-aux/bench.sh [--quick]
#
# Builds _build if needed, makes the demo databases once (100,000 and
# 1,000,000 patients, seed 1, and a diary of 1,000,000 appointments for
# 100,000 patients, kept in _build/bench-data), runs bench/'s
# programs several times, each figure beside its floor measured in the same
# run, and prints a Markdown table. A missed goal is printed as MISSED; the
# exit status is 0 all the same, because this is a report, not a test.
# Every program's own output is kept in _build/bench-results.
#
# --quick: one run of each, 40 keystrokes, 40 weeks, 20 free-slot
# searches and 20 letters, to try the script out.

set -euo pipefail

self=$(realpath "$0")
cd "$(dirname "$self")/.."
root=$PWD
# Another build directory, when _build is busy with other work
build=${HARLEY_BENCH_BUILD:-$root/_build}
data=$build/bench-data
results=$build/bench-results
cli=$build/src/cli/harley-cli
bench_search=$build/bench/bench-search
bench_diary=$build/bench/bench-diary
bench_window=$build/bench/bench-window
bench_diary_window=$build/bench/bench-diary-window
bench_letter=$build/bench/bench-letter
bench_samples=$build/bench/bench-samples

start_runs=5          # cold starts of each window, alternating
search_runs=3         # bench-search runs per database
diary_runs=3          # bench-diary runs
letter_runs=3         # bench-letter runs
letter_renders=100    # one letter rendered, and page 1 previewed, per bench-letter run
letter_batch=500      # letters in bench-letter's batch
samples_runs=3        # bench-samples runs
samples_rounds=200    # each worklist opened, per bench-samples run
weeks=200             # weeks switched to, per bench-diary run
searches=100          # free-slot searches, per bench-diary run
appointments=1000000  # in the diary database, of $small patients
typing_runs=3         # bench-window --harley runs typing and opening records
prefixes=200
opens=50
small=100000
large=1000000

# The GUI part runs inside xvfb-run; see run_gui below.
if [[ ${1:-} == --inside-display ]]; then
  mode=gui
  shift
  results=$1
  start_runs=$2
  typing_runs=$3
  prefixes=$4
  opens=$5
else
  mode=main
  if [[ ${1:-} == --quick ]]; then
    start_runs=1 search_runs=1 typing_runs=1 prefixes=40 opens=10 diary_runs=1 weeks=40 searches=20
    letter_runs=1 letter_renders=20 samples_runs=1 samples_rounds=20
  elif [[ $# -gt 0 ]]; then
    echo "Usage: build-aux/bench.sh [--quick]" >&2
    exit 2
  fi
fi

say () { printf '%s\n' "$*" >&2; }

# Build {{{1

build_if_needed () {
  if [[ ! -f $build/build.ninja ]]; then
    say "Setting up $build ..."
    meson setup "$build" >/dev/null
  fi
  say "Building ..."
  meson compile -C "$build" >/dev/null
}

# Demo databases {{{1

# make_database N PATH [APPOINTMENTS]: a new demo database of N patients (and
# APPOINTMENTS diary appointments instead of the demo's default), made under a
# temporary name so that an interrupted run never leaves half of one; PATH.done
# says it was finished.
make_database () {
  local n=$1 path=$2 tmp=$2.part t0 t1 diary=() what
  [[ -f $path && -f $path.done ]] && return 0
  what="$n-patient"
  if [[ -n ${3:-} ]]; then
    diary=(--appointments "$3")
    what="$n-patient, $3-appointment"
  fi
  mkdir -p "$(dirname "$path")"
  rm -f "$path" "$path-wal" "$path-shm" "$path.lock" "$tmp" "$tmp-wal" "$tmp-shm" "$tmp.lock"
  say "Making a $what demo database ($path) ..."
  t0=$EPOCHREALTIME
  "$cli" --database "$tmp" demo --patients "$n" "${diary[@]}" --seed 1 >/dev/null
  t1=$EPOCHREALTIME
  mv "$tmp" "$path"
  rm -f "$tmp.lock"
  echo "$n ${3:-}" >"$path.done"
  awk -v a="$t0" -v b="$t1" -v w="$what" 'BEGIN {
    s = b - a
    slow = (s > 120) ? " (MORE THAN 2 MINUTES)" : ""
    printf "Made the %s demo database in %.0f s%s\n", w, s, slow }' |
    tee -a "$results/generation.txt" >&2
}

# Running {{{1

gui_env () {
  export GSK_RENDERER=cairo GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$build/resources
  export NO_AT_BRIDGE=1 GTK_A11Y=none TZ=Europe/London LC_ALL=C.UTF-8 GDK_BACKEND=x11
}

# window MODE OUT [ARGS...]: one bench-window run; the launcher's clock,
# read as the last thing before exec, is the process's start.
window () {
  local out=$1
  shift
  HARLEY_BENCH_T0_US=${EPOCHREALTIME/./} "$bench_window" "$@" >"$out" 2>>"$results/stderr.txt" ||
    say "bench-window $* failed: see $results/stderr.txt"
}

gui_runs () {
  gui_env
  for i in $(seq 1 "$start_runs"); do
    window "$results/start-bare.$i.txt" --bare
    window "$results/start-harley.$i.txt" --harley "$data/100k.db" --prefixes 0 --opens 0
  done
  for i in $(seq 1 "$typing_runs"); do
    window "$results/typing-100k.$i.txt" --harley "$data/100k.db" --prefixes "$prefixes" --opens "$opens"
    window "$results/typing-1m.$i.txt" --harley "$data/1m.db" --prefixes "$prefixes" --opens 0
    "$bench_diary_window" --weeks "$prefixes" "$data/diary-1m.db" >"$results/diary-window.$i.txt" \
      2>>"$results/stderr.txt" || say "bench-diary-window failed: see $results/stderr.txt"
  done
}

run_gui () {
  local bus=()
  if ! command -v xvfb-run >/dev/null; then
    say "xvfb-run is missing (apt install xvfb): the window figures are left out."
    return 0
  fi
  command -v dbus-run-session >/dev/null && bus=(dbus-run-session --)
  say "Starting windows under Xvfb ..."
  xvfb-run -a -s "-screen 0 1920x1080x24" "${bus[@]}" \
    "$self" --inside-display "$results" "$start_runs" "$typing_runs" "$prefixes" "$opens"
}

run_search () {
  local i db
  for i in $(seq 1 "$search_runs"); do
    for db in 100k 1m; do
      TZ=Europe/London LC_ALL=C.UTF-8 "$bench_search" --prefixes "$prefixes" "$data/$db.db" \
        >"$results/search-$db.$i.txt" 2>>"$results/stderr.txt" ||
        say "bench-search on $db.db failed: see $results/stderr.txt"
    done
  done
}

run_diary () {
  local i
  for i in $(seq 1 "$diary_runs"); do
    TZ=Europe/London LC_ALL=C.UTF-8 "$bench_diary" --weeks "$weeks" --searches "$searches" "$data/diary-1m.db" \
      >"$results/diary.$i.txt" 2>>"$results/stderr.txt" ||
      say "bench-diary failed: see $results/stderr.txt"
  done
}

run_letter () {
  local i
  for i in $(seq 1 "$letter_runs"); do
    TZ=Europe/London LC_ALL=C.UTF-8 "$bench_letter" --renders "$letter_renders" --batch "$letter_batch" \
      >"$results/letter.$i.txt" 2>>"$results/stderr.txt" ||
      say "bench-letter failed: see $results/stderr.txt"
  done
}

# make_samples_database PATH: bench-samples makes its 100,000 samples in a
# new database the first time; under a temporary name, as make_database.
make_samples_database () {
  local path=$1 tmp=$1.part
  [[ -f $path && -f $path.done ]] && return 0
  rm -f "$path" "$path-wal" "$path-shm" "$path.lock" "$tmp" "$tmp-wal" "$tmp-shm" "$tmp.lock"
  say "Making a database of 100,000 samples ($path) ..."
  TZ=Europe/London LC_ALL=C.UTF-8 "$bench_samples" --rounds 1 "$tmp" >"$results/samples-make.txt" \
    2>>"$results/stderr.txt" || { say "bench-samples failed: see $results/stderr.txt"; return 0; }
  mv "$tmp" "$path"
  rm -f "$tmp.lock"
  touch "$path.done"
}

run_samples () {
  local i
  make_samples_database "$data/samples-100k.db"
  for i in $(seq 1 "$samples_runs"); do
    TZ=Europe/London LC_ALL=C.UTF-8 "$bench_samples" --rounds "$samples_rounds" "$data/samples-100k.db" \
      >"$results/samples.$i.txt" 2>>"$results/stderr.txt" ||
      say "bench-samples failed: see $results/stderr.txt"
  done
}

# The table {{{1

# median NAME METRIC: the median of METRIC over the runs NAME.*.txt, or "".
median () {
  cat "$results/$1".*.txt 2>/dev/null | awk -v m="$2" '$1 == m { print $2 }' | sort -g |
    awk '{ v[++n] = $1 }
      END {
        if (n == 0) exit
        printf "%.3f", n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      }'
}

missed=()

# row LABEL HARLEY FLOOR UNIT GOAL_KIND GOAL
#   GOAL_KIND: ratio (Harley/floor at most GOAL), max (Harley at most GOAL), none
row () {
  local label=$1 harley=$2 floor=$3 unit=$4 kind=$5 goal=${6:-}
  if [[ -z $harley ]]; then
    printf '| %s | not measured | | | | |\n' "$label"
    return
  fi
  awk -v l="$label" -v h="$harley" -v f="$floor" -v u="$unit" -v k="$kind" -v g="$goal" 'BEGIN {
    ratio = (f != "" && f > 0) ? sprintf("%.2f×", h / f) : "—"
    fmt = u == "MiB" ? "%.1f %s" : "%.2f %s"
    hs = sprintf(fmt, h, u)
    fs = f == "" ? "—" : sprintf(fmt, f, u)
    if (k == "ratio") { gs = sprintf("≤ %s× floor", g); met = (f > 0 && h / f <= g) }
    else if (k == "max") { gs = sprintf("≤ %s %s", g, u); met = (h <= g) }
    else { gs = "—"; met = -1 }
    ms = met == -1 ? "—" : (met ? "yes" : "**MISSED**")
    printf "| %s | %s | %s | %s | %s | %s |\n", l, hs, fs, ratio, gs, ms
  }'
  if awk -v h="$harley" -v f="$floor" -v k="$kind" -v g="$goal" 'BEGIN {
       exit !((k == "ratio" && !(f > 0 && h / f <= g)) || (k == "max" && h > g)) }'; then
    missed+=("$label")
  fi
}

kib_to_mib () { [[ -n $1 ]] && awk -v k="$1" 'BEGIN { printf "%.3f", k / 1024 }' || true; }

# 1000000.000 → 1,000,000
count_label () {
  printf '%s' "${1%%.*}" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'
}

print_table () {
  local small_label large_label diary_label
  small_label=$(count_label "$(median search-100k patients)")
  large_label=$(count_label "$(median search-1m patients)")
  diary_label=$(count_label "$(median diary appointments)")
  printf '| metric | Harley | floor | ratio | goal | met? |\n'
  printf '|---|---|---|---|---|---|\n'
  row "Cold start to first frame (median of $start_runs)" \
      "$(median start-harley first_frame_ms)" "$(median start-bare first_frame_ms)" ms ratio 1.3
  row "RSS at rest, 2 s after the first frame" \
      "$(kib_to_mib "$(median start-harley rss_kib)")" "$(kib_to_mib "$(median start-bare rss_kib)")" MiB ratio 1.25
  row "Keystroke → list painted, p50, ${small_label:-100k}" \
      "$(median typing-100k keystroke_p50_ms)" "$(median search-100k search_floor_p50_ms)" ms none
  row "Keystroke → list painted, p99, ${small_label:-100k}" \
      "$(median typing-100k keystroke_p99_ms)" "$(median search-100k search_floor_p99_ms)" ms max 16
  row "… the same, wall clock with the wait for GDK's frame tick, p99, ${small_label:-100k}" \
      "$(median typing-100k keystroke_wall_p99_ms)" "$(median search-100k search_floor_p99_ms)" ms none
  row "Search without display (set_query + 30 rows), p50, ${small_label:-100k}" \
      "$(median search-100k search_harley_p50_ms)" "$(median search-100k search_floor_p50_ms)" ms none
  row "Search without display (set_query + 30 rows), p99, ${small_label:-100k}" \
      "$(median search-100k search_harley_p99_ms)" "$(median search-100k search_floor_p99_ms)" ms max 16
  row "Open a record → painted, p50, ${small_label:-100k}" \
      "$(median typing-100k open_p50_ms)" "$(median typing-100k open_floor_p50_ms)" ms none
  row "Open a record → painted, p99, ${small_label:-100k}" \
      "$(median typing-100k open_p99_ms)" "$(median typing-100k open_floor_p99_ms)" ms max 50
  row "Keystroke → list painted, p50, ${large_label:-1m}" \
      "$(median typing-1m keystroke_p50_ms)" "$(median search-1m search_floor_p50_ms)" ms none
  row "Keystroke → list painted, p99, ${large_label:-1m}" \
      "$(median typing-1m keystroke_p99_ms)" "$(median search-1m search_floor_p99_ms)" ms max 50
  row "Search without display (set_query + 30 rows), p50, ${large_label:-1m}" \
      "$(median search-1m search_harley_p50_ms)" "$(median search-1m search_floor_p50_ms)" ms none
  row "Search without display (set_query + 30 rows), p99, ${large_label:-1m}" \
      "$(median search-1m search_harley_p99_ms)" "$(median search-1m search_floor_p99_ms)" ms max 50
  row "Diary: switch week (appointments, sessions, blocked time), p50, ${diary_label:-1m} appointments" \
      "$(median diary week_harley_p50_ms)" "$(median diary week_floor_p50_ms)" ms none
  row "Diary: switch week (appointments, sessions, blocked time), p99, ${diary_label:-1m} appointments" \
      "$(median diary week_harley_p99_ms)" "$(median diary week_floor_p99_ms)" ms max 16
  row "Diary: switch week in the grid (read, lay out, render nodes), p50, ${diary_label:-1m} appointments" \
      "$(median diary-window week_switch_layout_p50_ms)" "$(median diary-window week_switch_floor_p50_ms)" ms none
  row "Diary: switch week in the grid (read, lay out, render nodes), p99, ${diary_label:-1m} appointments" \
      "$(median diary-window week_switch_layout_p99_ms)" "$(median diary-window week_switch_floor_p99_ms)" ms max 16
  row "Diary: next free slot (30 min, 10 results, a year ahead), p50, ${diary_label:-1m} appointments" \
      "$(median diary free_harley_p50_ms)" "$(median diary free_floor_p50_ms)" ms none
  row "Diary: next free slot (30 min, 10 results, a year ahead), p99, ${diary_label:-1m} appointments" \
      "$(median diary free_harley_p99_ms)" "$(median diary free_floor_p99_ms)" ms max 50
  row "Diary: no free slot in a year (480 min), ${diary_label:-1m} appointments" \
      "$(median diary free_worst_harley_ms)" "$(median diary free_worst_floor_ms)" ms none
  row "Letter: a 2-page clinic letter to PDF, per page, p50" \
      "$(median letter letter_pdf_per_page_p50_ms)" "$(median letter letter_pdf_floor_per_page_p50_ms)" ms none
  row "Letter: a 2-page clinic letter to PDF, per page, p99" \
      "$(median letter letter_pdf_per_page_p99_ms)" "$(median letter letter_pdf_floor_per_page_p99_ms)" ms max 10
  row "Letter: $letter_batch letters to PDF in a batch" \
      "$(median letter letter_batch_s)" "$(median letter letter_batch_floor_s)" s max 5
  row "Letter: preview of page 1 at 100 %, p50" \
      "$(median letter letter_preview_p50_ms)" "$(median letter letter_preview_floor_p50_ms)" ms none
  row "Letter: preview of page 1 at 100 %, p99" \
      "$(median letter letter_preview_p99_ms)" "$(median letter letter_preview_floor_p99_ms)" ms max 30
  local w label
  for w in outstanding:Outstanding to_review:"To review" to_tell:"To tell" unmatched:"Unmatched results"; do
    label=${w#*:}
    row "Samples: open $label (count, ids, first 30), p99, $(count_label "$(median samples samples)") samples" \
        "$(median samples "samples_${w%%:*}_p99_ms")" "$(median samples "samples_${w%%:*}_floor_p99_ms")" ms max 16
  done
  row "Samples: the sidebar's counts (four worklists and the overdue), p99" \
      "$(median samples samples_sidebar_p99_ms)" "$(median samples samples_sidebar_floor_p99_ms)" ms max 16
  printf '\n'
  printf 'Machine: %s CPUs, %s; %s; GTK %s, libadwaita %s, SQLite %s. %s keystrokes, %s records opened; medians of the runs.\n' \
    "$(nproc)" \
    "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" \
    "$(pkg-config --modversion gtk4 2>/dev/null || echo '?')" \
    "$(pkg-config --modversion libadwaita-1 2>/dev/null || echo '?')" \
    "$(pkg-config --modversion sqlite3 2>/dev/null || echo '?')" \
    "$prefixes" "$opens"
  if [[ -s $results/diary.1.txt ]]; then
    printf 'Diary: %s weeks, %s free-slot searches; the week'"'"'s appointments are read %s.\n' "$weeks" "$searches" \
      "$(awk '$1 == "week_plan_uses_starts_index" { print ($2 ? "through the appointment_starts index (EXPLAIN QUERY PLAN)" : "WITHOUT the appointment_starts index"); exit }' "$results/diary.1.txt")"
  fi
  if [[ -s $results/generation.txt ]]; then
    printf '\n'
    cat "$results/generation.txt"
  fi
  printf '\n'
  if [[ ${#missed[@]} -eq 0 ]]; then
    printf 'All goals met.\n'
  else
    for m in "${missed[@]}"; do
      printf 'MISSED: %s\n' "$m"
    done
  fi
}

# main {{{1

if [[ $mode == gui ]]; then
  gui_runs
  exit 0
fi

build_if_needed
mkdir -p "$data"
rm -rf "$results"
mkdir -p "$results"
make_database "$small" "$data/100k.db"
make_database "$large" "$data/1m.db"
make_database "$small" "$data/diary-1m.db" "$appointments"
say "Searching without a display ..."
run_search
say "Switching diary weeks and finding free slots ..."
run_diary
say "Rendering letters to PDF and previewing them ..."
run_letter
say "Opening the samples' worklists ..."
run_samples
run_gui
print_table | tee "$results/table.md"
exit 0
