#!/usr/bin/env bash
# The main job: sets up a fresh Debian machine, builds quire, and renders every
# template example (PDF and DOCX), the council template examples in examples/, plus the Pledge in every locale into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target quire
mkdir -p out
for example in templates/*/examples/*.json; do
  template=$(basename "$(dirname "$(dirname "$example")")")
  name="$template-$(basename "$example" .json)"
  build/quire render "$template" "$example" -o "out/$name.pdf"
  build/quire render "$template" "$example" -o "out/$name.docx"
done
# Council templates kept in folders of their own (examples/NAME/), in English and in
# each language their own catalogue has.
for example in examples/*/examples/*.json; do
  folder=$(dirname "$(dirname "$example")")
  name="$(basename "$folder")-$(basename "$example" .json)"
  for tag in $(ls "$folder/locales" 2>/dev/null || echo en-GB); do
    build/quire render "./$folder" "$example" --locale "$tag" -o "out/$name-$tag.pdf"
    build/quire render "./$folder" "$example" --locale "$tag" -o "out/$name-$tag.docx"
  done
done
for dir in locales/*/; do
  tag=$(basename "$dir")
  build/quire render pledge templates/pledge/examples/child.json --locale "$tag" -o "out/pledge-$tag.pdf"
  build/quire render pledge templates/pledge/examples/child.json --locale "$tag" -o "out/pledge-$tag.docx"
done
# The bilingual edition (the child's language beside English) for a few languages.
for tag in ar ps ti vi zh-Hans; do
  build/quire render pledge templates/pledge/examples/child.json --locale "$tag" --bilingual -o "out/pledge-$tag-en.pdf"
  build/quire render pledge templates/pledge/examples/child.json --locale "$tag" --bilingual -o "out/pledge-$tag-en.docx"
done
echo "rendered $(ls out | wc -l) files into out/"
