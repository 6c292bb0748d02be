#!/usr/bin/env python3
"""test_numbering.py — instrument numbers while playing: a recorded event list re-renders bit for bit
after live definitions that number names (issue 11 items 10 and 11), on a private dummy jackd.

Instances perform in instrument-number order within a k-cycle, so a name numbered differently
offline changes the output: a bus written by one instrument and read by another arrives a k-cycle
late, and three voices summed in another order differ by an ulp.  Each case plays live with
--record and --record-events, then renders the recorded list and compares the samples."""
import os
import subprocess
import sys
import time

import numpy as np
import soundfile as sf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402
from livekit import ONDES, SR, Client, free_port, kill_jacks, start_jack, start_ondes, tmp  # noqa: E402
import liblo  # noqa: E402  (livekit skipped the test when it is missing)

# a bus chain: Src writes gabus, Out plays and clears it; if Out performed before Src, the bus would
# come a k-cycle late (and a re-render numbering them otherwise would differ by far more than an ulp)
BUS_SRC = "gabus = gabus + oscili:a(p4, p5)"
BUS_OUT = "outs gabus * 0.7, gabus * 0.3\ngabus = 0"


def live_vs_rerender(what, play, *extra):
    """Plays `play(client)` live, then re-renders the recorded list; True when bit-identical."""
    port = free_port()
    rec, ev = os.path.join(tmp, "%s.wav" % what), os.path.join(tmp, "%s.events" % what)
    o, log = start_ondes(port, "--record", rec, "--record-events", ev, *extra)
    c = Client(port)
    if not c.ready(30.0):   # (all_taken compiles 9999 instruments first: seconds on a loaded machine)
        check(False, "%s: ondes answers" % what)
        return None
    play(c)
    c.send("/quit")
    try:
        o.wait(5)
    except subprocess.TimeoutExpired:
        pass
    live, _ = sf.read(rec, dtype="float32", always_2d=True)
    out = os.path.join(tmp, "%s.re.wav" % what)
    r = subprocess.run([ONDES, "--render", out, "--bits", "32f", "--duration", repr(len(live) / SR), ev],
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 0, "%s: the recorded event list renders: %s" % (what, r.stderr.strip()[-400:]))
    if r.returncode != 0:
        return None
    off, _ = sf.read(out, dtype="float32", always_2d=True)
    n = min(len(live), len(off))
    same = len(live) == len(off) and np.array_equal(live[:n], off[:n])
    ndiff = int(np.count_nonzero(np.any(live[:n] != off[:n], axis=1))) if n else -1
    check(same and np.abs(live).max() > 0.05,
          "%s: live recording and re-render are bit-identical (%d vs %d frames, %d frames differ, peak %.3f)"
          % (what, len(live), len(off), ndiff, float(np.abs(live).max()) if len(live) else 0))
    return ev


def done(c, what, name):
    check(c.wait_for("/done", 2.0, lambda a: a[0] == what and a[1] == name) is not None,
          "/done %s %s" % (what, name))


try:
    start_jack(256)

    # an edited .orc loaded twice: the second version plays from its own frame on, the first before it
    orc = os.path.join(tmp, "edited.orc")

    def edited(c):
        with open(orc, "w") as f:
            f.write("instr Src\n%s\nendin\ninstr Out\n%s\nendin\n" % (BUS_SRC, BUS_OUT))
        c.send("/instr/load", orc)
        done(c, "/instr/load", orc)
        c.send("/sched", 1, "Out", 0.0, -1.0)
        c.send("/sched", 2, "Src", 0.0, 0.6, 0.2, 330.0)
        c.send("/sched", 3, "Src", 0.0, 0.6, 0.1, 441.0)
        time.sleep(0.3)
        # edited: a new instrument before them and Src an octave up; numbered ones in it too
        with open(orc, "w") as f:
            f.write("instr Pre\n%s\nendin\ninstr 2\n%s\nendin\ninstr Src\n%s\nendin\ninstr Out\n%s\nendin\n"
                    % (BUS_SRC, BUS_SRC, BUS_SRC.replace("p5)", "p5 * 2)"), BUS_OUT))
        c.send("/instr/load", orc)
        done(c, "/instr/load", orc)
        c.send("/sched", 4, "Src", 0.0, 0.5, 0.2, 220.0)
        c.send("/sched", 5, "Pre", 0.0, 0.5, 0.1, 550.0)
        c.send("/sched", 6, 2, 0.0, 0.5, 0.1, 660.0)
        time.sleep(0.7)
    ev = live_vs_rerender("edited_twice", edited)
    if ev:
        check(sum(1 for l in open(ev) if l.split()[1:2] == ["/instr/orc"]) == 2,
              "each load is recorded as its code, at its frame")

    # /instr/def X, then /instr/load of a file defining X (and more) while X plays
    lib = os.path.join(tmp, "x.orc")

    # (and code defining an opcode only, then an instrument calling it: the opcode is recorded before it)
    def def_then_load(c):
        c.send("/instr/orc", "opcode Half, a, a\nain xin\nxout ain * 0.5\nendop\n")
        c.send("/instr/def", "Out", BUS_OUT.replace("outs gabus * 0.7", "outs Half(gabus) * 1.4"))
        c.send("/instr/def", "X", BUS_SRC)
        done(c, "/instr/def", "X")
        c.send("/sched", 1, "Out", 0.0, -1.0)
        c.send("/sched", 2, "X", 0.0, 0.8, 0.2, 300.0)
        time.sleep(0.25)
        with open(lib, "w") as f:
            f.write("instr Y\n%s\nendin\ninstr X\n%s\nendin\n" % (BUS_SRC, BUS_SRC.replace("p4", "p4 * 0.5")))
        c.send("/instr/load", lib)
        done(c, "/instr/load", lib)
        c.send("/sched", 3, "X", 0.0, 0.5, 0.2, 500.0)
        c.send("/sched", 4, "Y", 0.0, 0.5, 0.2, 700.0)
        time.sleep(0.6)
    live_vs_rerender("def_then_load", def_then_load)

    # a named instrument, then one named "9": foo takes the lowest free number (1), before 9; /instr/orc
    # (what the recording writes) over OSC too: its /done names the code's first line, its /fail the error's
    # line and column in the code, and a failed one changes nothing
    def named_and_nine(c):
        c.send("/instr/orc", "instr foo\n%s\nendin\ninstr bar\nouts oscili:a(p4, p5), a(0)\nendin\n" % BUS_SRC)
        check(c.wait_for("/done", 2.0, lambda a: a == ["/instr/orc", "instr foo"]) is not None,
              "/done /instr/orc with the code's first line")
        c.send("/instr/orc", "instr foo\nasig oscilx 1, 2\nendin\n")
        m = c.wait_for("/fail", 2.0, lambda a: a[0] == "/instr/orc")
        check(m is not None and "2:6: error: unknown opcode 'oscilx'" in m[1], "/fail /instr/orc at the error: %r" % (m,))
        c.send("/instr/def", "9", BUS_OUT)
        done(c, "/instr/def", "9")
        c.send("/sched", 1, 9, 0.0, -1.0)
        c.send("/sched", 2, "foo", 0.0, 0.5, 0.25, 300.0)
        c.send("/sched", 3, "foo", 0.1, 0.5, 0.25, 450.0)
        c.send("/sched", 4, "bar", 0.2, 0.3, 0.1, 555.0)
        time.sleep(0.8)
    live_vs_rerender("named_and_nine", named_and_nine)

    # /instr/def and a library instrument loaded by its first /sched, in one burst: three voices
    # summed on the same channels, in an order that depends on their numbers
    def def_and_library(c):
        c.send("/instr/def", "pad", "outs oscili:a(p4, p5), oscili:a(p4, p5 * 1.5)")
        c.send("/sched", 1, "sine", 0.0, 0.8, 0.3, 69.3, 0.3)
        c.send("/sched", 2, "pad", 0.0, 0.8, 0.13, 211.0)
        c.send("/sched", 3, "sine", 0.0, 0.8, 0.17, 75.1, 0.6)
        c.send("/instr/def", "bell", "outs oscili:a(p4, p5) * 0.7, oscili:a(p4, p5 * 1.01)")
        c.send("/sched", 4, "bell", 0.0, 0.8, 0.11, 517.0)
        c.send("/sched", 5, "pluck", 0.0, 0.6, 0.3, 64.0, 0.2)
        # a library instrument first named by a time-tagged /sched: loaded at once (its own line, at the
        # frame it was installed), while the /sched keeps its tag's frame; an untimed note of it plays before
        c.srv.send(c.target, liblo.Bundle(liblo.time() + 0.4, liblo.Message("/sched", 6, "saw", 0.0, 0.3, 0.2, 40.0,
                                                                             800.0, 0.4, 0.5)))
        c.send("/sched", 7, "saw", 0.0, 0.2, 0.2, 47.0, 900.0, 0.4, 0.5)
        m = c.wait_for("/fail", 1.0)
        check(m is None, "an untimed note of a library instrument a time-tagged /sched loaded plays: %r" % (m,))
    live_vs_rerender("def_and_library", def_and_library)

    # item 11: no instrument number past 9999.  A name next to instr 9999 takes the lowest free number
    # and plays (it was 10000, answered /done, and could never play nor re-render)
    def past_9999(c):
        c.send("/instr/def", "9999", BUS_OUT)
        done(c, "/instr/def", "9999")
        c.send("/instr/def", "after", BUS_SRC)
        done(c, "/instr/def", "after")
        c.send("/sched", 1, 9999, 0.0, -1.0)
        c.send("/sched", 2, "after", 0.0, 0.5, 0.3, 400.0)
        check(c.wait_for("/fail", 0.3) is None, "a name beside instr 9999 plays")
        time.sleep(0.6)
    live_vs_rerender("past_9999", past_9999)

    # ... and with every number taken (one instrument numbered 1 to 9999), a new name is a /fail at
    # definition naming the limit, and nothing else changes
    full = os.path.join(tmp, "full.orc")
    with open(full, "w") as f:
        f.write("nchnls = 2\n0dbfs = 1\ninstr %s\nouts oscili:a(0.2, 440), oscili:a(0.2, 440)\nendin\n"
                % ", ".join(str(i) for i in range(1, 10000)))

    def all_taken(c):
        c.send("/instr/def", "more", BUS_SRC)
        m = c.wait_for("/fail", 3.0, lambda a: a[0] == "/instr/def")
        check(m is not None and "no instrument number is free for 'more'" in m[1] and "1…9999" in m[1],
              "every number taken: /instr/def of a new name fails naming the limit: %r" % (m,))
        c.send("/instr/def", "77", "outs oscili:a(0.1, 550), oscili:a(0.1, 550)")
        done(c, "/instr/def", "77")
        c.send("/sched", 1, 5000, 0.0, 0.3)
        c.send("/sched", 2, 77, 0.1, 0.3)
        time.sleep(0.6)
    live_vs_rerender("all_taken", all_taken, full)
finally:
    kill_jacks()

finish()
