#!/usr/bin/env bash
# Big DfE files: ./scripts/bench-dfe.sh [RESULT_FILE]
#
# Generates a DfE open data standard CSV file of about BENCH_DFE_MB megabytes (default 1024)
# in the real column layout (never committed; written under /dev/shm when writable, else
# $TMPDIR; set BENCH_DIR to choose): England, its 9 regions and 153 local authorities, Reporting
# years from 2024 back, three filters (cla_group, characteristic, placement_type: 1,248
# combinations a year and area) and ten indicators, with shorthand symbols (c, x, z, low, k, u)
# among the figures. Invented figures, fixed seed: the same file every run.
#
# Then, with a release build, measures wall time and peak memory (maximum resident set size,
# from /usr/bin/time -v) of
#   1. `hearth import FILE` (one pass over the file), and
#   2. `hearth build` of a small content folder (tests/fixtures/valid/minimal plus one measure
#      whose series, England comparator and regional comparator are read from FILE: three
#      passes over it).
# Prints the figures; RESULT_FILE, if given, receives the same lines. HEARTH_BIN times a
# prebuilt binary instead of building this checkout's.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
result_file="${1:-}"
megabytes="${BENCH_DFE_MB:-1024}"

if [ ! -x /usr/bin/time ]; then
  echo "/usr/bin/time not found: install GNU time (Debian/Ubuntu: 'sudo apt-get install -y time')" >&2
  exit 1
fi
command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 1; }

target="${CARGO_TARGET_DIR:-$repo/target}"
if [ -z "${HEARTH_BIN:-}" ]; then
  cargo build --release -p hearth --bin hearth
fi
hearth="${HEARTH_BIN:-$target/release/hearth}"

if [ -n "${BENCH_DIR:-}" ]; then
  base="$BENCH_DIR"
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
  base=/dev/shm
else
  base="${TMPDIR:-/tmp}"
fi
mkdir -p "$base"
work="$(mktemp -d "$base/hearth-bench-dfe.XXXXXX")"
trap 'rm -rf "$work"' EXIT

content="$work/content"
cp -r tests/fixtures/valid/minimal "$content"
mkdir -p "$content/metrics/data"
file="$content/metrics/data/cla.csv"

python3 - "$file" "$megabytes" <<'PY'
import random, sys
path, megabytes = sys.argv[1], int(sys.argv[2])
rng = random.Random(15)
regions = [("E12000001", "North East"), ("E12000002", "North West"),
           ("E12000003", "Yorkshire and The Humber"), ("E12000004", "East Midlands"),
           ("E12000005", "West Midlands"), ("E12000006", "East of England"),
           ("E12000007", "London"), ("E12000008", "South East"), ("E12000009", "South West")]
areas = [("National", "E92000001,England,,,,,")]
areas += [("Regional", f"E92000001,England,{c},{n},,,") for c, n in regions]
for i in range(153):
    c, n = regions[i % 9]
    code = "E06000016" if i == 0 else f"E{6 + i % 4:02d}{100000 + i:06d}"
    areas.append(("Local authority", f"E92000001,England,{c},{n},{800 + i},{code},Council {i:03d}"))
groups = ["Total", "Age group", "Gender", "Ethnicity", "Legal status", "Placement stability",
          "Distance from home", "Unaccompanied"]
characteristics = ["Total", "Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over", "Male",
                   "Female", "White", "Mixed", "Asian", "Black"]
placements = ["Total", "Foster placements", "Placed for adoption", "Placed with parents",
              "Other placements in the community", "\"Secure units, homes and hostels\"",
              "Other residential settings", "Residential schools", "Missing", "Independent living",
              "Supported accommodation", "Mother and baby units", "Other"]
indicators = ["number", "percent", "rate_per_10000", "number_started", "number_ceased",
              "average_age", "placements_1", "placements_2", "placements_3_plus", "distance_20_miles"]
symbols = ["c", "x", "z", "low", "k", "u"]
header = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
          "region_name,old_la_code,new_la_code,la_name,cla_group,characteristic,placement_type,"
          + ",".join(indicators) + "\n")
combos = [f"{g},{c},{p}" for g in groups for c in characteristics for p in placements]
# Pre-made figure cells: a row's indicators are drawn from these.
def cell():
    r = rng.random()
    if r < 0.06:
        return rng.choice(symbols)
    if r < 0.5:
        return str(rng.randint(0, 9000))
    return f"{rng.uniform(0, 500):.1f}"
cells = [",".join(cell() for _ in indicators) for _ in range(4096)]
limit = megabytes * 1024 * 1024
written = 0
with open(path, "w", buffering=1 << 22) as out:
    out.write(header)
    written += len(header)
    year = 2024
    while written < limit and year > 1000:
        lines = []
        for level, area in areas:
            prefix = f"{year},Reporting year,{level},{area},"
            for combo in combos:
                lines.append(prefix + combo + "," + cells[rng.randrange(4096)] + "\n")
        chunk = "".join(lines)
        out.write(chunk)
        written += len(chunk)
        year -= 1
PY

cat >"$content/metrics/children-in-care.yaml" <<'YAML'
id: children-in-care
title: Children in care
unit: count
polarity: neutral
definition: Invented figures for a benchmark.
source:
  publisher: Department for Education
series: { dfe: data/cla.csv, indicator: number, code: E06000016, filters: { cla_group: Total, characteristic: Total, placement_type: Total } }
comparators:
  - id: england
    label: England
    kind: england
    series: { dfe: data/cla.csv, indicator: number, level: national, filters: { cla_group: Total, characteristic: Total, placement_type: Total } }
  - id: region
    label: North East
    kind: region
    series: { dfe: data/cla.csv, indicator: number, level: regional, code: E12000001, filters: { cla_group: Total, characteristic: Total, placement_type: Total } }
YAML

bytes=$(stat -c %s "$file")
rows=$(($(wc -l <"$file") - 1))
export HEARTH_TODAY=2026-12-01

# Runs "$@" under /usr/bin/time -v; prints "<seconds> <max RSS in MB>".
measure() {
  /usr/bin/time -v "$@" >"$work/out.txt" 2>"$work/time.txt" || {
    tail -n 30 "$work/out.txt" "$work/time.txt" >&2
    exit 1
  }
  awk -F': ' '
    /Elapsed \(wall clock\) time/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.1f s, peak memory %.1f MB", s, rss }' "$work/time.txt"
}

import_result=$(measure "$hearth" import "$file")
build_result=$(measure "$hearth" build "$content" --out "$work/site")
{
  echo "DfE file: $((bytes / 1024 / 1024)) MB, $rows rows ($(date -u +%Y-%m-%d), $(nproc) cores)"
  echo "hearth import: $import_result"
  echo "hearth build (1 measure, 3 series from the file): $build_result"
} | tee ${result_file:+"$result_file"}
