#!/bin/sh
# fuzz.sh — builds the libFuzzer harnesses of tests/fuzz with clang (ASan + UBSan) and runs each one.
#
#   sh tools/fuzz.sh [SECONDS] [TARGET…]  fuzz each target for SECONDS (default 60),
#                                         new inputs collected in $FUZZ_OUT/corpus/TARGET
#   sh tools/fuzz.sh --regress [TARGET…]  every kept crash input once, large inputs
#                                         made on the spot, then about 15 s on the
#                                         corpus (two targets at a time); non-zero
#                                         exit on any crash, leak, sanitizer report
#                                         or timeout
#   sh tools/fuzz.sh --build              build only
#
# TARGETs: osc orc score csd evlist (default: all).  Needs clang and
# libclang-rt-14-dev (tools/deps-debian.sh), libsndfile and liblo headers.
# Environment: CC (default clang), FUZZ_OUT (default ${TMPDIR:-/tmp}/ondes-fuzz-$(id -u)),
# FUZZ_JOBS (parallel compiles, default 2).
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
CC=${CC:-clang}
case "$CC" in *clang*) ;; *) CC=clang ;; esac   # libFuzzer is clang's: a configured gcc will not do
OUT=${FUZZ_OUT:-${TMPDIR:-/tmp}/ondes-fuzz-$(id -u)}
JOBS=${FUZZ_JOBS:-2}
ALL="osc orc score csd evlist"

mode=fuzz
secs=60
case "${1:-}" in
    --regress) mode=regress; shift ;;
    --build) mode=build; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    [0-9]*) secs=$1; shift ;;
esac
targets=${*:-$ALL}

command -v "$CC" >/dev/null 2>&1 || { echo "fuzz.sh: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
PKG=$(pkg-config --cflags sndfile liblo) || { echo "fuzz.sh: libsndfile or liblo development files missing" >&2; exit 2; }
LIBS="$(pkg-config --libs sndfile liblo) -lm -lpthread"

# UB is fatal (libFuzzer then keeps the input); fuzzer-no-link instruments the
# project's code for coverage without a second main().
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CFLAGS_F="-g -O1 -std=c11 -D_GNU_SOURCE -ffp-contract=off -Wall -Wno-unused-parameter $SAN $PKG"

# ---- build (everything again when any source is newer than the harnesses) ----
mkdir -p "$OUT/obj" "$OUT/bin"
build() {
    stale=0
    for t in $ALL; do
        [ -x "$OUT/bin/fuzz_$t" ] || stale=1
    done
    if [ $stale = 0 ] && [ -z "$(find "$srcdir/src" "$srcdir/tests/fuzz" -name '*.[ch]' -newer "$OUT/bin/fuzz_osc" 2>/dev/null | head -1)" ]; then
        return 0
    fi
    echo "fuzz.sh: building the harnesses in $OUT/bin"
    # every source but main() and the JACK driver (osc.c only for fuzz_osc)
    srcs=$(cd "$srcdir" && find src -name '*.c' ! -name main.c ! -name jack.c | sort)
    rm -f "$OUT"/obj/*.o "$OUT"/bin/fuzz_*
    # shellcheck disable=SC2086
    printf '%s\n' $srcs | xargs -P "$JOBS" -I{} sh -c '
        o="$1/obj/$(echo "$2" | tr / _ | sed "s/\.c$/.o/")"
        $3 $4 -fsanitize=fuzzer-no-link -c "$5/$2" -o "$o" || exit 255' sh "$OUT" {} "$CC" "$CFLAGS_F" "$srcdir"
    lib=""
    for o in "$OUT"/obj/*.o; do
        case "$o" in *src_osc_osc.o) ;; *) lib="$lib $o" ;; esac
    done
    for t in $ALL; do
        extra=""
        [ "$t" = osc ] && extra="$OUT/obj/src_osc_osc.o -DONDES_FUZZ_INSTRDIR=\"$srcdir/instruments\""
        # shellcheck disable=SC2086
        $CC $CFLAGS_F -fsanitize=fuzzer "$srcdir/tests/fuzz/fuzz_$t.c" $extra $lib $LIBS -o "$OUT/bin/fuzz_$t" &
        [ "$JOBS" -gt 1 ] || wait $!
    done
    wait
    for t in $ALL; do
        [ -x "$OUT/bin/fuzz_$t" ] || { echo "fuzz.sh: building fuzz_$t failed" >&2; exit 2; }
    done
}
build
[ $mode = build ] && exit 0

# Per-input limits: a parser answers a 1 MB input in about 0.1 s in a normal
# build, ten times that under the sanitizers; 10 s is a hang, not slowness
# (--regress allows 5 s).  Memory beyond 2 GB, or one malloc over 1 GB, is a
# blow-up.
LIMITS="-rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

maxlen() { [ "$1" = osc ] && echo 65536 || echo 16384; }

# Large inputs built on the spot (half a megabyte each) for the shapes that
# were quadratic or overflowed the stack: each must finish within -timeout.
big_inputs() {   # $1 target, $2 folder
    n=40000
    case "$1" in
    orc)
        awk -v n=$n 'BEGIN { printf "instr 1\nk1 = "; for (i = 0; i < n * 4; i++) printf "("; print "1" }' >"$2/parens.orc"
        awk -v n=$n 'BEGIN { printf "instr 1\nk1 = 1"; for (i = 0; i < n * 4; i++) printf "+1"; print "\nendin" }' >"$2/chain.orc"
        awk -v n=$n 'BEGIN { print "instr 1"; for (i = 0; i < n / 4; i++) printf "k%d = 1\nl%d:\nS%d = \"%d\"\n", i, i, i, i; print "endin" }' >"$2/names.orc"
        awk -v n=$n 'BEGIN { for (i = 0; i < n / 4; i++) printf "instr %d\nendin\ninstr n%d\nendin\n", i % 9000 + 1, i % 500 }' >"$2/instrs.orc"
        awk -v n=$n 'BEGIN { print "instr 1"; for (i = 0; i < n; i++) print "if 1 == 1 then"; print "endin" }' >"$2/ifs.orc" ;;
    score)
        awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) print "i 1 0 1 np4 pp5 np6" }' >"$2/npchain.sco"
        awk -v n=$n 'BEGIN { print "i 1 0 1 1"; for (i = 0; i < n; i++) print "i . + . <"; print "i 1 + 1 2" }' >"$2/ramp.sco"
        awk -v n=$n 'BEGIN { printf "i 1 0 1 ["; for (i = 0; i < n * 4; i++) printf "("; print "1" }' >"$2/parens.sco" ;;
    evlist)
        awk -v n=$n 'BEGIN { printf "0 /x"; for (i = 0; i < n * 4; i++) printf " \v1"; print "" }' >"$2/args.events"
        awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) print "@1e300 /sched 1 1 0 1" }' >"$2/frames.events" ;;
    esac
}

# --regress, last step: about 15 s of fuzzing from the kept corpus, into a
# scratch folder (the corpus is left as it is); the exit code in $OUT/T.rc.
corpus_run() {
    rdir=$(mktemp -d "$OUT/regress-$1.XXXXXX")
    "$OUT/bin/fuzz_$1" $LIMITS -timeout=5 -max_total_time=15 -max_len="$(maxlen "$1")" \
        -dict="$srcdir/tests/fuzz/dict/$1.dict" -close_fd_mask=3 -print_final_stats=1 \
        -artifact_prefix="$OUT/artifacts/$1/" "$rdir" "$srcdir/tests/fuzz/corpus/$1" >"$OUT/$1.log" 2>&1 </dev/null
    echo $? >"$OUT/$1.rc"
    rm -rf "$rdir"
}

status=0
regress_targets=""
for t in $targets; do
    bin="$OUT/bin/fuzz_$t"
    [ -x "$bin" ] || { echo "fuzz.sh: unknown target '$t' (one of: $ALL)" >&2; exit 2; }
    dict="$srcdir/tests/fuzz/dict/$t.dict"
    seeds="$srcdir/tests/fuzz/corpus/$t"
    crashes="$srcdir/tests/fuzz/crashes/$t"
    mkdir -p "$OUT/corpus/$t" "$OUT/artifacts/$t"
    log="$OUT/$t.log"
    if [ $mode = regress ]; then
        # the kept crash inputs, each run once
        files=$(find "$crashes" -type f ! -name '.*' ! -name '*.md' 2>/dev/null | sort)
        if [ -n "$files" ]; then
            # shellcheck disable=SC2086
            if ! FUZZ_OSC_FRESH=1 "$bin" $LIMITS -timeout=5 $files >"$log" 2>&1 </dev/null; then
                echo "fuzz.sh: $t: a regression input fails again:" >&2
                tail -40 "$log" >&2
                status=1
                continue
            fi
            echo "fuzz.sh: $t: $(echo "$files" | wc -l) regression inputs pass"
        fi
        rm -rf "$OUT/big-$t" && mkdir -p "$OUT/big-$t"
        big_inputs "$t" "$OUT/big-$t"
        big=$(find "$OUT/big-$t" -type f | sort)
        if [ -n "$big" ]; then
            # shellcheck disable=SC2086
            if ! "$bin" $LIMITS -timeout=5 $big >"$log" 2>&1 </dev/null; then
                echo "fuzz.sh: $t: a large input fails (slower than 5 s, or a crash):" >&2
                tail -40 "$log" >&2
                status=1
                continue
            fi
            echo "fuzz.sh: $t: $(echo "$big" | wc -l) large inputs pass"
        fi
        regress_targets="$regress_targets $t"   # the corpus runs come below, two at a time
    else
        echo "fuzz.sh: $t: fuzzing for $secs s (log $log)"
        if "$bin" $LIMITS -max_total_time="$secs" -max_len="$(maxlen "$t")" -dict="$dict" \
            -close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t/" \
            "$OUT/corpus/$t" "$seeds" >"$log" 2>&1 </dev/null; then
            echo "fuzz.sh: $t: clean ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs, cov $(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2), corpus $(ls "$OUT/corpus/$t" | wc -l) new)"
        else
            echo "fuzz.sh: $t: FOUND A PROBLEM (input in $OUT/artifacts/$t/):" >&2
            tail -60 "$log" >&2
            status=1
        fi
    fi
done
if [ $mode = regress ] && [ -n "$regress_targets" ]; then
    running=0
    for t in $regress_targets; do
        corpus_run "$t" &
        running=$((running + 1))
        if [ $running -ge "$JOBS" ]; then
            wait
            running=0
        fi
    done
    wait
    for t in $regress_targets; do
        log="$OUT/$t.log"
        if [ "$(cat "$OUT/$t.rc" 2>/dev/null)" = 0 ]; then
            echo "fuzz.sh: $t: 15 s clean ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs, cov $(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2))"
        else
            echo "fuzz.sh: $t: FAILED (inputs in $OUT/artifacts/$t/):" >&2
            tail -60 "$log" >&2
            status=1
        fi
    done
fi
if [ $mode = fuzz ]; then
    echo "fuzz.sh: to keep new inputs: $OUT/bin/fuzz_T -merge=1 $srcdir/tests/fuzz/corpus/T $OUT/corpus/T"
    echo "fuzz.sh: a crash input, minimized ($OUT/bin/fuzz_T -minimize_crash=1 -runs=10000 FILE), goes to tests/fuzz/crashes/T/"
fi
exit $status
