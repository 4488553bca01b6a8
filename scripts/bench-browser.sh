#!/usr/bin/env bash
# Browser benchmarks: ./scripts/bench-browser.sh [ACTIONS]
# Builds the example site and a synthetic site with ACTIONS actions (default 10,000), then
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
# BENCH_REGION_SITE: a built regional site whose joint asks page is timed too.
node scripts/bench-browser.mjs "$tmp/example" "$tmp/synthetic" ${BENCH_REGION_SITE:+"$BENCH_REGION_SITE"}
