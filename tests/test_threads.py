#!/usr/bin/env python3
"""test_threads.py — what crosses between ondes' audio thread and its control thread, exercised
while both run: channels written every k-cycle and read by /chn/get, channels created by notes
(audio thread) while the control thread looks them up, channels new to /chn/set while playing,
--record, and --exit-at-end (the control thread watching the voice count).  Checks the values;
under a ThreadSanitizer build (tools/tsan-check.sh) any data race fails it too (tests/tsankit.py)."""
import os
import subprocess
import sys
import time

import soundfile as sf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402
from livekit import Client, free_port, start_jack, start_ondes, tmp  # noqa: E402

start_jack()
port = free_port()
rec = os.path.join(tmp, "threads.wav")
ondes, log = start_ondes(port, "--record", rec)
c = Client(port)
check(c.ready(), "ondes answers /sync after starting")

def sync(n):
    c.send("/sync", n)
    return c.wait_for("/synced", 5.0, lambda a: a[0] == n) is not None

def chn_get(name, timeout=2.0):
    c.send("/chn/get", name)
    r = c.wait_for("/chn", timeout, lambda a: a[0] == name)
    return None if r is None else r[1]

# a channel written every k-cycle on the audio thread, read over OSC meanwhile
c.send("/instr/def", "lfo", 'kv phasor 3\nchnset kv, "lfo"\nouts oscili:a(0.05, 440), oscili:a(0.05, 660)')
check(sync(1), "/instr/def lfo")
c.send("/sched", 1, "lfo", 0.0, -1.0)
check(sync(2), "lfo started")
vals = []
for _ in range(120):
    v = chn_get("lfo")
    if v is not None:
        vals.append(v)
    time.sleep(0.005)
check(len(vals) == 120 and all(0.0 <= v < 1.0 for v in vals), "/chn/get lfo while it is written: %d values in [0, 1)"
      % len(vals))
check(len(set(vals)) >= 5, "the value moves under the reader: %d distinct of %d" % (len(set(vals)), len(vals)))

# channels created by notes' init passes (the audio thread) while the control thread looks them up
N = 24
for i in range(N):
    c.send("/instr/def", "mk%d" % i, 'chnset p4, "made%d"\nkx chnget "made%d"' % (i, i))
check(sync(3), "%d channel-making instruments defined" % N)
for i in range(N):
    c.send("/sched", 100 + i, "mk%d" % i, 0.01 * i, 0.05, float(i + 1))
seen = {}
end = time.time() + 2.0
while len(seen) < N and time.time() < end:     # look up while the table grows
    for i in range(N):
        if i not in seen:
            c.send("/chn/get", "made%d" % i)
    time.sleep(0.01)    # a round every 10 ms: a flood would only queue up in the socket
    while c.srv.recv(0):
        pass
    for path, a in list(c.got):
        if path == "/chn" and a[0].startswith("made"):
            seen[int(a[0][4:])] = a[1]
    c.got = [(p, a) for p, a in c.got if p not in ("/chn", "/fail")]
check(sync(4), "/synced after the channel-making notes")
got = {i: chn_get("made%d" % i) for i in range(N)}
check(all(got[i] == i + 1 for i in range(N)), "every note's channel holds its value: %r" % got)
check(all(seen[i] == i + 1 for i in seen), "values seen while they were made: %r" % seen)

# channels new to /chn/set while playing: made on the audio thread, read by a note and over OSC
c.send("/instr/def", "plus", 'kx chnget "fresh0"\nchnset kx + 1, "fresh0plus"')
check(sync(5), "/instr/def plus")
for i in range(16):
    c.send("/chn/set", "fresh%d" % i, float(i) + 0.5)
c.send("/sched", 200, "plus", 0.0, 0.2)
check(sync(6), "/synced after /chn/set of new channels")
fresh = [chn_get("fresh%d" % i) for i in range(16)]
check(fresh == [i + 0.5 for i in range(16)], "/chn/set of new channels while playing: %r" % fresh)
time.sleep(0.4)
v = chn_get("fresh0plus")
check(v == 1.5, "a note reads a channel /chn/set made: fresh0plus = %r" % v)
c.send("/chn/set", "x" * 64, 1.0)
r = c.wait_for("/fail", 2.0, lambda a: a[0] == "/chn/set")
check(r is not None and "longer than 63" in r[1], "a 64-byte channel name is refused: %r" % (r,))

c.send("/stop", 1)
c.send("/quit")
try:
    rc = ondes.wait(20)
except subprocess.TimeoutExpired:
    rc = None
check(rc == 0, "/quit exits cleanly (rc %r): %s" % (rc, open(log).read()))
if os.path.exists(rec):
    y, sr = sf.read(rec, always_2d=True)
    check(y.shape[1] == 2 and abs(y).max() > 0.01, "--record captured the lfo notes (peak %.3f)" % abs(y).max())
else:
    check(False, "no --record file")

# --exit-at-end: the control thread waits for the score's end and for the voices to finish
csd = os.path.join(tmp, "end.csd")
with open(csd, "w") as f:
    f.write("<CsoundSynthesizer><CsInstruments>\nsr = 48000\nksmps = 64\nnchnls = 2\n0dbfs = 1\n"
            "instr 1\nkv line 0, p3, 1\nchnset kv, \"ramp\"\nouts oscili:a(0.1, 220), oscili:a(0.1, 220)\n"
            "endin\n</CsInstruments><CsScore>\ni 1 0 0.3\ni 1 0.2 0.5\n</CsScore></CsoundSynthesizer>\n")
port2 = free_port()
t0 = time.time()
o2, log2 = start_ondes(port2, "--exit-at-end", csd)
try:
    rc2 = o2.wait(20)
except subprocess.TimeoutExpired:
    rc2 = None
took = time.time() - t0
check(rc2 == 0 and 0.6 < took < 20, "--exit-at-end exits by itself after the score (rc %r, %.2f s): %s"
      % (rc2, took, open(log2).read()))
finish()
