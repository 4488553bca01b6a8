#!/usr/bin/env bash
# Build time at 10,000 pages: ./scripts/bench-10k.sh [RESULT_FILE]
#
# Writes a synthetic content folder (target/release/examples/synthetic) of about BENCH_PAGES
# pages (default 10,000): 10% measure pages, the rest action pages, plus the fixed pages
# (home, strategy, priorities, plan, measures, about, accessibility, 404 ...), the same mix as
# the "plan" sites of scripts/bench-hugo.sh. Then times `hearth build` of it with hyperfine:
# one warm-up build, then BENCH_RUNS timed builds (default 10), each into an emptied output
# folder, with HEARTH_TODAY fixed. Prints the pages and files written and the median, minimum
# and maximum wall time; RESULT_FILE, if given, receives the same lines (hyperfine's JSON is
# kept beside it as RESULT_FILE.json).
#
# HEARTH_BIN and SYNTHETIC_BIN time prebuilt binaries instead of building this checkout's (for
# example an earlier commit's, to compare before and after a change). Work files go to
# /dev/shm when it is writable (disk writes are noisy on a shared machine), else to $TMPDIR;
# set BENCH_DIR to choose.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
result_file="${1:-}"
runs="${BENCH_RUNS:-10}"
size="${BENCH_PAGES:-10000}"

if ! command -v hyperfine >/dev/null; then
  echo "hyperfine not found: install it (Debian/Ubuntu: 'sudo apt-get install -y hyperfine')" >&2
  exit 1
fi

target="${CARGO_TARGET_DIR:-$repo/target}"
if [ -z "${HEARTH_BIN:-}" ] || [ -z "${SYNTHETIC_BIN:-}" ]; then
  cargo build --release -p hearth --bin hearth --example synthetic
fi
hearth="${HEARTH_BIN:-$target/release/hearth}"
synthetic="${SYNTHETIC_BIN:-$target/release/examples/synthetic}"

if [ -n "${BENCH_DIR:-}" ]; then
  base="$BENCH_DIR"
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
  base=/dev/shm
else
  base="${TMPDIR:-/tmp}"
fi
mkdir -p "$base"
work="$(mktemp -d "$base/hearth-bench-10k.XXXXXX")"
trap 'rm -rf "$work"' EXIT

metrics=$((size / 10))
actions=$((size - metrics - 18))
if [ "$actions" -lt 1 ]; then
  echo "BENCH_PAGES=$size is too small" >&2
  exit 2
fi
"$synthetic" "$work/content" "$actions" "$metrics" >/dev/null
export HEARTH_TODAY=2026-12-01
out="$work/out"
"$hearth" build "$work/content" --out "$out" >"$work/build.log" 2>&1 || {
  tail -n 20 "$work/build.log" >&2
  exit 1
}
pages=$(find "$out" -name '*.html' -type f | wc -l)
files=$(find "$out" -type f | wc -l)
csvs=$(find "$out" -name '*.csv' -type f | wc -l)
megabytes=$(du -sk "$out" | awk '{ printf "%.1f", $1 / 1024 }')

hyperfine --style basic --warmup 1 --runs "$runs" \
  --prepare "rm -rf '$out'" \
  --export-json "$work/hyperfine.json" \
  "'$hearth' build '$work/content' --out '$out'" >&2

report="$work/report.txt"
{
  echo "hearth build at $size pages, $(date -u +%Y-%m-%dT%H:%MZ)"
  if [ -n "${HEARTH_BIN:-}" ]; then
    echo "hearth: $hearth (HEARTH_BIN)"
  else
    echo "hearth: $hearth, built from $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
  fi
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; work folder $base"
  echo "content: $actions actions, $metrics measures; output: $pages HTML pages, $files files ($csvs CSV), $megabytes MB"
  # hyperfine's summary (seconds) of the timed runs: median, min, max.
  awk '
    function value(line) { sub(/^[^:]*:[ ]*/, "", line); sub(/,[ ]*$/, "", line); return line * 1000 }
    /"median":/ { median = value($0) }
    /"min":/ { min = value($0) }
    /"max":/ { max = value($0) }
    /"user":/ { cpu_user = value($0) }
    /"system":/ { cpu_sys = value($0) }
    /"times":/ { n = 0; inside = 1; next }
    inside && /\]/ { inside = 0 }
    inside && /[0-9]/ { n++ }
    END {
      printf "wall time over %d runs: median %.0f ms, min %.0f ms, max %.0f ms\n", n, median, min, max
      printf "CPU time, mean of the runs: user %.0f ms, system %.0f ms\n", cpu_user, cpu_sys
    }' "$work/hyperfine.json"
} | tee "$report"
if [ -n "$result_file" ]; then
  cp "$report" "$result_file"
  cp "$work/hyperfine.json" "$result_file.json"
fi
