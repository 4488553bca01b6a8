#!/usr/bin/env bash
# Browser benchmarks: ./scripts/bench-browser.sh [ACTIONS]
# Builds the example site and a synthetic site with ACTIONS actions (default 10,000), then
# measures wasm and JavaScript sizes, filtering time and slider-to-chart time in headless
# Chromium (scripts/bench-browser.mjs). Needs what scripts/setup.sh installs.
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
node scripts/bench-browser.mjs "$tmp/example" "$tmp/synthetic"
