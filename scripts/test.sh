#!/usr/bin/env bash
# Sets up a fresh Debian machine, builds quire twice (optimised, and with
# AddressSanitizer + UndefinedBehaviorSanitizer) and runs every test in both.
# Fuzzes each harness briefly (QUIRE_FUZZ_SECONDS, default 20 s; 0 skips) before the last
# test run, so ctest's own summary is still the last thing printed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)
# How long each stage took, said as it ends (the run must stay well inside CI's limit).
stage_start=$SECONDS
took() { echo "== $1 took $((SECONDS - stage_start)) s (run: ${SECONDS} s) =="; stage_start=$SECONDS; }
took "installing dependencies"

echo "== clang-format =="
git ls-files '*.cpp' '*.hpp' | grep -v '^tests/fuzz/corpus/' | xargs clang-format --dry-run --Werror

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DQUIRE_SANITIZE=ON -DQUIRE_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
took "the ASan/UBSan build"
echo "== tests under ASan/UBSan =="
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j"$jobs" -LE slow)
took "the tests under ASan/UBSan"

fuzz_seconds=${QUIRE_FUZZ_SECONDS:-20}
if [ "$fuzz_seconds" != 0 ]; then
  echo "== fuzzing, ${fuzz_seconds}s per harness =="
  # Fuzzing is a search, not a gate: a new finding is reported (and must become a
  # regression input under tests/fuzz/regressions once fixed), while the replay of every
  # known input (the fuzz.replay.* tests) is what passes or fails a run.
  bash scripts/fuzz.sh "$fuzz_seconds" ||
    echo "FUZZING FOUND A NEW PROBLEM: see build-fuzz/findings/ and build-fuzz/fuzz_*.log (reported, not a gate)"
  took "the fuzzing build and runs"
fi

# The optimised build as shipped (-O2, RelWithDebInfo's code: gcc's -g changes no code) but
# without debug information, which nothing here reads and which takes a quarter to a third
# of each file's compile time.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DQUIRE_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
took "the optimised build"
echo "== tests =="
cd build && ctest --output-on-failure -j"$jobs"
