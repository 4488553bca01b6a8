#!/usr/bin/env bash
# A region at scale: ./scripts/make-region.sh DIR N
#
# Makes DIR, a region whose own content is examples/region's and whose N members are each a
# copy of the example council (content/, its frozen editions included) with its own invented
# ONS code (E06100001 ...). N = 153 is every English council. Used by scripts/bench-region.sh
# (build times) and by the browser benchmark (the largest regional page, the joint asks).
set -euo pipefail
[ "$#" -eq 2 ] || {
  echo "usage: $0 DIR N" >&2
  exit 2
}
[ ! -e "$1" ] || {
  echo "$1 exists: give a folder that does not" >&2
  exit 1
}
mkdir -p "$1/members"
dir="$(cd "$1" && pwd)"
n="$2"
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The region's own content: everything in examples/region but its members and region.yaml.
for f in examples/region/*; do
  case "$(basename "$f")" in members | region.yaml) ;; *) cp -r "$f" "$dir/" ;; esac
done
{
  echo "members:"
  for i in $(seq "$n"); do
    id=$(printf 'council-%03d' "$i")
    code=$(printf 'E06%06d' $((100000 + i)))
    cp -r content "$dir/members/$id"
    # Its own ONS code, in site.yaml and in the national statistics file it reads.
    grep -rl E06000900 "$dir/members/$id" | xargs -r sed -i "s/E06000900/$code/g"
    echo "  - { id: $id, path: members/$id }"
  done
  echo "measures:"
  echo "  children-in-care: { combine: sum }"
} >"$dir/region.yaml"
