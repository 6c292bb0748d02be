#!/bin/sh
# tsan-check.sh — builds ondes with ThreadSanitizer in a temporary folder and runs the threaded real-time tests there.
#
# Usage: sh tools/tsan-check.sh        (or: make tsan-check)
# The tests are the Python ones that start ondes on a private dummy jackd
# (those using tests/livekit.py, and test_python.py's live Session).  Under a
# TSan build, tests/tsankit.py gives every ondes TSan's options (all reports,
# a log file per process, tests/tsan.supp), turns ASLR off where gcc's runtime
# needs it, and fails the test on any report.  This script fails when a test
# fails or is skipped (a skipped test checked nothing), or when any TSan log
# holds a report.  Environment: CC (default: the compiler configure finds;
# clang is tried when it cannot build with -fsanitize=thread), JOBS (2),
# TSAN_CHECK_KEEP=1 keeps the temporary folder.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ondes-tsan.XXXXXX")
cleanup() {
    if [ -n "${TSAN_CHECK_KEEP:-}" ]; then echo "tsan-check: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
start=$(date +%s)

# A source tree configured in place cannot host another build: take a clean
# copy of it (make distdir); a bare checkout gets its configure script first.
if [ -f "$src/config.status" ]; then
    make -s -C "$src" distdir distdir="$work/src" >"$work/distdir.log" 2>&1 ||
        { cat "$work/distdir.log"; exit 1; }
    src="$work/src"
elif [ ! -x "$src/configure" ]; then
    (cd "$src" && autoreconf -fi) >"$work/autoreconf.log" 2>&1 || { cat "$work/autoreconf.log"; exit 1; }
fi

mkdir "$work/build"
cd "$work/build"
if ! "$src/configure" --enable-tsan >configure.log 2>&1; then
    if [ -z "${CC:-}" ] && command -v clang >/dev/null 2>&1; then
        echo "tsan-check: the default compiler cannot build with -fsanitize=thread; trying clang"
        rm -f config.cache
        "$src/configure" --enable-tsan CC=clang >configure.log 2>&1 || { tail -20 configure.log; exit 1; }
    else
        tail -20 configure.log
        exit 1
    fi
fi
make -j"${JOBS:-2}" >build.log 2>&1 || { tail -40 build.log; exit 1; }

# the threaded tests: every Python test that runs a live ondes (the soak for
# SOAK_SECONDS, 20 s here unless set)
tests=""
for t in "$src"/tests/test_*.py "$src"/tests/soak.py; do
    [ -f "$t" ] || continue
    if grep -qE "^[[:space:]]*(from livekit import|import livekit)" "$t" || [ "$(basename "$t")" = test_python.py ] \
        || [ "$(basename "$t")" = test_csoundengine.py ]; then
        tests="$tests tests/$(basename "$t")"
    fi
done
export SOAK_SECONDS="${SOAK_SECONDS:-20}"
echo "tsan-check: running$tests"

logs="$work/tsan-logs"
mkdir "$logs"
rc=0
# one test at a time (no make -j here): the TSan build is slower, and the tests
# check real-time behaviour (e.g. the xruns stop once the load drops)
ONDES_TSAN_LOGS="$logs" make check TESTS="$tests" >check.log 2>&1 || rc=1
for trs in tests/*.trs; do
    [ -f "$trs" ] || continue
    result=$(sed -n 's/^:test-result: //p' "$trs" | head -n 1)
    echo "tsan-check: $result ${trs%.trs}.py"
    case $result in PASS) ;; *) rc=1 ;; esac
done
reports=$(grep -l "ThreadSanitizer" "$logs"/* 2>/dev/null || true)
if [ -n "$reports" ]; then
    for f in $reports; do
        echo "=== $f"
        cat "$f"
    done
    echo "tsan-check: $(echo "$reports" | wc -l) process(es) with ThreadSanitizer reports"
    rc=1
fi
if [ "$rc" -ne 0 ]; then
    for log in tests/*.log; do
        [ -f "$log" ] && { echo "=== $log"; cat "$log"; }
    done
fi
echo "tsan-check: $([ "$rc" -eq 0 ] && echo passed || echo FAILED) in $(($(date +%s) - start)) s"
exit "$rc"
