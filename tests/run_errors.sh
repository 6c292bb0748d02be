#!/usr/bin/env bash
# run_errors.sh — feeds ondes every broken input in tests/errors/ and checks its error message.
#
# Each file states what ondes must say on its first line:
#     ; expect: 6:8: unknown opcode 'oscilx'      (.orc .sco .csd .events)
#     # expect: ondes: unknown option             (.args)
# A leading LINE:COL: (or LINE:) means stderr must hold a line with
# "FILE:LINE:COL:" followed by the message; "..." in a message stands for any
# text within that line.  .orc/.sco/.csd/.events files are rendered alone with
# `ondes --render OUT FILE`; an .args file's second line is the argument list
# (shell words; $OUT is a scratch output file, $srcdir the source tree).
# ondes must exit non-zero, not crash (exit < 128), and print no sanitizer report;
# except when the second line is "; note error": an error that ends one note
# (an init or perf error of a scored note) leaves the render going, and ondes
# may exit 0.
#
# Environment: ONDES, srcdir (set by `make check`; defaults for use by hand).
set -u

. "$(dirname "$0")/harness.sh"   # srcdir, ONDES, PYTHON
read -ra ondes_cmd <<<"$ONDES"      # may carry a wrapper: ONDES="valgrind -q ./ondes"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ondes-errors.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
OUT=$tmp/out.wav

passed=0
failed=0

# contains_in_order LINE PIECE... : the pieces occur in LINE in this order.
contains_in_order() {
    local rest=$1 piece
    shift
    for piece in "$@"; do
        [[ $rest == *"$piece"* ]] || return 1
        rest=${rest#*"$piece"}
    done
    return 0
}

# matches FILE-NAME EXPECTATION STDERR-FILE
matches() {
    local name=$1 expect=$2 errfile=$3 pos="" msg line
    if [[ $expect =~ ^([0-9]+:[0-9]+:)[[:space:]]*(.*)$ ]] ||
       [[ $expect =~ ^([0-9]+:)[[:space:]]+(.*)$ ]]; then
        pos="$name:${BASH_REMATCH[1]}"
        msg=${BASH_REMATCH[2]}
    else
        msg=$expect
    fi
    local -a pieces=()
    while [[ $msg == *...* ]]; do
        pieces+=("${msg%%...*}")
        msg=${msg#*...}
    done
    pieces+=("$msg")
    while IFS= read -r line || [ -n "$line" ]; do
        if [ -n "$pos" ]; then
            [[ $line == *"$pos"* ]] || continue
            line=${line#*"$pos"}
        fi
        contains_in_order "$line" "${pieces[@]}" && return 0
    done <"$errfile"
    return 1
}

fail() {
    echo "FAIL $1: $2"
    if [ -s "$tmp/stderr" ]; then
        head -n 8 "$tmp/stderr" | sed 's/^/    | /'
    fi
    failed=$((failed + 1))
}

shopt -s nullglob
files=("$srcdir"/tests/errors/*.orc "$srcdir"/tests/errors/*.sco "$srcdir"/tests/errors/*.csd
       "$srcdir"/tests/errors/*.events "$srcdir"/tests/errors/*.args)
if [ ${#files[@]} -eq 0 ]; then
    echo "run_errors.sh: no tests in $srcdir/tests/errors" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
for file in "${files[@]}"; do
    name=$(basename "$file")
    : >"$tmp/stderr"
    rm -f "$OUT"
    first=$(head -n 1 "$file")
    if [[ ! $first =~ ^[[:space:]]*[\;#]+[[:space:]]*expect:[[:space:]]*(.*[^[:space:]])[[:space:]]*$ ]]; then
        fail "$name" "first line holds no '; expect: ...'"
        continue
    fi
    expect=${BASH_REMATCH[1]}
    if [[ $file == *.args ]]; then
        argline=$(sed -n 2p "$file")
        if ! eval "args=($argline)" 2>"$tmp/stderr"; then
            fail "$name" "cannot read the argument line"
            continue
        fi
        cmd=("${ondes_cmd[@]}" "${args[@]}")
    else
        cmd=("${ondes_cmd[@]}" --render "$OUT" "$file")
    fi
    timeout 60 "${cmd[@]}" </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    note_error=0
    [[ $(sed -n 2p "$file") =~ ^[[:space:]]*\;[[:space:]]*note\ error ]] && note_error=1
    if [ $rc -eq 0 ] && [ $note_error -eq 0 ]; then
        fail "$name" "ondes succeeded; expected an error: $expect"
    elif [ $rc -eq 124 ]; then
        fail "$name" "timed out"
    elif [ $rc -eq 126 ] || [ $rc -eq 127 ]; then
        fail "$name" "cannot run ${ondes_cmd[*]} (exit $rc)"
    elif [ $rc -ge 128 ]; then
        fail "$name" "crashed (exit $rc, signal $((rc - 128)))"
    elif grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|ThreadSanitizer|runtime error:|ERROR SUMMARY: [1-9]' "$tmp/stderr"; then
        fail "$name" "sanitizer or valgrind report"
    elif ! matches "$name" "$expect" "$tmp/stderr"; then
        fail "$name" "stderr lacks: ${expect}"
    else
        echo "PASS $name"
        passed=$((passed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
