#!/usr/bin/env python3
"""A melody played live on ondes with the library's 'sine' instrument
(kamp, kmidi, kpan), then a held note bent with automate and moved with set.

Usage: live_melody.py [--port N] [--start] [--tempo BPM]
  --start   start ondes for this (stopped at the end); otherwise play on the
            ondes already listening on --port (default 7770).
PYTHONPATH=python (and ONDES=path/to/ondes unless built in-tree or installed).
"""
import argparse
import sys
import time

from ondes import Session, ntom

MELODY = [("E4", 1), ("D4", 1), ("C4", 1), ("D4", 1), ("E4", 1), ("E4", 1), ("E4", 2),
          ("D4", 1), ("D4", 1), ("D4", 2), ("E4", 1), ("G4", 1), ("G4", 2)]


def play(s, tempo=120):
    beat = 60.0 / tempo
    t = 0.0
    with s.lock():                      # one bundle: the notes keep their relative timing exactly
        for i, (note, beats) in enumerate(MELODY):
            s.sched("sine", t, beats * beat * 0.9, kamp=0.2, kmidi=ntom(note), kpan=0.3 + 0.4 * (i % 2))
            t += beats * beat
    # a held note (dur -1: until stopped), changed while it sounds
    held = s.sched("sine", t, -1, kamp=0.15, kmidi=ntom("C4"), kpan=0.5)
    held.automate("kmidi", (0, ntom("C4"), 2 * beat, ntom("G4")), mode="cos", delay=t + beat)  # bend up
    held.set(delay=t + 3 * beat, kpan=0.0)                                                   # jump left
    held.automate("kpan", (0, 0, 2 * beat, 1), delay=t + 4 * beat)                           # sweep right
    held.stop(delay=t + 6 * beat)
    return t + 6 * beat + 0.2


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, default=7770)
    ap.add_argument("--start", action="store_true", help="start ondes (and stop it at the end)")
    ap.add_argument("--tempo", type=float, default=120)
    a = ap.parse_args(argv)
    with Session(port=a.port, start=a.start) as s:
        total = play(s, a.tempo)
        time.sleep(total)
        fails = s.fails()
        for m in fails:
            print("ondes:", *m.args, file=sys.stderr)
        return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
