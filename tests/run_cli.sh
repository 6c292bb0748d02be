#!/usr/bin/env bash
# run_cli.sh — checks ondes' command line: --render to each format, bits, rate,
# ksmps, channels, duration, tail, the -o alias and the closing report.
# Environment: ONDES, PYTHON, srcdir (set by `make check`; defaults for use by hand).
set -u

. "$(dirname "$0")/harness.sh"   # srcdir, ONDES, PYTHON
read -ra ondes_cmd <<<"$ONDES"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ondes-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tone=$srcdir/tests/cli/tone.csd     # stereo, 44100 Hz, ksmps 32, 1 s
mono_orc=$srcdir/tests/cli/mono.orc # mono, 44100 Hz, ksmps 32
mono_sco=$srcdir/tests/cli/mono.sco # 1 s

passed=0
failed=0

# The file checker: FILE then key=value checks; prints what is wrong, exits 1.
#   format=WAV|FLAC|OGG|AIFF  subtype=PCM_16|PCM_24|FLOAT  sr=N  ch=N
#   frames=N (exact)  frames~=N:TOL  nonsilent
read -r -d '' CHECKER <<'PY'
import sys
import numpy as np
import soundfile as sf
path, checks = sys.argv[1], sys.argv[2:]
try:
    info = sf.info(path)
    data, _ = sf.read(path, dtype="float64", always_2d=True)
except Exception as e:
    print("cannot read %s: %s" % (path, e))
    sys.exit(1)
bad = []
for c in checks:
    key, _, want = c.partition("=")
    if key == "format" and info.format != want:
        bad.append("format %s, want %s" % (info.format, want))
    elif key == "subtype" and info.subtype != want:
        bad.append("sample type %s, want %s" % (info.subtype, want))
    elif key == "sr" and info.samplerate != int(want):
        bad.append("rate %d, want %s" % (info.samplerate, want))
    elif key == "ch" and info.channels != int(want):
        bad.append("%d channels, want %s" % (info.channels, want))
    elif key == "frames" and data.shape[0] != int(want):
        bad.append("%d frames, want exactly %s" % (data.shape[0], want))
    elif key == "frames~":
        n, tol = (int(v) for v in want.split(":"))
        if abs(data.shape[0] - n) > tol:
            bad.append("%d frames, want %d +- %d" % (data.shape[0], n, tol))
    elif key == "nonsilent":
        peak = float(np.abs(data).max()) if data.size else 0.0
        if peak < 1e-3:
            bad.append("silent (peak %.3g)" % peak)
if bad:
    print("; ".join(bad))
    sys.exit(1)
PY

fail() {
    echo "FAIL $1: $2"
    if [ -s "$tmp/stderr" ]; then
        head -n 8 "$tmp/stderr" | sed 's/^/    | /'
    fi
    failed=$((failed + 1))
}

pass() {
    echo "PASS $1"
    passed=$((passed + 1))
}

# run_ondes ARGS... : runs ondes, stdout and stderr to $tmp/stdout, $tmp/stderr;
# prints nothing and returns 0 on success, else sets $why.
run_ondes() {
    timeout 120 "${ondes_cmd[@]}" "$@" </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
    local rc=$?
    case $rc in
        0) return 0 ;;
        124) why="timed out" ;;
        126|127) why="cannot run ${ondes_cmd[*]} (exit $rc)" ;;
        *) if [ $rc -ge 128 ]; then why="crashed (signal $((rc - 128)))"; else why="exit $rc"; fi ;;
    esac
    return 1
}

# render NAME OUT "CHECKS" ARGS... : `ondes ARGS...` must succeed and OUT pass CHECKS.
render() {
    local name=$1 out=$2 checks=$3 msg
    shift 3
    rm -f "$out"
    if ! run_ondes "$@"; then
        fail "$name" "$why"
    elif [ ! -s "$out" ]; then
        fail "$name" "no output file $(basename "$out")"
    elif ! msg=$(read -ra c <<<"$checks"; "$PYTHON" -c "$CHECKER" "$out" "${c[@]}" 2>&1); then
        fail "$name" "$msg"
    else
        pass "$name"
    fi
}

stereo_1s="sr=44100 ch=2 frames~=44100:32 nonsilent"

# Formats, from the extension and from --format.
rm -f "$tmp/report.txt" "$tmp/report.err"
render render-wav  "$tmp/a.wav"  "format=WAV $stereo_1s"  --render "$tmp/a.wav" "$tone"
if [ -s "$tmp/a.wav" ]; then   # keep its output for the report checks below
    cp "$tmp/stdout" "$tmp/report.txt"
    cp "$tmp/stderr" "$tmp/report.err"
fi
render render-flac "$tmp/a.flac" "format=FLAC $stereo_1s" --render "$tmp/a.flac" "$tone"
render render-ogg  "$tmp/a.ogg"  "format=OGG $stereo_1s"  --render "$tmp/a.ogg" "$tone"
render render-aiff "$tmp/a.aiff" "format=AIFF $stereo_1s" --render "$tmp/a.aiff" "$tone"
render format-flac "$tmp/b.audio" "format=FLAC $stereo_1s" \
    --render "$tmp/b.audio" --format flac "$tone"

# Sample formats.
render bits-16  "$tmp/b16.wav" "format=WAV subtype=PCM_16 $stereo_1s" --render "$tmp/b16.wav" --bits 16 "$tone"
render bits-24  "$tmp/b24.wav" "format=WAV subtype=PCM_24 $stereo_1s" --render "$tmp/b24.wav" --bits 24 "$tone"
render bits-32f "$tmp/b32.wav" "format=WAV subtype=FLOAT $stereo_1s"  --render "$tmp/b32.wav" --bits 32f "$tone"
render flac-bits-16 "$tmp/f16.flac" "format=FLAC subtype=PCM_16 $stereo_1s" \
    --render "$tmp/f16.flac" --bits 16 "$tone"

# Rate, block size, channels, orchestra + score given apart.
render sr-48000 "$tmp/sr.wav" "sr=48000 ch=2 frames~=48000:32 nonsilent" \
    --render "$tmp/sr.wav" --sr 48000 "$tone"
render ksmps-10 "$tmp/k.wav" "sr=44100 ch=2 frames~=44100:32 nonsilent" \
    --render "$tmp/k.wav" --ksmps 10 "$tone"
render ksmps-1 "$tmp/k1.wav" "sr=44100 ch=2 frames~=44100:32 nonsilent" \
    --render "$tmp/k1.wav" --ksmps 1 "$tone"
render orc-sco "$tmp/m.wav" "sr=44100 ch=1 frames~=44100:32 nonsilent" \
    --render "$tmp/m.wav" "$mono_orc" "$mono_sco"
render channels-2 "$tmp/c2.wav" "sr=44100 ch=2 frames~=44100:32 nonsilent" \
    --render "$tmp/c2.wav" --channels 2 "$mono_orc" "$mono_sco"

# Length: --duration is exact, --tail adds silence after the score.
render duration-0.5 "$tmp/d.wav" "sr=44100 ch=2 frames=22050 nonsilent" \
    --render "$tmp/d.wav" --duration 0.5 "$tone"
render duration-0.5-sr48k "$tmp/d48.wav" "sr=48000 ch=2 frames=24000 nonsilent" \
    --render "$tmp/d48.wav" --sr 48000 --duration 0.5 "$tone"
render tail-1 "$tmp/t.wav" "sr=44100 ch=2 frames~=88200:32 nonsilent" \
    --render "$tmp/t.wav" --tail 1 "$tone"

# The -o alias.
render alias-o "$tmp/o.wav" "format=WAV $stereo_1s" -o "$tmp/o.wav" "$tone"

# The closing report of the first render (stdout not a terminal here).
missing=""
for word in peak clipped voices "real time"; do
    grep -qi "$word" "$tmp/report.txt" 2>/dev/null || missing="$missing '$word'"
done
: >"$tmp/stderr"
if [ ! -e "$tmp/report.txt" ]; then
    fail report "no report (the render failed)"
elif [ -n "$missing" ]; then
    cp "$tmp/report.txt" "$tmp/stderr"
    fail report "stdout lacks$missing"
else
    pass report
fi
if [ ! -e "$tmp/report.txt" ]; then
    fail no-progress-bar "no output to look at (the render failed)"
elif grep -q $'\r' "$tmp/report.txt" "$tmp/report.err"; then
    fail no-progress-bar "carriage return in the output while not on a terminal"
else
    pass no-progress-bar
fi

# --list-opcodes: every opcode with its Csound signature, one form a line.
: >"$tmp/stderr"
if run_ondes --list-opcodes \
    && grep -qE '^oscili +a +xxjo$' "$tmp/stdout" && grep -qE '^moogladder ' "$tmp/stdout" \
    && ! grep -q '^##' "$tmp/stdout"; then
    pass list-opcodes
else
    fail list-opcodes "oscili a xxjo (or moogladder) missing, or internal operators listed"
fi

# --list-commands: the command table, one command a line: address, flags, what it does.
: >"$tmp/stderr"
if run_ondes --list-commands \
    && grep -qE '^/sched +- +start an event' "$tmp/stdout" \
    && grep -qE '^/sync +live,unrecorded ' "$tmp/stdout" && grep -qE '^/config +prelude ' "$tmp/stdout"; then
    pass list-commands
else
    fail list-commands "/sched, /sync (live, unrecorded) or /config (prelude) missing"
fi

# Options come from one table: --help lists each, and a flag given a value is refused (it once looped forever).
: >"$tmp/stderr"
if run_ondes --help && grep -qE '^  -o, --render OUT +render to OUT' "$tmp/stdout" \
    && grep -qE '^  --limiter\[=MS\] +soft look-ahead' "$tmp/stdout" && grep -qE '^  --list-commands ' "$tmp/stdout"; then
    pass help-from-table
else
    fail help-from-table "--help lacks -o, --render OUT, --limiter[=MS] or --list-commands"
fi
timeout 20 "${ondes_cmd[@]}" --tcp=1 </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
if [ $rc -eq 2 ] && grep -q "ondes: option --tcp takes no value" "$tmp/stderr"; then
    pass flag-with-value
else
    fail flag-with-value "--tcp=1: exit $rc, expected 2 and 'option --tcp takes no value'"
fi

# instrument control: bad instrument numbers and names are messages, not crashes
: >"$tmp/stderr"
if run_ondes --render "$tmp/ic.wav" "$srcdir/tests/cli/instrctl_errors.csd" \
    && grep -q 'WARNING: instr 1 (line 10): schedule: instrument "nosuch" is not defined; no event made' "$tmp/stdout" "$tmp/stderr" \
    && grep -q 'WARNING: instr 2 (line 13): event_i: instr 77 is not defined; no event made' "$tmp/stdout" "$tmp/stderr" \
    && grep -q 'WARNING: instr 5 (line 26): nstrnum: instrument "missing" is not defined' "$tmp/stdout" "$tmp/stderr" \
    && grep -q 'PERF ERROR in instr 4 (line 23): turnoff2: invalid mode 3; note deleted' "$tmp/stdout" "$tmp/stderr" \
    && grep -q 'PERF ERROR in instr 3 (line 18): event: instrument number 0.5 out of range' "$tmp/stdout" "$tmp/stderr"; then
    pass instrctl-errors
else
    fail instrctl-errors "missing or wrong messages for bad instrument numbers and names"
fi

: >"$tmp/stderr"
if run_ondes --render "$tmp/ic.wav" "$srcdir/tests/cli/instrctl_loop.csd" \
    && grep -q 'INIT ERROR in instr 1 (line 9): schedule: more than 8192 notes made in one k-cycle' "$tmp/stdout" "$tmp/stderr"; then
    pass instrctl-loop
else
    fail instrctl-loop "an instrument scheduling itself at once: no bound or no message"
fi

# exitnow ends the render on its k-cycle; remove refuses an instrument that plays
: >"$tmp/stderr"
if run_ondes --render "$tmp/ex.wav" "$srcdir/tests/cli/instrctl_exit.csd" \
    && grep -q 'INIT ERROR in instr 5 (line 25): remove: Instrument 1 is still active' "$tmp/stdout" "$tmp/stderr" \
    && grep -q 'instrument 4 is not defined' "$tmp/stdout" "$tmp/stderr" \
    && msg=$("$PYTHON" -c "$CHECKER" "$tmp/ex.wav" frames=24000 nonsilent 2>&1); then
    pass instrctl-exit
else
    fail instrctl-exit "exitnow did not end the render at 0.5 s or remove's messages are missing ${msg:-}"
fi

# Text limits (issue 11, item 14): an .orc that #includes itself 8 times fans out
# without end — stopped at the include depth with the chain named; a fan-out
# through distinct files stopped at the #include count; a .csd past the 64 MB
# text limit and a FIFO named as a source refused at once, never read or waited on.
fan_ok() {   # NAME WHAT PATTERN ARGS... : ondes fails in under 20 s with PATTERN on stderr
    local name=$1 what=$2 pat=$3 rc
    shift 3
    : >"$tmp/stderr"
    timeout 20 "${ondes_cmd[@]}" "$@" </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    if [ $rc -ne 0 ] && [ $rc -lt 124 ] && grep -q -- "$pat" "$tmp/stderr"; then
        pass "$name"
    else
        fail "$name" "$what: exit $rc, expected an error matching '$pat'"
    fi
}
printf 'i 1 0 0.1\n' >"$tmp/fan.sco"
for i in 1 2 3 4 5 6 7 8; do echo '#include "self.orc"'; done >"$tmp/self.orc"
printf 'instr 1\nendin\n' >>"$tmp/self.orc"
fan_ok include-self "an .orc including itself 8 times" \
    "self.orc:1:1: error: #include nested more than 16 deep; the include chain: $tmp/self.orc:1:1, .*self.orc:1:1" \
    --render "$tmp/fan.wav" "$tmp/self.orc" "$tmp/fan.sco"
for d in 1 2 3 4 5 6; do
    for i in 1 2 3 4 5 6 7 8; do echo "#include \"f$((d + 1)).inc\""; done >"$tmp/f$d.inc"
done
echo '; leaf' >"$tmp/f7.inc"
{ echo '#include "f1.inc"'; printf 'instr 1\nendin\n'; } >"$tmp/fanout.orc"
fan_ok include-fanout "8 files each including the next 8 times" \
    "error: more than 4096 #include directives; the include chain: $tmp/fanout.orc:1:1, $tmp/f1.inc:1:1" \
    --render "$tmp/fan.wav" "$tmp/fanout.orc" "$tmp/fan.sco"
"$PYTHON" -c "
import sys
with open(sys.argv[1], 'w') as f:
    f.write('<CsoundSynthesizer>\n<CsInstruments>\ninstr 1\nendin\n')
    f.write((';' + 'x' * 1023 + '\n') * (67 * 1024))
    f.write('</CsInstruments>\n<CsScore>\ni 1 0 1\n</CsScore>\n</CsoundSynthesizer>\n')
" "$tmp/big.csd"
fan_ok csd-67mb "a 67 MB .csd" "big.csd:1:1: error: cannot open: larger than the 64 MB text limit" \
    --render "$tmp/fan.wav" "$tmp/big.csd"
rm -f "$tmp/big.csd"
mkfifo "$tmp/fifo.orc"
fan_ok fifo-orc "a FIFO named as an .orc" "cannot open '$tmp/fifo.orc': not a regular file" \
    --render "$tmp/fan.wav" "$tmp/fifo.orc" "$tmp/fan.sco"
mkfifo "$tmp/fifo.csd"
fan_ok fifo-csd "a FIFO named as a .csd" "fifo.csd:1:1: error: cannot open: not a regular file" \
    --render "$tmp/fan.wav" "$tmp/fifo.csd"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
