#!/usr/bin/env bash
# run_print.sh — runs every tests/print/*.csd with Csound and ondes and compares what the printing opcodes wrote.
#
# Only the printed values are compared, not the banners and notices around
# them: tools/rendercmp.py's printed() says what it keeps of both programs'
# messages (tools/compat compares print-only examples with it too).
# Environment: ONDES (the binary), CSOUND, srcdir — set by `make check`;
# by hand they default to ./ondes (or the tree's), csound, and the tree this
# script is in.
set -u

. "$(dirname "$0")/harness.sh"   # srcdir, ONDES, PYTHON
CSOUND=${CSOUND:-csound}

work=$(mktemp -d "${TMPDIR:-/tmp}/run_print.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The printed values in a message log, one per line (tools/rendercmp.py's printed()).
extract() {
    "$PYTHON" "$srcdir/tools/rendercmp.py" printed "$1"
}

passed=0
failed=0
shopt -s nullglob
tests=("$srcdir"/tests/print/*.csd)
if [ ${#tests[@]} -eq 0 ]; then
    echo "run_print.sh: no tests in $srcdir/tests/print" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
for csd in "${tests[@]}"; do
    name=$(basename "$csd" .csd)
    # run in the .csd's directory so any relative path means the same to both
    dir=$(dirname "$csd")
    (cd "$dir" && "$CSOUND" -d -n -+msg_color=0 --sample-accurate "$csd") >"$work/$name.csound.log" 2>&1
    rc_cs=$?
    (cd "$dir" && $ONDES --render "$work/$name.wav" "$csd") >"$work/$name.ondes.log" 2>&1
    rc_on=$?
    if [ $rc_cs -ne 0 ]; then
        echo "FAIL $name: csound failed (exit $rc_cs)"; tail -5 "$work/$name.csound.log" >&2
        failed=$((failed + 1)); continue
    fi
    if [ $rc_on -ne 0 ]; then
        echo "FAIL $name: ondes failed (exit $rc_on)"; tail -5 "$work/$name.ondes.log" >&2
        failed=$((failed + 1)); continue
    fi
    extract "$work/$name.csound.log" >"$work/$name.csound.txt"
    extract "$work/$name.ondes.log" >"$work/$name.ondes.txt"
    nref=$(wc -l <"$work/$name.csound.txt")
    if [ "$nref" -eq 0 ]; then
        echo "FAIL $name: csound printed nothing the script recognises"
        failed=$((failed + 1)); continue
    fi
    if diff -u "$work/$name.csound.txt" "$work/$name.ondes.txt" >"$work/$name.diff"; then
        echo "PASS $name ($nref lines)"
        passed=$((passed + 1))
    else
        echo "FAIL $name: printed values differ (- csound, + ondes):"
        head -20 "$work/$name.diff" | tail -n +3 >&2
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
