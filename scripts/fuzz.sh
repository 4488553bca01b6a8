#!/usr/bin/env bash
# Fuzz Hearth's parsers with cargo-fuzz (libFuzzer) on the nightly toolchain.
#
#   scripts/fuzz.sh                  smoke run (the test script's): replay the kept corpus and
#                                    every past crash, then fuzz 20 s per target
#   scripts/fuzz.sh 600              10 minutes per target
#   scripts/fuzz.sh 600 --keep       ... and merge what found new coverage into fuzz/corpus/
#   scripts/fuzz.sh 60 formula yaml  only some targets
#
# Targets (fuzz/fuzz_targets/): period (the period parser), formula (formula parser, compiler
# and evaluator, and the encoded program the browser runs), yaml (a content folder with one
# file replaced by the input, loaded, validated and rendered in memory).
#
# Each target runs single-threaded with a 10 s limit per input and a 2 GiB memory limit, so a
# slow or greedy input is reported as a failure like a crash. A failure leaves its input in
# fuzz/artifacts/<target>/ and exits non-zero; once fixed, copy the input to
# fuzz/regressions/<target>/ so every later run replays it.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
say() { printf '[fuzz] %s\n' "$*"; }

seconds=20
keep=0
targets=()
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    ''|*[!0-9]*) targets+=("$arg") ;;
    *) seconds="$arg" ;;
  esac
done
[ "${#targets[@]}" -gt 0 ] || targets=(period formula yaml)

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  say "needs the nightly Rust toolchain (libFuzzer's sanitizer flags are nightly-only):" >&2
  say "  rustup toolchain install nightly" >&2
  exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

# Staleness warnings depend on the date: fix it, so a run is repeatable.
export HEARTH_TODAY=2024-06-01
# No sanitizer: the targets call only safe Rust, where a fault shows as a panic, which libFuzzer
# reports without one. AddressSanitizer made the build about twice as long on a fresh 2-core
# machine and each run several times slower.
say "building the fuzz targets (cargo +nightly fuzz build -O -s none)"
cargo +nightly fuzz build -O -s none

bin_dir="fuzz/target/x86_64-unknown-linux-gnu/release"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/hearth-fuzz.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
failed=0
for t in "${targets[@]}"; do
  bin="$bin_dir/$t"
  [ -x "$bin" ] || { say "no fuzz target named $t" >&2; exit 2; }
  mkdir -p "$scratch/$t" "fuzz/artifacts/$t" "fuzz/corpus/$t"
  cp -R "fuzz/corpus/$t/." "$scratch/$t/"
  mapfile -t past < <(find "fuzz/regressions/$t" -type f ! -name '.*' 2>/dev/null | sort)
  if [ "${#past[@]}" -gt 0 ]; then
    say "$t: replaying ${#past[@]} past failures"
    if ! "$bin" -timeout=10 -rss_limit_mb=2048 "${past[@]}" >"$scratch/$t.replay.log" 2>&1; then
      tail -n 30 "$scratch/$t.replay.log" >&2
      say "$t: a past failure is back" >&2
      failed=1
      continue
    fi
  fi
  say "$t: $(ls "$scratch/$t" | wc -l) corpus inputs, fuzzing for ${seconds} s"
  log="$scratch/$t.log"
  if "$bin" "$scratch/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="fuzz/artifacts/$t/" -print_final_stats=1 >"$log" 2>&1; then
    runs="$(grep -o '^Done [0-9]* runs in [0-9]* second(s)' "$log" | tail -n 1)"
    stats="$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9A-Za-z]+' || true)"
    say "$t: ${runs:-done}; ${stats}; no crash, timeout or memory failure"
  else
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" >&2 || tail -n 30 "$log" >&2
    say "$t: FAILED; reproduce with: HEARTH_TODAY=$HEARTH_TODAY cargo +nightly fuzz run $t -O -s none fuzz/artifacts/$t/<file>" >&2
    failed=1
    continue
  fi
  if [ "$keep" -eq 1 ]; then
    before="$(ls "fuzz/corpus/$t" | wc -l)"
    "$bin" -merge=1 "fuzz/corpus/$t" "$scratch/$t" >"$scratch/$t.merge.log" 2>&1
    say "$t: corpus kept in fuzz/corpus/$t: $before -> $(ls "fuzz/corpus/$t" | wc -l) inputs"
  fi
done
exit "$failed"
