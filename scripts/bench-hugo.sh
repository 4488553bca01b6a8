#!/usr/bin/env bash
# Build time against Hugo: ./scripts/bench-hugo.sh [TABLE_FILE]
#
# Generates synthetic sites of 100, 1,000 and 10,000 pages, each twice: as Hearth content
# (target/release/examples/synthetic) and as the same pages in Hugo Markdown (same titles,
# text, tables and links; layouts from scripts/bench-hugo-layouts.sh). Two kinds of site:
#   plan   a strategy: 90% action pages, 10% measure pages, plus the fixed pages (home,
#          strategy, priorities, plan, measures, about, accessibility, 404) = 18 pages
#   pages  the fixed pages of a 1-action, 1-measure strategy (20) plus Markdown pages
#          (~2.5 KB of Markdown each: headings, paragraphs, a list, a table, two content links)
# Each build writes into an emptied output folder; after one warm-up build of each, the two
# tools take turns for BENCH_RUNS runs (default 5) and the median wall time is reported, with
# the HTML pages each tool wrote (counted, so the comparison is seen to be like for like).
# Work files go to /dev/shm when it is writable (disk writes are noisy on a shared machine),
# else to $TMPDIR; set BENCH_DIR to choose. Other settings: BENCH_SIZES="100 1000 10000",
# BENCH_KINDS="plan pages". TABLE_FILE, if given, receives the printed tables.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
table_file="${1:-}"
runs="${BENCH_RUNS:-5}"
sizes="${BENCH_SIZES:-100 1000 10000}"
kinds="${BENCH_KINDS:-plan pages}"

if ! command -v hugo >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "hugo not found; installing Debian's package" >&2
    apt-get install -y hugo || { apt-get update && apt-get install -y hugo; }
  else
    echo "hugo not found: install it with 'sudo apt-get install -y hugo' (Debian/Ubuntu) and run again" >&2
    exit 1
  fi
fi

cargo build --release -p hearth --bin hearth --example synthetic
hearth="$repo/target/release/hearth"
synthetic="$repo/target/release/examples/synthetic"

if [ -n "${BENCH_DIR:-}" ]; then
  base="$BENCH_DIR"
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
  base=/dev/shm
else
  base="${TMPDIR:-/tmp}"
fi
mkdir -p "$base"
work="$(mktemp -d "$base/hearth-bench-hugo.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export HUGO_CACHEDIR="$work/hugo-cache"

# run_once OUT LOG CMD...: empty OUT, run CMD, append "wall_ms cpu_ms" to $work/times.
run_once() {
  local out="$1" log="$2"
  shift 2
  rm -rf "$out"
  local t0 t1 status=0 TIMEFORMAT='%3U %3S'
  t0=$(date +%s%N)
  { time "$@" >"$log" 2>&1; } 2>"$work/cpu" || status=$?
  t1=$(date +%s%N)
  if [ "$status" != 0 ]; then
    echo "build failed ($status): $*" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  awk -v w="$(((t1 - t0) / 1000000))" '{ printf "%d %d\n", w, ($1 + $2) * 1000 }' "$work/cpu"
}

# median FILE COLUMN: the median of a column of numbers (the lower middle one for even counts).
median() { awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
range() { awk -v c="$2" '{ print $c }' "$1" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'; }
html_count() { find "$1" -name '*.html' -type f | wc -l; }
file_count() { find "$1" -type f | wc -l; }
megabytes() { du -sk "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }

report="$work/report.txt"
{
  echo "Hearth vs Hugo build time, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "hearth: $("$hearth" --version 2>/dev/null || echo "$hearth")"
  echo "hugo:   $(hugo version)"
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; work folder $base"
  echo "median wall time of $runs builds each (after a warm-up build), output folder emptied before every build"
} | tee "$report"

for kind in $kinds; do
  rows="$work/rows-$kind.txt"
  detail="$work/detail-$kind.txt"
  : >"$rows"
  : >"$detail"
  for size in $sizes; do
    case "$kind" in
      plan)
        metrics=$((size / 10))
        actions=$((size - metrics - 18))
        pages=0
        ;;
      pages)
        actions=1
        metrics=1
        pages=$((size - 20))
        ;;
      *)
        echo "unknown kind $kind (plan or pages)" >&2
        exit 2
        ;;
    esac
    if [ "$actions" -lt 1 ] || [ "$pages" -lt 0 ]; then
      echo "size $size is too small for $kind sites" >&2
      exit 2
    fi
    site="$work/$kind-$size"
    echo "== $kind, $size pages: $actions actions, $metrics measures, $pages Markdown pages" >&2
    "$synthetic" "$site/hearth" "$actions" "$metrics" "$pages" --hugo "$site/hugo" >/dev/null
    scripts/bench-hugo-layouts.sh "$site/hugo"
    hearth_cmd=("$hearth" build "$site/hearth" --out "$site/hearth-out")
    hugo_cmd=(hugo --source "$site/hugo" --destination "$site/hugo-out")
    # Warm-up (page cache, lazily loaded libraries), then alternate the tools run by run.
    run_once "$site/hearth-out" "$site/hearth.log" "${hearth_cmd[@]}" >/dev/null
    run_once "$site/hugo-out" "$site/hugo.log" "${hugo_cmd[@]}" >/dev/null
    : >"$site/hearth.times"
    : >"$site/hugo.times"
    for _ in $(seq "$runs"); do
      run_once "$site/hearth-out" "$site/hearth.log" "${hearth_cmd[@]}" >>"$site/hearth.times"
      run_once "$site/hugo-out" "$site/hugo.log" "${hugo_cmd[@]}" >>"$site/hugo.times"
    done
    hp=$(html_count "$site/hearth-out")
    gp=$(html_count "$site/hugo-out")
    hm=$(median "$site/hearth.times" 1)
    gm=$(median "$site/hugo.times" 1)
    echo "   hearth: $(grep -E '^Built ' "$site/hearth.log" || tail -n 1 "$site/hearth.log")" >&2
    echo "   hugo:   $(grep -E '^Total in ' "$site/hugo.log" || echo "$gp pages") (last run); median ${hm} ms vs ${gm} ms" >&2
    echo "$size $hp $gp $hm $gm" >>"$rows"
    echo "$size $(range "$site/hearth.times" 1) $(range "$site/hugo.times" 1) $(median "$site/hearth.times" 2) $(median "$site/hugo.times" 2) $(file_count "$site/hearth-out") $(file_count "$site/hugo-out") $(megabytes "$site/hearth-out") $(megabytes "$site/hugo-out")" >>"$detail"
    rm -rf "$site"
  done
  {
    echo
    case "$kind" in
      plan) echo "Strategy sites (actions and measures from YAML in Hearth; the same pages as Markdown in Hugo):" ;;
      pages) echo "Markdown page sites (20 fixed pages plus Markdown pages in both tools):" ;;
    esac
    awk 'BEGIN { printf "%6s | %12s | %10s | %9s | %7s | %14s | %12s | %5s\n", "size", "hearth pages", "hugo pages", "hearth ms", "hugo ms", "hearth ms/page", "hugo ms/page", "ratio"
                 print "-------+--------------+------------+-----------+---------+----------------+--------------+------" }
         { printf "%6d | %12d | %10d | %9d | %7d | %14.3f | %12.3f | %5.2f\n", $1, $2, $3, $4, $5, $4 / $2, $5 / $3, $4 / $5 }' "$rows"
    echo "ratio = hearth ms / hugo ms (median wall time); below 1 means Hearth was faster."
    echo
    echo "Detail: wall-time range over the runs, median CPU time (user + system), files and size written:"
    awk 'BEGIN { printf "%6s | %15s | %15s | %14s | %12s | %12s | %10s | %9s | %7s\n", "size", "hearth ms range", "hugo ms range", "hearth cpu ms", "hugo cpu ms", "hearth files", "hugo files", "hearth MB", "hugo MB" }
         { printf "%6d | %15s | %15s | %14d | %12d | %12d | %10d | %9s | %7s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$detail"
    echo "(Besides the pages and sitemap.xml, Hearth writes open data (a CSV file per measure,"
    echo "metrics.json, actions.csv and actions.json), _headers and its theme files (styles, scripts,"
    echo "wasm module, ECharts); Hugo writes the pages, sitemap.xml and one stylesheet.)"
  } | tee -a "$report"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$report"
if [ -n "$table_file" ]; then
  cp "$report" "$table_file"
  echo "tables written to $table_file"
fi
