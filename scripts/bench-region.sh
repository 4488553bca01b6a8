#!/usr/bin/env bash
# Regions at scale: ./scripts/bench-region.sh [TABLE_FILE]
#
# For each count N in BENCH_COUNTS (default "10 50 153"; 153 is every English council), makes a
# region with scripts/make-region.sh (its own content is examples/region's; its N members are
# each a copy of the example council, frozen editions included, with an invented ONS code)
# and builds it with `hearth build`: wall time, CPU time (user + system) and
# peak memory (maximum resident set size) from /usr/bin/time -v, and the pages written. Two
# Hearth binaries are timed: `cargo build --release` (what `cargo run --release` runs) and
# the binary for councils from scripts/build-pgo.sh (the same code, optimised with a profile
# of its runs over the examples; BENCH_PGO=0 leaves it out, HEARTH_PGO_BIN=PATH times one
# already built). In the
# same run Hugo builds a synthetic strategy site with the same number of pages (90% action
# pages, 10% measure pages, the same generator and layouts as scripts/bench-hugo.sh's "plan"
# kind), so the per-page times compare like with like. Each build runs once to warm up and
# then BENCH_RUNS times (default 3), taking turns; medians are reported, and each Hearth
# binary's wall time per page as a share of Hugo's.
# Work files go to /dev/shm when writable (else $TMPDIR; BENCH_DIR to choose).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
table_file="${1:-}"
runs="${BENCH_RUNS:-3}"
counts="${BENCH_COUNTS:-10 50 153}"

command -v hugo >/dev/null || {
  echo "hugo not found: install it with 'sudo apt-get install -y hugo' and run again" >&2
  exit 1
}
[ -x /usr/bin/time ] || {
  echo "/usr/bin/time not found: install it with 'sudo apt-get install -y time'" >&2
  exit 1
}
cargo build --release -p hearth --bin hearth --example synthetic
target="${CARGO_TARGET_DIR:-$repo/target}"
hearth="$target/release/hearth"
synthetic="$target/release/examples/synthetic"
# The builds timed: a label and a binary each.
labels=("Hearth (release)")
binaries=("$hearth")
if [ "${BENCH_PGO:-1}" != 0 ]; then
  labels+=("Hearth (build-pgo.sh)")
  binaries+=("${HEARTH_PGO_BIN:-$(./scripts/build-pgo.sh)}")
fi

if [ -n "${BENCH_DIR:-}" ]; then
  base="$BENCH_DIR"
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
  base=/dev/shm
else
  base="${TMPDIR:-/tmp}"
fi
work="$(mktemp -d "$base/hearth-bench-region.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export HUGO_CACHEDIR="$work/hugo-cache"

# timed LOG CMD...: run CMD under /usr/bin/time -v; print "wall_ms cpu_ms max_rss_kb".
timed() {
  local log="$1"
  shift
  if ! /usr/bin/time -v "$@" >"$log" 2>"$log.time"; then
    echo "failed: $*" >&2
    tail -n 20 "$log" "$log.time" >&2
    exit 1
  fi
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
    END { printf "%d %d %d\n", w * 1000, (u + s) * 1000, m }' "$log.time"
}
median() { awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
html_count() { find "$1" -name '*.html' -type f | wc -l; }

report="$work/report.txt"
{
  echo "Regions at scale, $(date -u +%Y-%m-%dT%H:%MZ)"
  for b in "${!binaries[@]}"; do echo "${labels[$b]}: ${binaries[$b]}"; done
  echo "hugo: $(hugo version | cut -d' ' -f1-2)"
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; work folder $base"
  echo "medians of $runs builds each after a warm-up, output folder emptied before every build"
  echo
  echo "| councils | build | pages | wall | CPU | ms/page | wall per page against Hugo's | peak memory |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
} >"$report"
for n in $counts; do
  dir="$work/region-$n"
  echo "== $n councils" >&2
  ./scripts/make-region.sh "$dir/content" "$n"
  for b in "${!binaries[@]}"; do
    timed "$dir/warm.log" "${binaries[$b]}" build "$dir/content" --out "$dir/hearth-out" >/dev/null
    : >"$dir/hearth-$b.times"
  done
  pages=$(html_count "$dir/hearth-out")
  metrics=$((pages / 10))
  actions=$((pages - metrics - 18))
  "$synthetic" "$dir/hugo-src-hearth" "$actions" "$metrics" 0 --hugo "$dir/hugo" >/dev/null
  rm -rf "$dir/hugo-src-hearth"
  scripts/bench-hugo-layouts.sh "$dir/hugo"
  timed "$dir/hugo-warm.log" hugo --source "$dir/hugo" --destination "$dir/hugo-out" >/dev/null
  : >"$dir/hugo.times"
  for _ in $(seq "$runs"); do
    for b in "${!binaries[@]}"; do
      rm -rf "$dir/hearth-out"
      timed "$dir/hearth.log" "${binaries[$b]}" build "$dir/content" --out "$dir/hearth-out" >>"$dir/hearth-$b.times"
    done
    rm -rf "$dir/hugo-out"
    timed "$dir/hugo.log" hugo --source "$dir/hugo" --destination "$dir/hugo-out" >>"$dir/hugo.times"
  done
  hp=$(html_count "$dir/hearth-out")
  gp=$(html_count "$dir/hugo-out")
  echo "   $(grep -E '^Built ' "$dir/hearth.log" || true)" >&2
  gw=$(median "$dir/hugo.times" 1)
  # row LABEL PAGES TIMES: one line of the table.
  row() {
    awk -v n="$n" -v label="$1" -v p="$2" -v gw="$gw" -v gp="$gp" \
      -v w="$(median "$3" 1)" -v c="$(median "$3" 2)" -v m="$(median "$3" 3)" 'BEGIN {
        ratio = (label == "Hugo") ? "" : sprintf("%.2f", (w / p) / (gw / gp))
        printf "| %d | %s | %d | %.2f s | %.2f s | %.3f | %s | %d MiB |\n",
          n, label, p, w / 1000, c / 1000, w / p, ratio, m / 1024
      }'
  }
  for b in "${!binaries[@]}"; do row "${labels[$b]}" "$hp" "$dir/hearth-$b.times" >>"$report"; done
  row Hugo "$gp" "$dir/hugo.times" >>"$report"
  rm -rf "$dir"
done
cat "$report"
[ -z "$table_file" ] || cp "$report" "$table_file"
