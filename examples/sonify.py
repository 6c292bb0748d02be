#!/usr/bin/env python3
"""Data sonification with ondes: one note per row of a CSV file.

The value of each row sets the pitch (C3 … C6), the loudness and the
brightness (the cutoff of the library's 'saw' instrument: a sawtooth through a
Moog ladder filter) of its note; rows follow each other every STEP seconds.

Usage:
  sonify.py [CSV] --render out.wav     render offline (no JACK needed)
  sonify.py [CSV]                      play live on the ondes at --port (7770)
  sonify.py [CSV] --start              start ondes for this, play, stop it

CSV: a header, then rows; the value is the last column (or --column NAME).
Default CSV: examples/data/temperature.csv (100 days of daily mean temperature).
PYTHONPATH=python (and ONDES=path/to/ondes unless built in-tree or installed).
"""
import argparse
import csv
import os
import sys
import time

from ondes import OfflineSession, Session

HERE = os.path.dirname(os.path.abspath(__file__))


def read_csv(path, column=None):
    """[(label, value)] from a CSV file with a header: the first column as label,
    `column` (default: the last one) as value."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], [r for r in rows[1:] if r]
    col = header.index(column) if column else len(header) - 1
    return [(r[0], float(r[col])) for r in body]


def sonify(session, rows, step=0.15, dur=None):
    """The mapping itself: one 'saw' note per row, value -> pitch, loudness, brightness."""
    values = [v for _, v in rows]
    lo, hi = min(values), max(values)
    for i, (label, v) in enumerate(rows):
        x = (v - lo) / (hi - lo) if hi > lo else 0.5      # 0 (coldest) … 1 (warmest)
        session.sched("saw", i * step, dur or 0.8 * step,
                      kamp=0.15 + 0.1 * x,                 # warmer: louder
                      kmidi=48 + 36 * x,                   # C3 … C6, not quantized
                      kcutoff=400 * 2 ** (4 * x),          # 400 Hz … 6.4 kHz: warmer is brighter
                      kres=0.3, kpan=0.5)
    return len(rows) * step


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("csv", nargs="?", default=os.path.join(HERE, "data", "temperature.csv"))
    ap.add_argument("--column", help="the column to sonify (default: the last one)")
    ap.add_argument("--render", metavar="OUT.wav", help="render offline to OUT.wav instead of playing live")
    ap.add_argument("--step", type=float, default=0.15, help="seconds between rows (default 0.15)")
    ap.add_argument("--dur", type=float, help="note duration before release (default 0.8 * step)")
    ap.add_argument("--sr", type=int, default=44100, help="sample rate of the render (default 44100)")
    ap.add_argument("--port", type=int, default=7770, help="OSC port of the live ondes (default 7770)")
    ap.add_argument("--start", action="store_true", help="start ondes for the live performance")
    a = ap.parse_args(argv)
    rows = read_csv(a.csv, a.column)
    if a.render:
        s = OfflineSession(sr=a.sr, nchnls=2)
        sonify(s, rows, a.step, a.dur)
        s.render(a.render)
        print("%s: %d notes" % (a.render, len(rows)))
        return 0
    with Session(port=a.port, start=a.start) as s:
        total = sonify(s, rows, a.step, a.dur)
        time.sleep(total + 0.5)      # the notes are scheduled ahead; let them play
        for m in s.fails():
            print("ondes:", *m.args, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
