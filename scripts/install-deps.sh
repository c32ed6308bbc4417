#!/usr/bin/env bash
# Installs every Debian package quire needs to build, test and run.
# Idempotent: skips apt when everything is already installed.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake pkg-config clang-format
  # LLVM's linker: links the test programs several times faster than ld.bfd (CMakeLists.txt)
  lld
  # fuzzing (scripts/fuzz.sh): clang with libFuzzer
  clang
  # core libraries
  libhpdf-dev libpng-dev libjpeg-dev zlib1g-dev libdeflate-dev libpugixml-dev libicu-dev doctest-dev
  libharfbuzz-dev libfreetype-dev libzip-dev nlohmann-json3-dev libvalijson-dev
  libhyphen-dev libcli11-dev libfontconfig-dev
  # the content checks' rules (templates/*/checks.yaml)
  libyaml-cpp-dev
  # the service: HTTP server, storage, SHA-256 and randomness for tokens
  libcpp-httplib-dev libsqlite3-dev libssl-dev
  # PostgreSQL: the client library for many workers, the server for the tests
  libpq-dev postgresql
  # hyphenation dictionaries (languages we hyphenate)
  hyphen-en-gb hyphen-ro
  # fonts: Noto (Latin, Arabic Naskh/Nastaliq, Ethiopic, Bengali, Devanagari... and, in
  # -extra, every other script Noto has), Chinese (glyf TrueType), symbols and emoji in
  # outlines (Symbola), fallback. docs/FONTS.md lists which font covers which script.
  fonts-noto-core fonts-noto-extra fonts-wqy-microhei fonts-dejavu-core fonts-symbola
  # test tools: PDF inspection, DOCX conversion, timing
  poppler-utils qpdf libreoffice-writer-nogui time unzip python3 python3-pikepdf
  # the service's load test (bench/service.py) and its HTTPS test (a self-signed certificate)
  wrk openssl
  # a CAT tool's XLIFF library, for the translators' round-trip test
  translate-toolkit
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
