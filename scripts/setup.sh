#!/usr/bin/env bash
# Idempotent installer for a fresh Debian machine: everything Hearth's tests need.
# Safe to re-run; each step is skipped when its tool is already present.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '[setup] %s\n' "$*"; }

# Run as root directly; otherwise via sudo when it is available.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    say "need root for: $* (and sudo is not available)" >&2
    return 1
  fi
}

# 1. Debian's Chromium (browser tests never download their own browser), plus fonts so
#    screenshots render text the same on every machine. Recommends are skipped on purpose
#    (they pull in udev, upower, printing and desktop bits a headless test never uses).
apt_pkgs=()
[ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
dpkg -s fonts-liberation >/dev/null 2>&1 || apt_pkgs+=(fonts-liberation)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || apt_pkgs+=(fonts-dejavu-core)
# The `hearth` binary's allocator (jemalloc) is built from C with make.
command -v make >/dev/null 2>&1 || apt_pkgs+=(make)
command -v cc >/dev/null 2>&1 || apt_pkgs+=(gcc)
if [ "${#apt_pkgs[@]}" -eq 0 ]; then
  say "chromium present: $(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"
else
  say "installing Debian packages: ${apt_pkgs[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${apt_pkgs[@]}"
fi

# 2. Rust target and components.
if command -v rustup >/dev/null 2>&1; then
  # Read the lists first: `grep -q` closing a pipe early would trip pipefail.
  targets="$(rustup target list --installed)"
  components="$(rustup component list --installed)"
  if grep -qx wasm32-unknown-unknown <<<"$targets"; then
    say "rust target wasm32-unknown-unknown present"
  else
    say "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  for comp in rustfmt clippy; do
    if grep -q "^${comp}" <<<"$components"; then
      say "rust component ${comp} present"
    else
      say "adding rust component ${comp}"
      rustup component add "${comp}"
    fi
  done
else
  say "rustup not found; skipping rust target/components" >&2
fi

# 3. Node packages for the browser tests: playwright-core (which never fetches a browser),
#    axe-core and html-validate (tests/browser/html-validate.test.mjs), from the lock file.
#    playwright-core needs Node >= 20 and html-validate 10 needs >= 20.19, newer than Debian
#    bookworm's nodejs, so we only check.
if ! command -v node >/dev/null 2>&1 || ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  say "Node.js >= 20.19 with npm is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
say "node $(node --version), npm $(npm --version 2>/dev/null)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
cd "$repo/tests/browser"
if [ -f package-lock.json ]; then
  say "npm ci in tests/browser"
  npm ci --no-audit --no-fund
else
  say "npm install in tests/browser (no lockfile)"
  npm install --no-audit --no-fund
fi

say "done"
