#!/usr/bin/env bash
# Build the same generated portal with govsite and its peers, one after the other, and
# print wall time and peak memory of each (GNU time). Public tools only:
#   apt-get install hugo time; pip install mkdocs pelican markdown   (peers, not govsite deps)
#   bash bench/peers.sh 1000          # items; MkDocs is skipped above 2,000 (see README)
set -euo pipefail
items="${1:-1000}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$here/generate.py" "$work/site" --items "$items" --peers >/dev/null
measure() {  # name, command...
  local name="$1"; shift
  if /usr/bin/time -f "$name: %e s wall, %M KB peak" "$@" >/dev/null 2>"$work/time.txt"; then
    tail -n 1 "$work/time.txt"
  else
    echo "$name: failed"; tail -n 5 "$work/time.txt"
  fi
}
# GOVSITE may name the interpreter that has govsite installed (e.g. when the peers
# live in a virtual environment first on PATH).
read -r -a govsite <<< "${GOVSITE:-python3 -m govsite}"
measure govsite "${govsite[@]}" build --site "$work/site" --out "$work/out-govsite" --as-of 2026-11-26
command -v hugo >/dev/null && measure hugo hugo --quiet -s "$work/site/hugo" -d "$work/out-hugo"
if command -v pelican >/dev/null; then
  measure pelican pelican "$work/site/pelican/content" -s "$work/site/pelican/pelicanconf.py" -o "$work/out-pelican" -q
fi
if command -v mkdocs >/dev/null && [ "$items" -le 2000 ]; then
  measure mkdocs mkdocs build -q -f "$work/site/mkdocs/mkdocs.yml" -d "$work/out-mkdocs"
fi
