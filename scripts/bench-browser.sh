#!/usr/bin/env bash
# Browser benchmarks: ./scripts/bench-browser.sh [ACTIONS]
# Builds the example site, a synthetic site with ACTIONS actions (default 10,000), the example
# region and a region of 153 councils (scripts/make-region.sh), then
# measures wasm and JavaScript sizes, filtering time, slider-to-chart time, input to frame
# with and without 4x CPU throttling, and first loads on a throttled "Slow 4G" profile per page
# type, in headless Chromium (scripts/bench-browser.mjs). Needs what scripts/setup.sh installs.
# Figures are reported, never asserted.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
actions="${1:-10000}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/hearth-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cargo build --release -p hearth --bin hearth --example synthetic
./target/release/hearth build content --out "$tmp/example"
./target/release/examples/synthetic "$tmp/content" "$actions" 20
./target/release/hearth build "$tmp/content" --out "$tmp/synthetic"
# Regions whose joint asks page is timed: the example region, and one of BENCH_REGION_MEMBERS
# councils (default 153, every English council; 0 for none), the largest regional page.
./target/release/hearth build examples/region --out "$tmp/region" 2>&1 | tail -n 1
members="${BENCH_REGION_MEMBERS:-153}"
regions=("$tmp/region")
if [ "$members" -gt 0 ]; then
  ./scripts/make-region.sh "$tmp/region-$members-content" "$members"
  ./target/release/hearth build "$tmp/region-$members-content" --out "$tmp/region-$members" 2>&1 | tail -n 1
  regions+=("$tmp/region-$members")
fi
node scripts/bench-browser.mjs "$tmp/example" "$tmp/synthetic" "${regions[@]}"
