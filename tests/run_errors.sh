#!/usr/bin/env bash
# run_errors.sh — feeds ondes every broken input in tests/errors/ and checks its error message.
#
# Each file states what ondes must say in its first lines, one line per error
# (ondes reports every error of a run, like a compiler):
#     ; expect: 6:8: unknown opcode 'oscilx'      (.orc .sco .csd .events)
#     ; expect: 9:2: unknown opcode 'fof'
#     # expect: ondes: unknown option             (.args)
# A leading LINE:COL: (or LINE:) means stderr must hold a line with
# "FILE:LINE:COL:" followed by the message; "..." in a message stands for any
# text within that line.  Every expected line must be there, and every error
# line ondes prints (one holding "error:") must be expected by one of them.
# .orc/.sco/.csd/.events files are rendered alone with `ondes --render OUT
# FILE`; an .args file's line after its expect lines is the argument list
# (shell words; $OUT is a scratch output file, $srcdir the source tree).
# ondes must exit non-zero, not crash (exit < 128), and print no sanitizer report;
# except when the line after the expect lines is "; note error": an error that ends one note
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

# line_matches FILE-NAME EXPECTATION LINE: LINE is what EXPECTATION asks for
line_matches() {
    local name=$1 expect=$2 line=$3 pos="" msg
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
    if [ -n "$pos" ]; then
        [[ $line == *"$pos"* ]] || return 1
        line=${line#*"$pos"}
    fi
    contains_in_order "$line" "${pieces[@]}"
}

# matches FILE-NAME EXPECTATION STDERR-FILE: some line of stderr is the expected one
matches() {
    local line
    while IFS= read -r line || [ -n "$line" ]; do
        line_matches "$1" "$2" "$line" && return 0
    done <"$3"
    return 1
}

# unexpected FILE-NAME STDERR-FILE EXPECTATION...: the first error line no expectation asks for
unexpected() {
    local name=$1 errfile=$2 line e
    shift 2
    while IFS= read -r line || [ -n "$line" ]; do
        [[ $line == *"error:"* ]] || continue
        for e in "$@"; do
            line_matches "$name" "$e" "$line" && continue 2
        done
        printf '%s\n' "$line"
        return 0
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
    # the expectations: the file's first lines, as long as they are "; expect: …"
    expects=()
    nlines=0
    while IFS= read -r first || [ -n "$first" ]; do
        [[ $first =~ ^[[:space:]]*[\;#]+[[:space:]]*expect:[[:space:]]*(.*[^[:space:]])[[:space:]]*$ ]] || break
        expects+=("${BASH_REMATCH[1]}")
        nlines=$((nlines + 1))
    done <"$file"
    if [ ${#expects[@]} -eq 0 ]; then
        fail "$name" "first line holds no '; expect: ...'"
        continue
    fi
    if [[ $file == *.args ]]; then
        argline=$(sed -n "$((nlines + 1))p" "$file")
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
    missing=""
    for expect in "${expects[@]}"; do
        matches "$name" "$expect" "$tmp/stderr" || { missing=$expect; break; }
    done
    note_error=0   # the line after the expect lines may say "; note error"
    [[ $(sed -n "$((nlines + 1))p" "$file") =~ ^[[:space:]]*\;[[:space:]]*note\ error ]] && note_error=1
    if [ $rc -eq 0 ] && [ $note_error -eq 0 ]; then
        fail "$name" "ondes succeeded; expected an error: ${expects[0]}"
    elif [ $rc -eq 124 ]; then
        fail "$name" "timed out"
    elif [ $rc -eq 126 ] || [ $rc -eq 127 ]; then
        fail "$name" "cannot run ${ondes_cmd[*]} (exit $rc)"
    elif [ $rc -ge 128 ]; then
        fail "$name" "crashed (exit $rc, signal $((rc - 128)))"
    elif grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|ThreadSanitizer|runtime error:|ERROR SUMMARY: [1-9]' "$tmp/stderr"; then
        fail "$name" "sanitizer or valgrind report"
    elif [ -n "$missing" ]; then
        fail "$name" "stderr lacks: $missing"
    elif extra=$(unexpected "$name" "$tmp/stderr" "${expects[@]}"); then
        fail "$name" "an error no '; expect:' line asks for: $extra"
    else
        echo "PASS $name"
        passed=$((passed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
