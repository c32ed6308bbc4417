#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan, in build-fuzz/) and runs each
# for SECONDS (default 60), starting from tests/fuzz/corpus/<harness>/ and the regression
# inputs. New inputs go to build-fuzz/corpus/<harness>/; a crash stops that harness and
# leaves crash-* in build-fuzz/findings/<harness>/ (copy it to tests/fuzz/regressions/<harness>/
# once fixed). Exits non-zero if any harness found a crash. See docs/SECURITY.md.
#   scripts/fuzz.sh [SECONDS] [HARNESS...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(template expr json_schema xliff image glossary checks)
cxx=${QUIRE_FUZZ_CXX:-$(command -v clang++ || command -v clang++-14)}

CXX=$cxx cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUIRE_FUZZ=ON -DBUILD_TESTING=ON >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
cmake --build build-fuzz -j"${QUIRE_FUZZ_JOBS:-2}" --target "${targets[@]}"

failed=0
for h in "${harnesses[@]}"; do
  work=build-fuzz/corpus/$h findings=build-fuzz/findings/$h
  mkdir -p "$work" "$findings"
  echo "== fuzz_$h for ${seconds}s =="
  if ! ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
      build-fuzz/tests/fuzz/fuzz_$h -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 \
      -max_len=262144 -artifact_prefix="$findings/" -print_final_stats=1 \
      "$work" "tests/fuzz/corpus/$h" "tests/fuzz/regressions/$h" 2>"build-fuzz/fuzz_$h.log"; then
    echo "fuzz_$h FOUND A PROBLEM: see build-fuzz/fuzz_$h.log and $findings/"
    failed=1
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "build-fuzz/fuzz_$h.log" || true
done
exit $failed
