#!/bin/sh
# make_refs.sh — regenerate ref.txt: each table of cases.txt as Csound 6 makes it.
#
# Needs csound and python3 (only to write the two test WAVs; test_ftable.c
# writes the same samples with libsndfile).  Run after changing cases.txt:
#   sh tests/ftable_ref/make_refs.sh
# ref.txt holds, for each case, a line
#   T <num> <flen> <lenmask> <lobits> <nchnls> <sr>
# (header fields from Csound's `ftsave` text dump) and then flen + 1 values,
# the last being the guard point.  Values are printed with %.17g, so they are
# Csound's doubles exactly.  Csound has no opcode that reads the guard point
# directly, so it is recovered from `tablei` half-way between the last point
# and the guard: 2 * tablei(flen - 0.5) - table(flen - 1).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The GEN 1 sounds: 16-bit WAVs, 100 frames.  Same formulas as test_ftable.c.
python3 - "$tmp" <<'EOF'
import struct, sys, wave
def mono(i):  return ((i * 7919) % 2001 - 1000) * 30
def right(i): return ((i * 104729) % 1999 - 999) * -25
def write(path, nch, sr):
    w = wave.open(path, 'wb')
    w.setnchannels(nch); w.setsampwidth(2); w.setframerate(sr)
    frames = b''
    for i in range(100):
        frames += struct.pack('<h', mono(i))
        if nch == 2:
            frames += struct.pack('<h', right(i))
    w.writeframes(frames)
    w.close()
write(sys.argv[1] + '/g1_mono.wav', 1, 44100)
write(sys.argv[1] + '/g1_stereo.wav', 2, 22050)
EOF

cases=$(grep -v '^[[:space:]]*#' "$here/cases.txt" | awk 'NF')

{
    cat <<'EOF'
<CsoundSynthesizer>
<CsOptions>
-n -d -m0
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 16
nchnls = 1
0dbfs = 1
EOF
    echo "$cases" | while read -r num size gen rest; do
        args=$(echo "$rest" | sed "s|\"\\([^\"]*\\)\"|\"$tmp/\\1\"|; s/  */, /g")
        echo "gi_$num ftgen $num, 0, $size, $gen, $args"
    done
    cat <<EOF
instr 1
  ifn = p4
  iln = ftlen(ifn)
  Shdr sprintf "$tmp/h%d.txt", ifn
  ftsave Shdr, 1, ifn
  prints "T %d %d\\n", ifn, iln
  indx = 0
  while indx < iln do
    prints "V %.17g\\n", table:i(indx, ifn)
    indx += 1
  od
  prints "V %.17g\\n", 2 * tablei:i(iln - 0.5, ifn) - table:i(iln - 1, ifn)
endin
</CsInstruments>
<CsScore>
EOF
    echo "$cases" | while read -r num rest; do
        echo "i1 0 0 $num"
    done
    cat <<'EOF'
</CsScore>
</CsoundSynthesizer>
EOF
} > "$tmp/refs.csd"

# Any init error (a bad ftgen, a table read past its end) fails the run.
if ! csound "$tmp/refs.csd" > "$tmp/log" 2>&1 ||
   ! sed 's/\x1b\[[0-9;]*m//g' "$tmp/log" | grep -a -q "^0 errors in performance"; then
    cat "$tmp/log" >&2
    exit 1
fi

# Strip Csound's colour escapes, keep our lines, add the header fields.
sed 's/\x1b\[[0-9;]*m//g' "$tmp/log" | awk -v dir="$tmp" '
    /^T / {
        f = dir "/h" $2 ".txt"
        lenmask = lobits = nchnls = sr = "?"
        while ((getline line < f) > 0) {
            split(line, w, ": ")
            if (w[1] == "lenmask") lenmask = w[2]
            else if (w[1] == "lobits") lobits = w[2]
            else if (w[1] == "nchnls") nchnls = w[2]
            else if (w[1] == "gen01args.sample_rate") sr = w[2] + 0
            else if (line ~ /END OF HEADER/) break
        }
        close(f)
        print "T", $2, $3, lenmask, lobits, nchnls, sr
        next
    }
    /^V / { print $2 }
' > "$here/ref.txt.new"

n=$(grep -c '^T ' "$here/ref.txt.new" || true)
want=$(echo "$cases" | wc -l)
# Each table must have flen + 1 values.
short=$(awk '/^T /{ if (t != "" && got != len + 1) print t; t = $2; len = $3; got = 0; next }
             { got++ }
             END { if (t != "" && got != len + 1) print t }' "$here/ref.txt.new")
if [ "$n" -ne "$want" ] || [ -n "$short" ]; then
    echo "make_refs.sh: Csound made $n of $want tables (incomplete: $short); see its log:" >&2
    cat "$tmp/log" >&2
    rm -f "$here/ref.txt.new"
    exit 1
fi
mv "$here/ref.txt.new" "$here/ref.txt"
echo "ref.txt: $n tables from $(sed 's/\x1b\[[0-9;]*m//g' "$tmp/log" | grep -a -m1 'Csound version')"
