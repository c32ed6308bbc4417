#!/usr/bin/env bash
# Pictures of the Pledge for people to look at (docs/pictures/): the plain Pledge in
# en-GB, ar and ti as this build makes it, PDF and DOCX (through LibreOffice), and, with
# --old QUIRE, as a previous build made it, side by side. Measures and asserts nothing.
#   scripts/pledge-pictures.sh [--old /path/to/old/quire] [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
old=""
if [[ "${1:-}" == "--old" ]]; then
  old="$2"
  shift 2
fi
out="${1:-$here/docs/pictures}"
quire="${QUIRE:-$here/build/quire}"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

picture() {  # picture PDF NAME: page 1 at 50 dpi
  pdftoppm -r 50 -png -f 1 -l 1 -singlefile "$1" "$out/$2"
}

for locale in en-GB ar ti; do
  "$quire" render pledge "$here/templates/pledge/examples/child.json" --locale "$locale" -o "$tmp/pledge-$locale.pdf"
  picture "$tmp/pledge-$locale.pdf" "pledge-$locale"
  "$quire" render pledge "$here/templates/pledge/examples/child.json" --locale "$locale" -o "$tmp/pledge-$locale.docx"
  soffice --headless --convert-to pdf --outdir "$tmp/lo" "$tmp/pledge-$locale.docx" >/dev/null 2>&1
  picture "$tmp/lo/pledge-$locale.pdf" "pledge-$locale-docx"
  if [[ -n "$old" ]]; then
    # The old build reads its own source tree's templates (its QUIRE_HOME).
    old_home="$(cd "$(dirname "$old")/.." && pwd)"
    "$old" render pledge "$old_home/templates/pledge/examples/child.json" --locale "$locale" -o "$tmp/old-$locale.pdf"
    picture "$tmp/old-$locale.pdf" "pledge-$locale-before"
  fi
done
ls -l "$out"
