#!/usr/bin/env python3
"""live_set_load.py — DSP load while 10 000 /set a second reach 60 000 pending notes (issue 11, item 15).

Usage: ONDES=./ondes srcdir=. /usr/bin/python3 bench/live_set_load.py [SECONDS]
A private dummy jackd (tests/livekit.py), ondes with --voices 64; 60 000 /sched of a sine delayed
1000 s (pending, never playing), then /set to random pending ids at 10 000 a second for SECONDS
(default 5), reading /status every 0.5 s.  Prints ondes' own DSP load (the share of each JACK
period its callback takes, %) before and during the /set stream: median and maximum."""
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))
from livekit import Client, free_port, start_jack, start_ondes  # noqa: E402

LOAD = 1
secs = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
start_jack()
port = free_port()
ondes, log = start_ondes(port, "--voices", "64")
c = Client(port)
assert c.ready(), "ondes answers"


def load():
    c.send("/status")
    r = c.wait_for("/status.reply", 3.0)
    return r[LOAD] if r else float("nan")


idle = [load() for _ in range(4)]
for i in range(60000):
    c.send("/sched", 1 + i, "sine", 1000.0, 1.0, 0.1, 60)
    if i % 500 == 499:   # let the replies and the kernel's buffers drain
        c.srv.recv(0)
        time.sleep(0.005)
assert c.ready(10), "ondes took the 60 000 notes"
time.sleep(1.0)   # the burst's load leaves the smoothed figure
before = [load() for _ in range(4)]
during = []
rng = random.Random(1)
t0 = time.time()
sent = 0
next_status = t0 + 0.5
while time.time() - t0 < secs:
    target = int((time.time() - t0) * 10000)
    while sent < target:
        c.send("/set", rng.randint(1, 60000), "kmidi", 61.0)
        sent += 1
    if time.time() >= next_status:
        during.append(load())
        next_status += 0.5
    time.sleep(0.001)
fails = [a for p, a in c.got if p == "/fail"]
print("idle load %%: %s" % ", ".join("%.1f" % x for x in idle))
print("60 000 pending, no /set: median %.1f %%, max %.1f %%" % (statistics.median(before), max(before)))
print("60 000 pending, %d /set in %.1f s (%.0f/s): median %.1f %%, max %.1f %%; /fail %d"
      % (sent, secs, sent / secs, statistics.median(during), max(during), len(fails)))
c.send("/quit")
time.sleep(0.5)
