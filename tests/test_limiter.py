#!/usr/bin/env python3
"""test_limiter.py — the master's speaker safety, offline: the hard ceiling and its exact clipped-sample count,
and --limiter (look-ahead peak limiter): never over the ceiling, a smooth gain, the signal delayed by the
look-ahead, bit-exact below the ceiling, far less distortion than the clip, transients caught without the clip."""
import os
import re
import shutil
import subprocess
import sys
import time

import numpy as np
import soundfile as sf

ONDES = os.environ.get("ONDES", "./ondes")
SR = 48000
LA = 240                       # --limiter's default 5 ms look-ahead at 48 kHz, in samples
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, render  # noqa: E402  (tests/checks.py, beside this file)


def report(msg, what):
    """An integer from the closing report ('clipped samples: N', 'limiter: N samples reduced')."""
    m = re.search(what + r": (\d+)", msg)
    return int(m.group(1)) if m else None


def thd_db(x, f0):
    """Harmonics 2..15 of f0 relative to the fundamental, in dB (Blackman-Harris window, peak bins +-4)."""
    n = len(x)
    w = np.blackman(n)
    spec = np.abs(np.fft.rfft(x * w)) ** 2
    def power(f):
        k = int(round(f * n / SR))
        return spec[max(k - 4, 0):k + 5].sum()
    harm = sum(power(h * f0) for h in range(2, 16) if h * f0 < SR / 2 - 100)
    return 10 * np.log10(harm / power(f0))


ok = True   # later checks read the renders: skip them when one failed

# a 997 Hz sine at +12 dBFS on channel 1, the same sine at -6 dBFS on channel 2
LOUD = """0 /instr/def "loud" "asig oscili 1, 997
outch 1, asig * 4, 2, asig * 0.5"
0 /sched 1 "loud" 0 0.5
"""
raw, rmsg = render(LOUD, "--ceiling", "24")          # unclipped reference (+24 dBFS ceiling)
hard, hmsg = render(LOUD)                             # default: hard ceiling at 0 dBFS
lim, lmsg = render(LOUD, "--limiter")                 # look-ahead limiter, 5 ms
for x, m, what in ((raw, rmsg, "--ceiling 24"), (hard, hmsg, "hard ceiling"), (lim, lmsg, "--limiter")):
    check(x is not None, "render (%s) failed: %s" % (what, m))
    ok = ok and x is not None

if ok:
    # (a) the hard ceiling: nothing above 0 dBFS, and the report counts exactly the samples it cut
    check(report(rmsg, "clipped samples") == 0 and np.max(np.abs(raw)) > 3.9, "the +24 dB ceiling leaves +12 dB alone")
    expect = int(np.sum(np.abs(raw) > 1.0))
    check(np.max(np.abs(hard)) <= 1.0, "hard ceiling: peak %.6f" % np.max(np.abs(hard)))
    check(np.array_equal(hard, np.clip(raw, -1, 1)), "hard ceiling: the output is the signal clipped at +-1")
    check(expect > 1000 and report(hmsg, "clipped samples") == expect,
          "clipped samples reported %s, counted %d" % (report(hmsg, "clipped samples"), expect))
    check("limiter:" not in hmsg, "no limiter line without --limiter")

    # (b) --limiter: under the ceiling, nothing clipped, the input delayed by the look-ahead times a smooth gain
    check(np.max(np.abs(lim)) <= 1.0, "limiter: peak %.9f" % np.max(np.abs(lim)))
    check(report(lmsg, "clipped samples") == 0, "limiter: no sample left for the clip: %s" % lmsg)
    check(len(lim) == len(raw) + LA, "the render runs the look-ahead longer: %d vs %d" % (len(lim), len(raw)))
    check(np.all(lim[:LA] == 0), "the first %d samples are the empty delay line" % LA)
    red = report(lmsg, "limiter")
    check(red is not None and red > 0.9 * 2 * len(raw), "limiter: samples reduced reported: %s" % red)
    m = re.search(r"largest reduction ([0-9.]+) dB", lmsg)
    peak_db = 20 * np.log10(np.max(np.abs(raw[:, 0])))
    check(m is not None and abs(float(m.group(1)) - peak_db) < 0.01,
          "largest reduction %s dB, the peak is %.3f dB" % (m and m.group(1), peak_db))
    src = raw[:len(raw), :]
    out = lim[LA:LA + len(raw), :]
    valid = np.abs(src) > 0.05
    gain = np.where(valid, out / np.where(valid, src, 1), np.nan)
    # linked: both channels get the same gain (channel 2, at -6 dBFS, is reduced as much as channel 1)
    both = valid[:, 0] & valid[:, 1]
    check(np.nanmax(np.abs(gain[both, 0] - gain[both, 1])) < 1e-6, "the gain is linked across channels")
    g = gain[:, 0]
    idx = np.nonzero(valid[:, 0])[0]
    cons = idx[1:][np.diff(idx) == 1]       # consecutive samples where the gain is measurable
    steps = np.abs(g[cons] - g[cons - 1])
    bound = 1.0 / (LA + 1) + 1e-6           # the boxcar moves the gain by at most 1/W a sample
    check(np.max(steps) <= bound, "gain steps at most %.5f: largest %.5f" % (bound, np.max(steps)))
    check(np.all(np.nan_to_num(g, nan=0) <= 1.0 + 1e-7), "the limiter never raises the gain")
    steady = g[int(0.25 * SR):int(0.5 * SR)]
    steady = steady[~np.isnan(steady)]
    want = 1.0 / np.max(np.abs(raw[:, 0]))
    check(abs(20 * np.log10(np.mean(steady) / want)) < 0.1 and np.ptp(steady) < 1e-3,
          "steady gain %.5f (spread %.2g), ceiling/peak %.5f" % (np.mean(steady), np.ptp(steady), want))
    seg = slice(int(0.2 * SR), int(0.45 * SR))
    thd_hard = thd_db(hard[seg, 0], 997)
    thd_lim = thd_db(lim[seg.start + LA:seg.stop + LA, 0], 997)
    check(thd_hard > -20 and thd_lim < -60 and thd_lim < thd_hard - 40,
          "THD: hard clip %.1f dB, limiter %.1f dB" % (thd_hard, thd_lim))

# (c) below the ceiling the limiter only delays: bit-exact, and again after it has released a loud passage
QUIET = """0 /instr/def "quiet" "outch 1, oscili:a(0.7, 440) + oscili:a(0.2, 4321), 2, oscili:a(0.9, 330)"
0 /sched 1 "quiet" 0 0.5
"""
q, qmsg = render(QUIET)
ql, qlmsg = render(QUIET, "--limiter")
check(q is not None and ql is not None, "quiet renders: %s %s" % (qmsg, qlmsg))
if q is not None and ql is not None:
    check(np.array_equal(ql[LA:], q) and np.all(ql[:LA] == 0), "under the ceiling: the input delayed by %d, bit-exact" % LA)
    check(report(qlmsg, "limiter") == 0, "no sample reduced: %s" % qlmsg)
q2, q2msg = render(QUIET, "--limiter=2")   # --limiter=MS: a 2 ms look-ahead is a 96-sample delay
check(q2 is not None and np.array_equal(q2[96:], q[:len(q2) - 96]) and np.all(q2[:96] == 0),
      "--limiter=2 delays by 96 samples: %s" % (q2msg if q2 is None else ""))
for bad in ("--limiter=0", "--limiter=abc", "--limiter=1000"):
    b, bmsg = render(QUIET, bad)
    check(b is None and "--limiter" in bmsg, "%s is refused: %s" % (bad, bmsg.strip()))
AFTER = """0 /instr/def "burst" "outch 1, oscili:a(3, 500), 2, oscili:a(3, 500)"
0 /instr/def "quiet" "outch 1, oscili:a(0.8, 440), 2, oscili:a(0.6, 330)"
0 /sched 1 "burst" 0 0.2
0 /sched 2 "quiet" 0 3
"""
ar, armsg = render(AFTER, "--ceiling", "24")
al, almsg = render(AFTER, "--limiter")
check(ar is not None and al is not None, "burst renders: %s %s" % (armsg, almsg))
if ar is not None and al is not None:
    tail = slice(int(2.2 * SR), int(3.0 * SR))
    check(np.array_equal(al[tail.start + LA:tail.stop + LA], ar[tail]),
          "2 s after a burst the gain is back to exactly 1 (bit-exact)")
    check(np.max(np.abs(al)) <= 1.0 and report(almsg, "clipped samples") == 0, "the burst is limited")
    # the gain is back at exactly 1 about 1.2 s after the burst (release 60 ms down to 1e-9): counting stops
    red = report(almsg, "limiter") or 0
    check(2 * 0.2 * SR < red < 2 * 1.6 * SR, "samples reduced %d: the burst and its release only" % red)

# (d) --ceiling -6 with the limiter: peaks at -6 dBFS, never over, nothing clipped
c6, c6msg = render(LOUD, "--ceiling", "-6", "--limiter")
check(c6 is not None, "render --ceiling -6 --limiter: %s" % c6msg)
if c6 is not None:
    ceil6 = float(np.float32(10 ** (-6 / 20)))
    check(np.max(np.abs(c6)) <= ceil6 and np.max(np.abs(c6)) > ceil6 * 0.999,
          "peaks at -6 dBFS: %.6f (ceiling %.6f)" % (np.max(np.abs(c6)), ceil6))
    check(report(c6msg, "clipped samples") == 0, "nothing left for the clip at -6: %s" % c6msg)

# (e) transients: single-sample clicks and 0.5 ms bursts at +18 dBFS over a quiet tone; the look-ahead
# catches every one, so the hard clip never acts (clipped samples 0) and the limiter did the work
ev = ['0 /instr/def "tone" "outch 1, oscili:a(0.3, 220), 2, oscili:a(0.3, 220)"',
      '0 /instr/def "click" "outch 1, a(8), 2, a(-6)"',
      '0 /instr/def "zap" "outch 1, oscili:a(8, 3000), 2, oscili:a(8, 1234)"',
      '0 /instr/def "zap2" "outch 2, oscili:a(6, 2000)"',   # one channel: the gain is linked
      '0 /sched 1 "tone" 0 2.2']
clicks = [int((0.1 + 0.25 * k) * SR) + k * 7 for k in range(8)]   # exact frames, not block-aligned
for f in clicks:
    ev.append("@%d /sched -1 \"click\" 0 %.9f" % (f, 1.0 / SR))
    ev.append("@%d /sched -1 \"zap\" 0 0.0005" % (f + 2400))
    ev.append("@%d /sched -1 \"zap2\" 0 0.0002" % (f + 4800))
tr = "\n".join(ev) + "\n"
tr_raw, trmsg = render(tr, "--ceiling", "24")
tl, tlmsg = render(tr, "--limiter")
check(tr_raw is not None and tl is not None, "transient renders: %s %s" % (trmsg, tlmsg))
if tr_raw is not None and tl is not None:
    check(np.max(np.abs(tr_raw)) >= 8 - 1e-6, "the clicks reach +18 dBFS before the master: %.3f" % np.max(np.abs(tr_raw)))
    check(np.max(np.abs(tl)) <= 1.0, "transients limited: peak %.6f" % np.max(np.abs(tl)))
    check(report(tlmsg, "clipped samples") == 0, "no transient reached the hard clip: %s" % tlmsg)
    check((report(tlmsg, "limiter") or 0) > 0, "the limiter reduced them: %s" % tlmsg)
    # the gain ramps down ahead of each transient over the look-ahead, in steps of at most 1/W
    src, out = tr_raw[:len(tl) - LA, 0], tl[LA:, 0]
    idx = np.nonzero(np.abs(src) > 0.05)[0]
    cons = idx[1:][np.diff(idx) == 1]
    g = out / np.where(np.abs(src) > 0.05, src, 1)
    step = np.max(np.abs(g[cons] - g[cons - 1]))
    check(step <= 1.0 / (LA + 1) + 1e-6, "transients: gain steps at most %.5f: largest %.5f" % (1.0 / (LA + 1), step))
    # the gain comes back between them (0.2 s after a click, 0.15 s after a burst): the tone plays on
    back = [np.max(np.abs(tl[f + LA + int(0.2 * SR):f + LA + int(0.24 * SR), 0])) for f in clicks]
    check(min(back) > 0.25, "the tone recovers between the transients: %s" % np.round(back, 3))


def live():
    """Real time (a private dummy jackd): the limiter lives in the engine, so what JACK plays is what the
    offline render of the recorded events gives, bit for bit; /status.reply ends with the clipped samples;
    ondes says on exit how many samples hit the ceiling."""
    try:
        import liblo  # noqa: F401
    except ImportError:
        print("live part skipped: no python3-liblo")
        return
    if not shutil.which("jackd"):
        print("live part skipped: no jackd")
        return
    from livekit import RTCHECK, Client, free_port, kill_jacks, start_jack, start_ondes, tmp
    try:
        start_jack(256)
        for limiter in (True, False):
            port = free_port()
            rec, evs = os.path.join(tmp, "lim%d.wav" % limiter), os.path.join(tmp, "lim%d.events" % limiter)
            # under the rtcheck probe: the limiter's per-block work never allocates, locks or writes
            o, log = start_ondes(port, "--record", rec, "--record-events", evs, *(["--limiter"] if limiter else []),
                                 rtcheck=True)
            c = Client(port)
            if not c.ready():
                check(False, "live (limiter %s): ondes answers: %s" % (limiter, open(log).read()))
                continue
            c.send("/instr/def", "loud", "asig oscili 1, 997\noutch 1, asig * 4, 2, asig * 0.5")
            c.wait_for("/done", 2.0)
            c.send("/sched", 1, "loud", 0.0, 0.4)
            time.sleep(0.7)
            c.send("/status")
            st = c.wait_for("/status.reply")
            c.send("/quit")
            try:
                rc = o.wait(5)
            except subprocess.TimeoutExpired:
                rc = None
            out = open(log).read()
            clipped = report(out, "clipped samples")
            if limiter:
                check(st is not None and len(st) == 8 and st[7] == 0, "/status.reply with --limiter: %r" % (st,))
                check(rc == 0 and clipped == 0 and (report(out, "limiter") or 0) > 10000,
                      "exit report with --limiter (rc %r): %s" % (rc, out.strip()))
                if RTCHECK:
                    m = re.search(r"rtcheck: (\d+) forbidden calls on the audio thread in (\d+) callbacks", out)
                    check(m is not None and m.group(1) == "0" and int(m.group(2)) > 100,
                          "with --limiter the audio thread never allocated, locked or wrote: %s"
                          % (m.group(0) if m else "no rtcheck report"))
                live, _ = sf.read(rec, dtype="float32", always_2d=True)
                off = os.path.join(tmp, "lim_off.wav")
                r = subprocess.run([ONDES, "--render", off, "--bits", "32f", "--limiter", "--duration",
                                    repr(len(live) / SR), evs], capture_output=True, text=True)
                check(r.returncode == 0, "the recorded events render: %s" % r.stderr)
                if r.returncode == 0:
                    y, _ = sf.read(off, dtype="float32", always_2d=True)
                    check(len(y) == len(live) and np.array_equal(y, live) and 0.99 < np.abs(live).max() <= 1.0,
                          "live with --limiter = offline with --limiter, bit for bit (%d, %d frames, peak %.6f)"
                          % (len(live), len(y), np.abs(live).max()))
            else:
                check(st is not None and len(st) == 8 and st[7] > 10000, "/status.reply counts clipped samples: %r" % (st,))
                check(rc == 0 and clipped is not None and st is not None and clipped >= st[7] and "limiter:" not in out,
                      "exit report without --limiter (rc %r): %s" % (rc, out.strip()))
    finally:
        kill_jacks()


live()
finish()
