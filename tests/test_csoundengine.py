#!/usr/bin/env python3
"""test_csoundengine.py — csoundengine-style scripts run on ondes with only
`import ondes as ce` / `from ondes.offline import …` (issue 12): named
parameters from an instrument's `|…|` / `{…}` header and `args=`, sched's
`args=[…]`/`args={…}`, set/automate by name, OfflineEngine; each checks the
sound it made with numpy (pitch, level, when set/automate took effect)."""
import os
import shutil
import sys
import tempfile
import time

sys.dont_write_bytecode = True     # no __pycache__ in the source tree (make dist, distcheck)
HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("srcdir") or os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SRC, "python"))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np
import soundfile as sf

import ondes as ce
from ondes.offline import OfflineSession, OfflineEngine

sys.path.insert(0, HERE)
from checks import check, finish, raises  # noqa: E402  (tests/checks.py)
import tsankit  # noqa: E402,F401

SR = 48000
tmp = tempfile.mkdtemp(prefix="ondes-ce-")


def render(s, name, **kws):
    path = os.path.join(tmp, name + ".wav")
    s.render(path, **kws)
    y, sr = sf.read(path, dtype="float64", always_2d=True)
    return y[:, 0]


def seg(y, t0, t1):
    return y[int(t0 * SR):int(t1 * SR)]


def pitch(x):
    """The frequency of the strongest partial (Hz): the FFT peak of a Hann-windowed,
    zero-padded segment, refined by a parabola through the peak's log magnitudes."""
    n = 1 << int(np.ceil(np.log2(len(x) * 8)))
    m = np.abs(np.fft.rfft(x * np.hanning(len(x)), n)) + 1e-30
    k = int(np.argmax(m[1:-1])) + 1
    a, b, c = np.log(m[k - 1:k + 2])
    return (k + 0.5 * (a - c) / (a - 2 * b + c)) * SR / n


def amp(x):
    """The amplitude of a sinusoid from its RMS."""
    return float(np.sqrt(2 * np.mean(x ** 2)))


def near(a, b, rel):
    return abs(a - b) <= rel * abs(b)


def switch_time(y, t0, t1, f1, f2, win=0.004):
    """When, between t0 and t1, the sound turns from a sine of f1 into one of f2:
    the first 4 ms window fitted better by f2 than by f1 (least squares)."""
    n = int(win * SR)
    tt = np.arange(n) / SR

    def resid(x, f):
        A = np.stack([np.cos(2 * np.pi * f * tt), np.sin(2 * np.pi * f * tt)], axis=1)
        c = np.linalg.lstsq(A, x, rcond=None)[0]
        return np.sum((x - A @ c) ** 2)
    step = n // 8
    for i in range(int(t0 * SR), int(t1 * SR) - n, step):
        x = y[i:i + n]
        if resid(x, f2) < resid(x, f1):
            return i / SR
    return None


SINE = r'''
  |kfreq=440, kamp=0.1|
  outch 1, oscili:a(kamp, kfreq)
'''

# ---------------------------------------------------------------- 1. defaults from the header
s = OfflineSession(sr=SR, nchnls=1, ksmps=64)
ins = s.defInstr("sine", SINE)
check(ins.params == {"kfreq": 5, "kamp": 6} and ins.defaults == {"kfreq": 440, "kamp": 0.1},
      "header: p5, p6 with defaults (p4 is the Session's): %r %r" % (ins.params, ins.defaults))
check(ins.dynamicParamNames() == {"kfreq", "kamp"}, "header k-variables are dynamic")
s.sched("sine", 0, 1)
y = render(s, "defaults")
check(near(pitch(seg(y, 0.1, 0.9)), 440, 0.001) and near(amp(seg(y, 0.1, 0.9)), 0.1, 0.01),
      "sched with no values: the header's defaults: %.2f Hz, amp %.4f" % (pitch(seg(y, 0.1, 0.9)), amp(seg(y, 0.1, 0.9))))

# ---------------------------------------------------------------- 2. args= overrides a header default
s = OfflineSession(sr=SR, nchnls=1)
s.defInstr("sine", SINE, args={"kfreq": 800})
s.sched("sine", 0, 1)
y = render(s, "argsdefault")
check(near(pitch(seg(y, 0.1, 0.9)), 800, 0.001) and near(amp(seg(y, 0.1, 0.9)), 0.1, 0.01),
      "defInstr(args={'kfreq': 800}) over the header's 440: %.2f Hz" % pitch(seg(y, 0.1, 0.9)))

# args= alone (no header, no p-field lines) makes the parameters
s = OfflineSession(sr=SR, nchnls=1)
s.defInstr("sine", "outch 1, oscili:a(kamp, kfreq)", args={"kfreq": 330, "kamp": 0.25})
s.sched("sine", 0, 1)
y = render(s, "argsonly")
check(near(pitch(seg(y, 0.1, 0.9)), 330, 0.001) and near(amp(seg(y, 0.1, 0.9)), 0.25, 0.01),
      "parameters from args= alone: %.2f Hz, amp %.4f" % (pitch(seg(y, 0.1, 0.9)), amp(seg(y, 0.1, 0.9))))

# ---------------------------------------------------------------- 3. sched: keywords, args=[…], args={…}
s = OfflineSession(sr=SR, nchnls=1)
s.defInstr("sine", SINE)
s.sched("sine", 0, 0.5, kfreq=550)                        # kamp from its default
s.sched("sine", 0.5, 0.5, args=[660, 0.2])                # positional from p5
s.sched("sine", 1.0, 0.5, args={"kamp": 0.05})            # kfreq from its default
s.sched("sine", 1.5, 0.5, 770, 0.3)                       # positional as further arguments
s.sched("sine", 2.0, 0.5, args={"kfreq": 1, "kamp": 0.15}, kfreq=990)   # keywords win over the dict
s.sched("sine", 2.5, 0.5, args=[880])                     # p6 from its default
y = render(s, "schedargs")
want = [(550, 0.1), (660, 0.2), (440, 0.05), (770, 0.3), (990, 0.15), (880, 0.1)]
for i, (f, a) in enumerate(want):
    x = seg(y, i * 0.5 + 0.05, i * 0.5 + 0.45)
    check(near(pitch(x), f, 0.001) and near(amp(x), a, 0.01),
          "sched #%d: %.2f Hz amp %.4f, want %g Hz amp %g" % (i, pitch(x), amp(x), f, a))
check(raises(ValueError, s.sched, "sine", 0, 1, 440, args=[440]) is not None, "p-fields both positional and args=: refused")

# ---------------------------------------------------------------- 4. set by name, positional, and its timing
s = OfflineSession(sr=SR, nchnls=1, ksmps=64)
s.defInstr("sine", SINE)
ev = s.sched("sine", 0, 2)
ev.set("kfreq", 1000, delay=1)          # csoundengine's positional form
ev.set(kamp=0.2, delay=1.5)             # and by keyword
y = render(s, "set")
t = switch_time(y, 0.9, 1.1, 440, 1000)
check(t is not None and abs(t - 1.0) < 0.003, "set('kfreq', 1000, delay=1) takes effect at 1 s: %r" % t)
check(near(pitch(seg(y, 1.1, 1.45)), 1000, 0.001) and near(amp(seg(y, 1.1, 1.45)), 0.1, 0.01)
      and near(amp(seg(y, 1.55, 1.95)), 0.2, 0.01), "after set: 1000 Hz, then amp 0.2: %.4f" % amp(seg(y, 1.55, 1.95)))

# ---------------------------------------------------------------- 5. automate by name: a linear ramp
s = OfflineSession(sr=SR, nchnls=1, ksmps=64)
s.defInstr("sine", SINE)
ev = s.sched("sine", 0, 2.5, kfreq=500)
ev.automate("kamp", (0, 0.1, 1, 0.3), delay=0.5)
y = render(s, "automate")
# the amplitude over 20 ms windows follows 0.1 until 0.5 s, a line to 0.3 at 1.5 s, then 0.3
errs = []
for tc in np.arange(0.1, 2.4, 0.1):
    w = 0.01
    want_a = 0.1 if tc < 0.5 else 0.3 if tc > 1.5 else 0.1 + 0.2 * (tc - 0.5)
    errs.append(abs(amp(seg(y, tc - w, tc + w)) - want_a))
check(max(errs) < 0.003, "automate('kamp', (0, 0.1, 1, 0.3), delay=0.5): amplitude within %.4f of the ramp" % max(errs))

# ---------------------------------------------------------------- 6. `{…}` header over lines, i- and S-parameters
s = OfflineSession(sr=SR, nchnls=2)
body = r'''
  ; a docstring comment before the header
  {kfreq=300,
   kamp=0.2, ichan=2,
   Sname="x"}
  outch ichan, oscili:a(kamp, kfreq)
'''
ins = s.defInstr("braces", body)
check(ins.params == {"kfreq": 5, "kamp": 6, "ichan": 7, "Sname": 8} and ins.paramRates["ichan"] == "i"
      and ins.defaults["Sname"] == "x", "{…} header over three lines: %r %r" % (ins.params, ins.defaults))
ev = s.sched("braces", 0, 1, kfreq=450)
e = raises(ValueError, ev.set, ichan=1)
check(e is not None and "ichan" in str(e) and "i-time" in str(e), "set of an i-parameter: refused, named: %s" % e)
path = os.path.join(tmp, "braces.wav")
s.render(path)
y2, _ = sf.read(path, dtype="float64", always_2d=True)
check(np.max(np.abs(y2[:, 0])) < 1e-9 and near(pitch(y2[4800:43200, 1]), 450, 0.001)
      and near(amp(y2[4800:43200, 1]), 0.2, 0.01), "ichan=2 default: channel 2 only, 450 Hz at 0.2")
check('"x"' in s.eventList().splitlines()[-1], "a string default goes by position: %s" % s.eventList().splitlines()[-1])

# ---------------------------------------------------------------- 7. a body using p-fields itself: the header's come after
s = OfflineSession(sr=SR, nchnls=1)
ins = s.defInstr("mixed", r'''
  |kamp=0.1|
  ifreq = p5
  outch 1, oscili:a(kamp, ifreq)
''', args={"kfreq2": 3})
check(ins.params == {"ifreq": 5, "kamp": 6, "kfreq2": 7}, "header names after the body's own p-fields: %r" % ins.params)
s.sched("mixed", 0, 1, 620)
y = render(s, "mixed")
check(near(pitch(seg(y, 0.1, 0.9)), 620, 0.001) and near(amp(seg(y, 0.1, 0.9)), 0.1, 0.01), "p5 by position, kamp default")

# ---------------------------------------------------------------- 8. unknown names: an error that names them
s = OfflineSession(sr=SR, nchnls=1)
s.defInstr("sine", SINE)
before = s.eventList()
for what, fn, a, k in (("sched", s.sched, ("sine", 0, 1), {"kfrq": 3}),
                       ("sched args={}", s.sched, ("sine", 0, 1), {"args": {"kfrq": 3}})):
    e = raises(ValueError, fn, *a, **k)
    check(e is not None and "'kfrq'" in str(e) and "kfreq" in str(e), "%s of an unknown name: %s" % (what, e))
ev = s.sched("sine", 0, 1)
for what, fn, a in (("set", ev.set, ("kfrq", 3)), ("automate", ev.automate, ("kfrq", (0, 1, 1, 2)))):
    e = raises(ValueError, fn, *a)
    check(e is not None and "'kfrq'" in str(e) and "kamp" in str(e), "%s of an unknown name: %s" % (what, e))
check(s.eventList().count("/sched") == 1, "nothing sent for refused calls")
for bad, word in (("|kfreq=abc|\nout a(kfreq)", "kfreq"), ("|kfreq=1, 3x|\nout a(kfreq)", "3x"),
                  ("|kfreq=1,\nout a(kfreq)", "not closed"), ('|Sx=1|\nout a(0)', "Sx"),
                  ("|kx, kx|\nout a(kx)", "twice")):
    e = raises(ValueError, s.defInstr, "bad", bad)
    check(e is not None and word in str(e) and "'bad'" in str(e), "bad header %r: %s" % (bad, e))
e = raises(ValueError, s.defInstr, "bad", "out a(0)", args={"freq": 1})
check(e is not None and "'freq'" in str(e), "args= name that is no variable: %s" % e)

# a compile error is placed in the body as written, though the one-line header
# became three declarations
s = OfflineSession(sr=SR, nchnls=1)
s.defInstr("typo", "; doc\n|kfreq=440, kamp=0.1, ibus|\na1 oscili kamp, kfreq\nouts a1 + kfoo, a1\n")
s.sched("typo", 0, 1)
e = raises(ce.RenderError, s.render, os.path.join(tmp, "typo.wav"))
check(e is not None and "code:4:" in str(e) and "kfoo" in str(e), "compile error at the line as written: %s" % e)

# ---------------------------------------------------------------- 9. Instr(...).register(session)
s = OfflineSession(sr=SR, nchnls=1)
ce.Instr("reg", SINE, args={"kamp": 0.3}).register(s)
s.sched("reg", 0, 0.5, kfreq=250)
y = render(s, "register")
check(near(pitch(seg(y, 0.05, 0.45)), 250, 0.001) and near(amp(seg(y, 0.05, 0.45)), 0.3, 0.01), "Instr.register")

# ---------------------------------------------------------------- 10. OfflineEngine: compile, sched from p4, automatep, stop
e = OfflineEngine(sr=SR, ksmps=64, nchnls=1, outfile=os.path.join(tmp, "engine.wav"))
e.compile(r'''
instr vco
  ifreq = p4
  iamp = p5
  ktransp = p6
  outch 1, oscili:a(iamp, ifreq * ktransp)
endin
''')
ev = e.sched("vco", 0, 2, 400, 0.1, 1)
e.automatep(ev, 6, (0, 1, 0.5, 1.5), delay=1)            # p6 by number: 400 -> 600 Hz over 1..1.5 s
e.perform(1.5)
check(e.now == 1.5, "perform(1.5) advances the clock: %r" % e.now)
ev2 = e.sched("vco", 0.5, 0.5, ifreq=300, iamp=0.2, ktransp=1)  # at now + 0.5 = 2 s, by name
job = e.stop()
y, _ = sf.read(job.outfile, dtype="float64", always_2d=True)
y = y[:, 0]
check(len(y) == int(2.5 * SR), "rendered to the end of the last event: %d frames" % len(y))
check(near(pitch(seg(y, 0.1, 0.9)), 400, 0.001) and near(pitch(seg(y, 1.55, 1.95)), 600, 0.001),
      "OfflineEngine: p-fields from p4, automatep(6): %.2f -> %.2f Hz" % (pitch(seg(y, 0.1, 0.9)), pitch(seg(y, 1.55, 1.95))))
x = seg(y, 2.05, 2.45)
check(near(pitch(x), 300, 0.001) and near(amp(x), 0.2, 0.01),
      "the second event (by name, relative to now) sounds: %.2f Hz amp %.4f" % (pitch(x), amp(x)))
# setp by number and by name, unsched (the release runs), makeTable read by an instrument
e = OfflineEngine(sr=SR, ksmps=64, nchnls=1)
tab = e.makeTable([0.25, 0.5])
e.compile(r'''
instr 10
  kfreq = p4
  kamp = p5
  outch 1, oscili:a(kamp * table:k(1, p6), kfreq) * linsegr:a(1, 0.1, 1, 0.2, 0)
endin
''')
ev = e.sched(10, 0, -1, 300, 0.4, tab)
e.setp(ev, 4, 500, delay=0.5)
e.setp(ev, "kamp", 0.2, delay=1.0)
e.unsched(ev, delay=1.5)
e.perform(2.0)
job = e.stop()
y, _ = sf.read(job.outfile, dtype="float64", always_2d=True)
y = y[:, 0]
x1, x2, x3 = seg(y, 0.05, 0.45), seg(y, 0.55, 0.95), seg(y, 1.05, 1.45)
check(near(pitch(x1), 300, 0.001) and near(amp(x1), 0.2, 0.01) and near(pitch(x2), 500, 0.001)
      and near(amp(x3), 0.1, 0.01), "setp by number and name, a table's value: %.1f Hz %.3f, %.1f Hz, %.3f"
      % (pitch(x1), amp(x1), pitch(x2), amp(x3)))
check(amp(seg(y, 1.52, 1.58)) > 0.03 and np.max(np.abs(seg(y, 1.75, 2.0))) < 1e-6,
      "unsched releases (linsegr), then silence: %.4f" % amp(seg(y, 1.52, 1.58)))


# ---------------------------------------------------------------- 11. live: Session with header parameters
def live():
    if not shutil.which("jackd") or not shutil.which("jack_lsp"):
        print("SKIP live: jackd not installed")
        return
    rec = os.path.join(tmp, "live.wav")
    try:
        s = ce.Session(start=True, port=None, jackd=["-d", "dummy", "-r", str(SR), "-p", "256"],
                       args=["--no-connect", "--record", rec])
    except ConnectionError as e:
        check(False, "live Session starts: %s" % e)
        return
    with s:
        s.defInstr("sine", SINE, args={"kamp": 0.2})
        e = raises(ce.CompileError, s.defInstr, "typo", "|kfreq=440, kamp=0.1, ibus|\na1 oscili kamp, kfreq\nouts a1 + kfoo, a1")
        check(e is not None and "3:" in str(e).split("error")[0] and "kfoo" in str(e),
              "live: compile error at the line as written: %s" % e)
        e = raises(ValueError, s.sched, "sine", 0, 1, kfrq=3)
        check(e is not None and "'kfrq'" in str(e), "live: an unknown name refused: %s" % e)
        ev = s.sched("sine", 0, -1)
        time.sleep(0.8)
        ev.set("kfreq", 880)
        time.sleep(0.8)
        ev.automate("kamp", (0, 0.2, 0.3, 0.05))
        time.sleep(1.5)
        ev.stop()
        check(s.sync() and s.fails() == [], "live: no /fail")
        time.sleep(0.2)
    y, _ = sf.read(rec, dtype="float64", always_2d=True)
    y = y[:, 0]
    on = np.flatnonzero(np.abs(y) > 1e-3)
    check(len(on) > 0, "live: sound recorded")
    if not len(on):
        return
    # anchored on what the recording shows (a loaded machine delays commands):
    # the note's start, and the moment set() took effect
    t0 = on[0] / SR
    ts = switch_time(y, t0 + 0.1, t0 + 3, 440, 880)
    check(ts is not None, "live: set('kfreq', 880) heard")
    if ts is None:
        return
    a, b, c = seg(y, t0 + 0.1, ts - 0.05), seg(y, ts + 0.05, ts + 0.5), seg(y, ts + 1.3, ts + 1.7)
    check(near(pitch(a), 440, 0.002) and near(amp(a), 0.2, 0.02), "live: header default 440 Hz, args= amp 0.2: %.2f %.4f"
          % (pitch(a), amp(a)))
    check(near(pitch(b), 880, 0.002) and near(amp(b), 0.2, 0.02), "live: set('kfreq', 880): %.2f" % pitch(b))
    check(near(amp(c), 0.05, 0.05), "live: automate kamp down to 0.05: %.4f" % amp(c))


live()
shutil.rmtree(tmp, ignore_errors=True)
finish()
