#!/usr/bin/env bash
# Regions at scale: ./scripts/bench-region.sh [TABLE_FILE]
#
# For each count N in BENCH_COUNTS (default "10 50 153"; 153 is every English council), makes a
# region with scripts/make-region.sh (its own content is examples/region's; its N members are
# each a copy of the example council, frozen editions included, with an invented ONS code)
# and builds it with `hearth build`: wall time, CPU time (user + system) and
# peak memory (maximum resident set size) from /usr/bin/time -v, and the pages written. In the
# same run Hugo builds a synthetic strategy site with the same number of pages (90% action
# pages, 10% measure pages, the same generator and layouts as scripts/bench-hugo.sh's "plan"
# kind), so the per-page times compare like with like. Each tool builds once to warm up and
# then BENCH_RUNS times (default 3), taking turns; medians are reported.
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
  echo "hearth: $hearth; hugo: $(hugo version | cut -d' ' -f1-2)"
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; work folder $base"
  echo "medians of $runs builds each after a warm-up, output folder emptied before every build"
  echo
  echo "| councils | Hearth pages | Hugo pages | Hearth wall | Hugo wall | Hearth CPU | Hugo CPU | Hearth ms/page | Hugo ms/page | Hearth/Hugo wall per page | Hearth peak memory | Hugo peak memory |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} >"$report"
for n in $counts; do
  dir="$work/region-$n"
  echo "== $n councils" >&2
  ./scripts/make-region.sh "$dir/content" "$n"
  timed "$dir/warm.log" "$hearth" build "$dir/content" --out "$dir/hearth-out" >/dev/null
  pages=$(html_count "$dir/hearth-out")
  metrics=$((pages / 10))
  actions=$((pages - metrics - 18))
  "$synthetic" "$dir/hugo-src-hearth" "$actions" "$metrics" 0 --hugo "$dir/hugo" >/dev/null
  rm -rf "$dir/hugo-src-hearth"
  scripts/bench-hugo-layouts.sh "$dir/hugo"
  timed "$dir/hugo-warm.log" hugo --source "$dir/hugo" --destination "$dir/hugo-out" >/dev/null
  : >"$dir/hearth.times"
  : >"$dir/hugo.times"
  for _ in $(seq "$runs"); do
    rm -rf "$dir/hearth-out"
    timed "$dir/hearth.log" "$hearth" build "$dir/content" --out "$dir/hearth-out" >>"$dir/hearth.times"
    rm -rf "$dir/hugo-out"
    timed "$dir/hugo.log" hugo --source "$dir/hugo" --destination "$dir/hugo-out" >>"$dir/hugo.times"
  done
  hp=$(html_count "$dir/hearth-out")
  gp=$(html_count "$dir/hugo-out")
  echo "   $(grep -E '^Built ' "$dir/hearth.log" || true)" >&2
  awk -v n="$n" -v hp="$hp" -v gp="$gp" \
    -v hw="$(median "$dir/hearth.times" 1)" -v gw="$(median "$dir/hugo.times" 1)" \
    -v hc="$(median "$dir/hearth.times" 2)" -v gc="$(median "$dir/hugo.times" 2)" \
    -v hm="$(median "$dir/hearth.times" 3)" -v gm="$(median "$dir/hugo.times" 3)" 'BEGIN {
      hpp = hw / hp; gpp = gw / gp
      printf "| %d | %d | %d | %.2f s | %.2f s | %.2f s | %.2f s | %.3f | %.3f | %.2f | %d MiB | %d MiB |\n",
        n, hp, gp, hw / 1000, gw / 1000, hc / 1000, gc / 1000, hpp, gpp, hpp / gpp, hm / 1024, gm / 1024
    }' >>"$report"
  rm -rf "$dir"
done
cat "$report"
[ -z "$table_file" ] || cp "$report" "$table_file"
