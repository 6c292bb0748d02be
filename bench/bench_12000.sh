#!/usr/bin/env bash
# bench_12000.sh — times Csound and ondes rendering the same 12 000-note piece (bench/gen_12000.py).
#
# Usage: bench/bench_12000.sh [--runs N] [--notes N] [--write-doc]
#   --runs N      timed renders per renderer, the best counts (default 3)
#   --notes N     notes in the piece (default 12000, over 60 s)
#   --write-doc   also write the figures to doc/benchmarks.md
# Environment: ONDES (default: the tree's ./ondes), CSOUND (default: csound), PYTHON.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
runs=3
notes=12000
write_doc=no
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --notes) notes=$2; shift 2 ;;
        --write-doc) write_doc=yes; shift ;;
        -h|--help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "bench_12000.sh: unknown option '$1'" >&2; exit 2 ;;
    esac
done
ONDES=${ONDES:-$top/ondes}
CSOUND=${CSOUND:-csound}
PYTHON=${PYTHON:-python3}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ondes-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
csd=$tmp/bench_12000.csd
"$PYTHON" "$here/gen_12000.py" --notes "$notes" -o "$csd"

now() { date +%s.%N; }

# best_of NAME OUTFILE CMD... : runs CMD $runs times; prints the best wall time in seconds.
best_of() {
    local name=$1 out=$2 best="" t0 t1 t i
    shift 2
    for ((i = 1; i <= runs; i++)); do
        rm -f "$out"
        t0=$(now)
        if ! "$@" </dev/null >"$tmp/$name.log" 2>&1; then
            echo "bench_12000.sh: $name failed; its output:" >&2
            tail -n 20 "$tmp/$name.log" | sed 's/\x1b\[[0-9;]*m//g' >&2
            return 1
        fi
        t1=$(now)
        t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
        if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then
            best=$t
        fi
    done
    echo "$best"
}

# Length of a rendered file in seconds (for the real-time factor).
seconds_of() { soxi -D "$1" 2>/dev/null || echo 0; }

csound_version=$("$CSOUND" --version 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -m1 -i 'csound version' | sed 's/^-*//' || echo "csound (version unknown)")
csound_cmd=("$CSOUND" -d -W -f -o "$tmp/csound.wav" "$csd")
ondes_cmd=("$ONDES" --render "$tmp/ondes.wav" --bits 32f "$csd")

rows=()
csound_s=$(best_of csound "$tmp/csound.wav" "${csound_cmd[@]}")
csound_len=$(seconds_of "$tmp/csound.wav")
rows+=("csound|$csound_s|$csound_len")

if [ -x "$ONDES" ]; then
    ondes_version=$("$ONDES" --version 2>/dev/null | head -n 1 || true)
    if [ -z "$ondes_version" ]; then
        ondes_version="ondes $(sed -n 's/^AC_INIT(\[ondes\], \[\([^]]*\)\].*/\1/p' "$top/configure.ac")"
    fi
    if commit=$(git -C "$top" describe --always --dirty 2>/dev/null); then
        ondes_version="$ondes_version (commit $commit)"
    fi
    ondes_s=$(best_of ondes "$tmp/ondes.wav" "${ondes_cmd[@]}")
    ondes_len=$(seconds_of "$tmp/ondes.wav")
    rows+=("ondes|$ondes_s|$ondes_len")
else
    ondes_version="not built ($ONDES)"
    echo "bench_12000.sh: no ondes binary at $ONDES; timing Csound only" >&2
fi

table() {
    printf '| renderer | seconds (best of %d) | × real time |\n' "$runs"
    printf '| --- | ---: | ---: |\n'
    local row name s len
    for row in "${rows[@]}"; do
        IFS='|' read -r name s len <<<"$row"
        printf '| %s | %.2f | %.1f |\n' "$name" "$s" "$(awk -v l="$len" -v s="$s" 'BEGIN { print (s > 0 ? l / s : 0) }')"
    done
}

echo "bench_12000: $notes one-second notes over 60 s, 44100 Hz stereo, ksmps 64, best of $runs"
table

if [ "$write_doc" = yes ]; then
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
    {
        echo "# Benchmarks"
        echo
        echo "## bench_12000: $notes overlapping notes"
        echo
        echo "A 60-second piece of $notes one-second notes at seeded random times"
        echo "(about $((notes / 60)) sounding at once), each an \`oscili\` sine under a \`linen\` envelope,"
        echo "panned with \`pan2\` and written with \`outs\`; 44100 Hz, stereo, ksmps 64,"
        echo "rendered to a 32-bit float WAV file. Wall-clock time, best of $runs."
        echo
        echo "Command: \`bench/bench_12000.sh --write-doc\` (the piece comes from \`bench/gen_12000.py\`)."
        echo
        echo "- Csound: \`csound -d -W -f -o OUT.wav bench_12000.csd\`"
        echo "- ondes: \`ondes --render OUT.wav --bits 32f bench_12000.csd\`"
        echo
        table
        echo
        echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}; $(uname -sr)."
        echo "Versions: $csound_version; $ondes_version."
        echo "Measured $(date -u +%Y-%m-%d)."
    } >"$top/doc/benchmarks.md"
    echo "wrote $top/doc/benchmarks.md"
fi
