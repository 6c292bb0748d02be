#!/usr/bin/env python3
"""gen_12000.py — writes the benchmark's .csd: 12 000 overlapping one-second notes over 60 s.

Each note is a sine (oscili on a GEN 10 table) under a linen envelope, panned
with pan2 and written with outs; start times, pitches and pan positions come
from a seeded generator, so every run renders the same piece.

Usage: gen_12000.py [--notes N] [--length S] [--seed N] [-o FILE]   (stdout by default)
"""

import argparse
import random
import sys

ORCHESTRA = """\
sr = 44100
ksmps = 64
nchnls = 2
0dbfs = 1

gisine ftgen 1, 0, 16384, 10, 1

instr 1
  ; p4 amplitude, p5 frequency (Hz), p6 pan (0 left .. 1 right)
  aenv linen p4, 0.05, p3, 0.3
  asig oscili aenv, p5, 1
  aL, aR pan2 asig, p6
  outs aL, aR
endin
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, default=12000)
    ap.add_argument("--length", type=float, default=60.0, help="seconds of music")
    ap.add_argument("--seed", type=int, default=12000)
    ap.add_argument("-o", "--output", help="the .csd to write (default: stdout)")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    dur = 1.0
    # About notes * dur / length voices sound at once (200 by default):
    # scale so their sum stays well below full scale.
    amp = min(0.3, 2.0 / max(1.0, args.notes * dur / args.length))
    starts = sorted(rng.uniform(0.0, args.length - dur) for _ in range(args.notes))
    lines = []
    for t in starts:
        midi = rng.uniform(36.0, 96.0)
        freq = 440.0 * 2.0 ** ((midi - 69.0) / 12.0)
        lines.append("i 1 %.6f %.3f %.6f %.4f %.4f" % (t, dur, amp, freq, rng.random()))

    text = ("<CsoundSynthesizer>\n<CsOptions>\n</CsOptions>\n<CsInstruments>\n"
            "; bench/gen_12000.py --notes %d --length %g --seed %d\n%s"
            "</CsInstruments>\n<CsScore>\n%s\ne\n</CsScore>\n</CsoundSynthesizer>\n"
            % (args.notes, args.length, args.seed, ORCHESTRA, "\n".join(lines)))
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
