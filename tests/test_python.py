#!/usr/bin/env python3
"""test_python.py — the pure-Python client package `ondes` (python/ondes):
OSC encoding/decoding (checked against liblo when importable), pitch helpers,
the OfflineSession event list, and csoundengine's offline example rendered by
ondes and analysed with numpy (pitch of each note over time)."""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True     # no __pycache__ in the source tree (make dist, distcheck)
HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("srcdir") or os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SRC, "python"))
sys.path.insert(0, os.path.join(SRC, "examples"))

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")   # small matrices: threads only cost
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np
import soundfile as sf

import ondes
from ondes import osc, ntom, mton, mtof, ftom, OfflineSession, RenderError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, raises, stop  # noqa: E402  (tests/checks.py, beside this file)
import tsankit  # noqa: E402,F401  (a TSan build: its options, ASLR off, any report fails the test)


# ---------------------------------------------------------------- pitch helpers
check(ntom("C4") == 60, "ntom C4")
check(ntom("4G") == 67, "ntom 4G")
check(abs(ntom("4G+10") - 67.1) < 1e-9, "ntom 4G+10: %r" % ntom("4G+10"))
check(ntom("C#4") == 61 and ntom("Db4") == 61 and ntom("4C#") == 61 and ntom("4Db") == 61, "sharps/flats")
check(ntom("B3") == 59 and ntom("A4") == 69 and ntom("4A") == 69 and ntom("Bb3") == 58, "B3, A4, Bb3")
check(abs(ntom("C4-25") - 59.75) < 1e-9 and ntom("C-1") == 0 and ntom("4C+") == 60.5, "cents, octave -1, quarter tone")
check(raises(ValueError, ntom, "H4") is not None and raises(ValueError, ntom, "4") is not None, "bad names raise")
check(mton(69) == "4A", "mton 69: %r" % mton(69))
check(mton(60) == "4C" and mton(60.1) == "4C+10" and mton(61.7) == "4D-30", "mton cents: %r %r" % (mton(60.1), mton(61.7)))
check(mton(61) == "4C#" and mton(59) == "3B", "mton sharps/octaves")
for n in ("4C", "4G+10", "3B", "5F#-20", "0A"):
    check(mton(ntom(n)) == n, "round trip %s -> %r" % (n, mton(ntom(n))))
check(mtof(69) == 440 and abs(mtof(60) - 261.6255653005986) < 1e-9 and abs(mtof(69, a4=442) - 442) < 1e-12, "mtof")
check(abs(ftom(440) - 69) < 1e-12 and abs(ftom(mtof(61.37)) - 61.37) < 1e-9 and abs(ftom(442, a4=442) - 69) < 1e-12,
      "ftom")

# ---------------------------------------------------------------- OSC, self-consistency
m = osc.decode(osc.encode_message("/x", [1, 2**40, 1.5, 0.25, "hé", b"\x01\x02\x03", True, False],
                                  types="ihfdsbTF"))
check(m.address == "/x" and m.args == [1, 2**40, 1.5, 0.25, "hé", b"\x01\x02\x03", True, False],
      "encode/decode all types: %r" % m)
check(osc.encode_message("/a", []) == b"/a\0\0,\0\0\0", "empty message")
check(len(osc.encode_message("/abc", ["abcd"])) % 4 == 0, "4-byte alignment")
b = osc.decode(osc.Bundle(1e9 + 0.5, osc.Message("/a", 1), osc.Bundle(osc.IMMEDIATELY, osc.Message("/b", "x"))).encode())
check(isinstance(b, osc.Bundle) and abs(b.timetag - (1e9 + 0.5)) < 1e-9 and b.elements[0] == osc.Message("/a", 1)
      and isinstance(b.elements[1], osc.Bundle) and b.elements[1].timetag == osc.IMMEDIATELY
      and b.elements[1].elements[0] == osc.Message("/b", "x"), "bundle round trip: %r" % b)
check(raises(osc.OscError, osc.decode, b"/a\0\0,i\0\0\0\0") is not None, "truncated message raises")
check(raises(osc.OscError, osc.encode_message, "/a", [object()]) is not None, "unencodable argument raises")

# ---------------------------------------------------------------- OSC against liblo
try:
    import liblo
except ImportError:
    liblo = None
    print("liblo (python3-liblo) not importable: skipping the liblo cross-checks")

if liblo is not None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(2)
    myport = sock.getsockname()[1]
    args = [("i", -7), ("h", -2**40 + 3), ("f", 1.5), ("d", 0.1), ("s", "hello, world"), ("b", [1, 2, 3, 250]),
            ("T", True), ("F", False)]
    liblo.send(("127.0.0.1", myport), liblo.Message("/liblo/msg", *args))
    data = sock.recv(65536)
    mine = osc.encode_message("/liblo/msg", [-7, -2**40 + 3, 1.5, 0.1, "hello, world", bytes([1, 2, 3, 250]), True, False],
                              types="ihfdsbTF")
    check(data == mine, "our encoding is byte for byte liblo's:\n  %r\n  %r" % (data, mine))
    m = osc.decode(data)
    check(m.address == "/liblo/msg" and m.types == "ihfdsbTF"
          and m.args == [-7, -2**40 + 3, 1.5, 0.1, "hello, world", bytes([1, 2, 3, 250]), True, False],
          "liblo's message decoded: %r" % m)
    t_ntp = liblo.time() + 1.25
    liblo.send(("127.0.0.1", myport), liblo.Bundle(t_ntp, liblo.Message("/a", 1), liblo.Message("/b", "x", 2.5)))
    b = osc.decode(sock.recv(65536))
    check(isinstance(b, osc.Bundle) and abs(b.timetag + osc.NTP_EPOCH_OFFSET - t_ntp) < 1e-6
          and [e.address for e in b.elements] == ["/a", "/b"] and b.elements[1].args == ["x", 2.5],
          "liblo's bundle decoded: %r" % b)
    sock.close()

    # ours, received by a liblo.Server
    got = []
    srv = liblo.Server()
    srv.add_method(None, None, lambda path, a, types: got.append((path, types, a)))
    dest = ("127.0.0.1", srv.port)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.sendto(osc.encode_message("/ours", [3, 2**40, 0.5, 0.125, "str", b"\x01\xff\x07", True, False],
                                types="ihfdsbTF"), dest)
    srv.recv(1000)
    ok = len(got) == 1 and got[0][0] == "/ours" and got[0][1] == "ihfdsbTF"
    if ok:
        a = got[0][2]
        ok = (a[:5] == [3, 2**40, 0.5, 0.125, "str"] and bytes(a[5]) == b"\x01\xff\x07" and a[6] is True and a[7] is False)
    check(ok, "liblo decodes our message: %r" % got)
    got.clear()
    s.sendto(osc.Bundle(time.time(), osc.Message("/b1", 1), osc.Message("/b2", "two")).encode(), dest)
    t0 = time.time()
    while len(got) < 2 and time.time() - t0 < 2:
        srv.recv(100)
    check([g[0] for g in got] == ["/b1", "/b2"] and got[1][2] == ["two"], "liblo decodes our bundle: %r" % got)
    # the client socket receives replies on its own port
    c = osc.OscClient("127.0.0.1", srv.port)
    srv.del_method(None, None)
    srv.add_method(None, None, lambda path, a, types, src: srv.send(src, "/reply", path, *a))
    c.send(osc.Message("/ping", 42))
    t0 = time.time()
    while time.time() - t0 < 1 and c.replies.empty():
        srv.recv(50)
    r = c.wait(lambda m: m.address == "/reply", 1)
    check(r is not None and r.args == ["/ping", 42], "OscClient gets the reply on its own port: %r" % r)
    c.close()
    s.close()

# ---------------------------------------------------------------- OfflineSession: the event list
s = OfflineSession(sr=48000, nchnls=2, ksmps=32)
s.defInstr("t", 'kmidi = p5\nkamp = p6 ; amplitude\nprints "a\\\\b"\nouts oscili:a(kamp, mtof:k(kmidi)), 0',
           args={"kamp": 0.2})
check(s.instrs["t"].params == {"kmidi": 5, "kamp": 6}, "parameters discovered: %r" % s.instrs["t"].params)
before = s.eventList()
e = raises(ValueError, s.sched, "t", 0, 1, kfreq=60)
check(e is not None and "kfreq" in str(e) and "kmidi" in str(e), "unknown parameter: %s" % e)
check(s.eventList() == before, "nothing written for a refused sched")
ev = s.sched("t", 0.5, 2, kmidi=60)
check(ev.id == 1 and s.sched("t", 1, 1, 62).id == 2, "ids from 1")
e = raises(ValueError, ev.set, kfreq=3)
check(e is not None and "kfreq" in str(e), "set of an unknown parameter: %s" % e)
check(raises(ValueError, ev.automate, "kmidi", (0, 1, 1), ) is not None, "odd number of breakpoint values")
check(raises(ValueError, ev.automate, "kmidi", (0, 1, 1, 2), mode="bogus") is not None, "bad mode")
ev.automate("kmidi", [(0, 60), (1, 72)], mode="expon(2)", delay=0.25)
ev.set(kmidi=61)        # before the event starts: moved to its start
ev.stop(delay=2)
s.chnset("cutoff", 1200)
text = s.eventList()
lines = text.splitlines()
check(lines[0] == "0 /config sr 48000 ksmps 32 nchnls 2 0dbfs 1 A4 440", "config line: %r" % lines[0])
check(lines[1] == r'0 /instr/def "t" "kmidi = p5\nkamp = p6 ; amplitude\nprints \"a\\\\b\"\nouts oscili:a(kamp, mtof:k(kmidi)), 0"',
      "instr/def escaped: %r" % lines[1])
check('0.5 /sched 1 "t" 0 2 0 "kmidi" 60 "kamp" 0.2' in lines, "sched line with default:\n" + text)
check('1 /sched 2 "t" 0 1 0 62 "kamp" 0.2' in lines, "positional p-fields from p5:\n" + text)
check('0.5 /automate 1 "kmidi" 0 60 1 72 "expon(2)"' in lines and '0.5 /set 1 "kmidi" 61' in lines
      and '2 /stop 1' in lines and '0 /chn/set "cutoff" 1200' in lines, "automate/set/stop/chnset lines:\n" + text)
check([float(l.split()[0]) for l in lines] == sorted(float(l.split()[0]) for l in lines), "lines in time order")
t = s.makeTable([0, 0.5, 1])
check(t.tabnum == 1 and t.data == [0, 0.5, 1] and '0 /table/gen 1 0 -2 0 0.5 1' in s.eventList(), "makeTable line")

# ---------------------------------------------------------------- render: the seed's example
tmp = tempfile.mkdtemp()
SR = 44100


def fit(seg, freqs):
    """Least-squares fit of sinusoids at the given frequencies: relative residual."""
    n = np.arange(len(seg)) / SR
    cols = []
    for f in freqs:
        cols += [np.cos(2 * np.pi * f * n), np.sin(2 * np.pi * f * n)]
    A = np.stack(cols, axis=1)
    coef = np.linalg.solve(A.T @ A, A.T @ seg)
    return np.sqrt(max(np.mean((seg - A @ coef) ** 2), 0) / np.mean(seg ** 2))


def estimate(seg, guesses):
    """Frequencies of len(guesses) sinusoids near the guesses (Hz), by coordinate
    descent on the least-squares residual, coarse then fine."""
    fs = list(guesses)
    for span, step in ((2.0, 0.1), (0.1, 0.005), (0.005, 0.0005)):
        for _ in range(2 if len(fs) > 1 else 1):
            for i in range(len(fs)):
                grid = fs[i] + np.arange(-span, span + step / 2, step)
                res = [fit(seg, fs[:i] + [g] + fs[i + 1:]) for g in grid]
                fs[i] = float(grid[int(np.argmin(res))])
    return fs


import seed_offline  # noqa: E402  (examples/seed_offline.py)

out = os.path.join(tmp, "seed.wav")
sess = seed_offline.build()
x = None
try:
    sess.render(out)
    x, sr = sf.read(out, dtype="float64", always_2d=True)
    check(sr == SR and x.shape[1] == 2, "seed render: %s Hz, %d channels" % (sr, x.shape[1]))
except RenderError as e:
    check(False, "seed render failed: %s" % e)

# running the example script itself
r = subprocess.run([sys.executable, os.path.join(SRC, "examples", "seed_offline.py"), os.path.join(tmp, "ex.wav")],
                   capture_output=True, text=True,
                   env=dict(os.environ, PYTHONPATH=os.path.join(SRC, "python"), PYTHONDONTWRITEBYTECODE="1"))
check(r.returncode == 0 and os.path.exists(os.path.join(tmp, "ex.wav")), "examples/seed_offline.py runs: %s" % r.stderr)

if x is not None:
    L, R = x[:, 0], x[:, 1]
    check(np.all(R == 0), "channel 2 silent (outch 1 only)")
    dur = len(L) / SR
    check(abs(dur - 5.5) < 0.01, "render lasts 5.5 s (1.5 + 4): %.4f" % dur)
    report = []
    # event 0 alone, gliding (overtake: from its current 60) to B3 over 2 s: kmidi = 60 - t/2
    for tc in (0.25, 0.75, 1.25):
        seg = L[int((tc - 0.1) * SR):int((tc + 0.1) * SR)]
        f, = estimate(seg, [mtof(60 - tc / 2)])
        m = ftom(f)
        report.append("%.2f s: %s (%.3f)" % (tc, mton(m), m))
        check(abs(m - (60 - tc / 2)) < 0.01, "event 0 glides C4 -> B3: kmidi %.3f at %.2f s, want %.3f"
              % (m, tc, 60 - tc / 2))
    # 1.5-2 s: three notes; 2-3 s: 4G and 4G+10 (event 0 is over)
    seg = L[int(1.55 * SR):int(1.95 * SR)]
    f0, f1, f2 = estimate(seg, [mtof(59.125), mtof(67), mtof(67.1)])
    check(abs(ftom(f1) - 67) < 0.02 and abs(ftom(f2) - 67.1) < 0.02 and 59.0 < ftom(f0) < 59.3,
          "1.55-1.95 s: three notes %s" % [round(ftom(f), 3) for f in (f0, f1, f2)])
    for (t0, t1, want) in ((2.05, 2.95, (67, 67.1)), (3.05, 3.95, (67.2, 67.1)), (4.05, 5.45, (67.2, 80))):
        seg = L[int(t0 * SR):int(t1 * SR)]
        fs = estimate(seg, [mtof(w) for w in want])
        ms = [ftom(f) for f in fs]
        report.append("%.2f-%.2f s: %s" % (t0, t1, ", ".join("%s (%.3f)" % (mton(m), m) for m in ms)))
        check(all(abs(m - w) < 0.005 for m, w in zip(ms, want)),
              "%.2f-%.2f s: notes %s, want %s" % (t0, t1, [round(m, 4) for m in ms], want))
        check(fit(seg, [mtof(w) for w in want]) < 1e-3, "%.2f-%.2f s: nothing but %s sounds (residual %.2g)"
              % (t0, t1, want, fit(seg, [mtof(w) for w in want])))
    # the uncorrected pitches do not fit: event 1 is no longer 4G after 3 s
    check(fit(L[int(3.05 * SR):int(3.95 * SR)], [mtof(67), mtof(67.1)]) > 0.05, "event 1 did change at 3 s")
    # amplitude: each note 0.1, so at most 0.2 with two, 0.3 with three
    check(0.19 < np.max(np.abs(L[int(2.1 * SR):int(2.9 * SR)])) <= 0.2 + 1e-6, "two notes of 0.1")
    print("pitch over time: " + "; ".join(report))

# the uncorrected seed (mtof:k(kfreq)): ondes' own error names kfreq
bad = OfflineSession(sr=44100, nchnls=2)
bad.defInstr("saw", r'''
  kmidi = p5
  outch 1, oscili:a(0.1, mtof:k(kfreq))
''')
bad.sched("saw", 0, 2, kmidi=ntom("C4"))
e = raises(RenderError, bad.render, os.path.join(tmp, "bad.wav"))
check(e is not None and "kfreq" in str(e) and "undefined" in str(e), "uncorrected seed: RenderError %r" % (str(e),))
if e is not None:
    print("uncorrected seed: %s" % str(e).splitlines()[0])
# and scheduling with the wrong parameter name is refused before anything is written
e = raises(ValueError, bad.sched, "saw", 0, 2, kfreq=60)
check(e is not None and "kfreq" in str(e) and "'saw'" in str(e), "sched kfreq=: %s" % e)

# a table written, then read back by an instrument (table 1 via tab:k / table)
ts = OfflineSession(sr=48000, nchnls=1, ksmps=16)
tab = ts.makeTable([0.25, 0.5])
ts.defInstr("rd", "kidx = p5\nout a(table:k(kidx, %d))" % tab.tabnum)
ts.sched("rd", 0, 0.1, kidx=1)
try:
    ts.render(os.path.join(tmp, "tab.wav"))
    y, _ = sf.read(os.path.join(tmp, "tab.wav"), always_2d=True)
    check(abs(y[100, 0] - 0.5) < 1e-6, "makeTable data read by the instrument: %r" % y[100, 0])
except RenderError as e:
    check(False, "table render: %s" % e)

# readSoundfile + playSample (the library's sampler instrument, found through $ONDES_INSTRDIR)
ps = OfflineSession(sr=48000, nchnls=2)
wav = os.path.join(SRC, "tests", "data", "tone_mono.wav")
smp = ps.readSoundfile(wav)
ev = ps.playSample(smp, delay=0.1, gain=0.8)
check(smp.duration > 0 and abs(ev.dur - smp.duration) < 1e-9, "table duration known: %r" % smp)
try:
    ps.render(os.path.join(tmp, "smp.wav"))
    y, _ = sf.read(os.path.join(tmp, "smp.wav"), always_2d=True)
    nz = np.nonzero(np.abs(y[:, 0]) > 1e-6)[0]
    check(len(nz) and abs(nz[0] / 48000 - 0.1) < 0.002 and np.allclose(y[:, 0], y[:, 1]),
          "playSample plays the file from 0.1 s, centred")
except RenderError as e:
    check(False, "playSample render: %s" % e)

# ---------------------------------------------------------------- named parameters
# tests/data/param_cases.txt is also read by tests/unit/test_lang.c: the client
# and the compiler find the same parameters, with the same p-fields and rates
def param_cases(path):
    cases, title, body = [], None, None
    with open(path) as f:
        for line in f:
            if body is None:
                if line.startswith("== "):
                    title, body = line[3:].strip(), []
            elif line.startswith("->"):
                cases.append((title, "".join(body), line[2:].split()))
                body = None
            else:
                body.append(line)
    return cases


cases = param_cases(os.path.join(SRC, "tests", "data", "param_cases.txt"))
check(len(cases) >= 10, "parameter cases read: %d" % len(cases))
for title, body, want in cases:
    ins = ondes.Instr("pc", body)
    got = ["%s=p%d:%s" % (k, ins.params[k], ins.paramRates[k]) for k in ins.params]
    check(got == want, "param case %r: got %s, want %s" % (title, got, want))

# `kx init p5` (the bug: the client took it, the compiler did not): sched gives
# it by name and the render uses it; set/automate of it are refused, naming it
ns = OfflineSession(sr=48000, nchnls=1, ksmps=16)
ns.defInstr("np", "kx init p5\nix = p6\nky = p7\nout a(kx + ix + ky)", args={"ix": 0.125})
check(ns.instrs["np"].dynamicParamNames() == {"ky"}, "dynamic parameters: %r" % ns.instrs["np"].dynamicParamNames())
nev = ns.sched("np", 0, 0.5, kx=0.25, ky=0.0625)
for fn, a, k in ((nev.set, (), {"kx": 1}), (nev.automate, ("ix", (0, 0, 1, 1)), {})):
    e = raises(ValueError, fn, *a, **k)
    name = k and "kx" or "ix"
    check(e is not None and ("parameter %r" % name) in str(e) and "i-time" in str(e) and "ky" in str(e)
          and ("init p5" in str(e) or "= p6" in str(e)), "%s of an i-time parameter: %s" % (fn.__name__, e))
nev.set(delay=0.25, ky=0.5)
try:
    ns.render(os.path.join(tmp, "np.wav"))
    y, _ = sf.read(os.path.join(tmp, "np.wav"), always_2d=True)
    check(abs(y[100, 0] - 0.4375) < 1e-6 and abs(y[int(0.4 * 48000), 0] - 0.875) < 1e-6,
          "init and i-variable parameters by name, a k-rate one set: %r %r" % (y[100, 0], y[int(0.4 * 48000), 0]))
except RenderError as e:
    check(False, "named parameters render: %s" % e)
# the engine refuses it too (what a client without the check would send)
ns._command("/set", [nev.id, "kx", 1], 0.3, nev)
e = raises(RenderError, ns.render, os.path.join(tmp, "np2.wav"))
check(e is not None and "parameter 'kx'" in str(e) and "i-time" in str(e), "the engine refuses /set kx: %s" % e)

# the binary is found through $ONDES
check(ondes.find_ondes() == os.environ.get("ONDES", ondes.find_ondes()), "find_ondes honours $ONDES")


# ---------------------------------------------------------------- examples/sonify.py --render
def sonify_tests():
    csvpath = os.path.join(SRC, "examples", "data", "temperature.csv")
    import csv
    rows = list(csv.reader(open(csvpath)))
    vals = np.array([float(r[-1]) for r in rows[1:] if r])
    check(rows[0] and len(vals) >= 90, "temperature.csv: a header and ~100 rows (%d)" % len(vals))
    out = os.path.join(tmp, "sonify.wav")
    # notes 0.1 s + 0.25 s release, one every 0.4 s: silence between them, so onsets are clear
    step, sr_ = 0.4, 22050
    r = subprocess.run([sys.executable, os.path.join(SRC, "examples", "sonify.py"), csvpath, "--render", out,
                        "--step", str(step), "--dur", "0.1", "--sr", str(sr_)], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=os.path.join(SRC, "python"), PYTHONDONTWRITEBYTECODE="1"))
    check(r.returncode == 0 and os.path.exists(out), "examples/sonify.py --render runs: %s" % r.stderr)
    if r.returncode != 0 or not os.path.exists(out):
        return
    y, sr = sf.read(out, dtype="float64", always_2d=True)
    L = y[:, 0]
    check(sr == sr_ and abs(len(L) / sr - ((len(vals) - 1) * step + 0.35)) < 0.05,
          "sonify render: %d Hz, %.3f s" % (sr, len(L) / sr))
    hop = 64
    env = np.abs(L[:len(L) // hop * hop]).reshape(-1, hop).max(axis=1)
    on = env > 1e-4
    rises = np.nonzero(on[1:] & ~on[:-1])[0] + 1
    if on[0]:
        rises = np.r_[0, rises]
    per = np.bincount((rises * hop / sr / step + 0.01).astype(int), minlength=len(vals))
    check(len(per) == len(vals) and np.all(per == 1), "one note onset per row: %d onsets, per row %d..%d"
          % (len(rises), per.min(), per.max()))
    check(np.all(np.abs(rises * hop / sr - np.arange(len(rises)) * step) < 0.005) if len(rises) == len(vals) else False,
          "onsets every %g s" % step)
    est = []
    for i in range(len(vals)):
        n = int(0.08 * sr)
        seg = L[int((i * step + 0.02) * sr):][:n] * np.hanning(n)
        S = np.abs(np.fft.rfft(seg, 1 << 16))
        f = np.fft.rfftfreq(1 << 16, 1 / sr)
        k = np.argmax(S * ((f > 100) & (f < 1200)))
        est.append(ftom(f[k]))
    est = np.array(est)
    c = np.corrcoef(vals, est)[0, 1]
    want = 48 + 36 * (vals - vals.min()) / (vals.max() - vals.min())
    check(c > 0.9, "sonify: pitch follows the data (correlation %.4f)" % c)
    check(np.max(np.abs(est - want)) < 0.1, "sonify: each note at 48 + 36 x (max error %.3f semitones)"
          % np.max(np.abs(est - want)))
    print("sonify: %d notes, correlation value/pitch %.4f, max pitch error %.3f semitones"
          % (len(vals), c, np.max(np.abs(est - want))))


sonify_tests()

# ---------------------------------------------------------------- live Session (private dummy jackd)
def live_tests():
    import shutil
    if not shutil.which("jackd") or not shutil.which("jack_lsp"):
        print("SKIP live Session tests: jackd not installed")
        return
    from ondes import Session, CompileError
    server = "ondes-py-%d" % os.getpid()
    env = dict(os.environ, JACK_DEFAULT_SERVER=server, JACK_NO_AUDIO_RESERVATION="1", JACK_NO_START_SERVER="1")
    procs = []
    try:
        j = subprocess.Popen(["jackd", "-n", server, "--no-realtime", "-d", "dummy", "-r", "48000", "-p", "256"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(j)
        deadline = time.time() + 15
        while time.time() < deadline:
            r = subprocess.run(["jack_lsp"], env=env, capture_output=True)
            if r.returncode == 0 and b"system:playback" in r.stdout:
                break
            time.sleep(0.1)
        else:
            print("SKIP live Session tests: jackd did not start")
            return
        sk = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sk.bind(("127.0.0.1", 0))
        port = sk.getsockname()[1]
        sk.close()
        rec, evs = os.path.join(tmp, "live.wav"), os.path.join(tmp, "live.events")
        log = open(os.path.join(tmp, "live.log"), "w")
        o = subprocess.Popen([os.environ.get("ONDES", "ondes"), "--no-connect", "--port", str(port),
                              "--record", rec, "--record-events", evs], env=env, stdout=log, stderr=subprocess.STDOUT)
        procs.append(o)
        sess = None
        deadline = time.time() + 10
        while sess is None and time.time() < deadline:
            try:
                sess = Session(port=port, timeout=5)
            except ConnectionError:
                time.sleep(0.1)
        check(sess is not None, "Session connects to a running ondes")
        if sess is None:
            return
        e = raises(CompileError, sess.defInstr, "bad", "a1 oscilx 1, 440")
        check(e is not None and re.search(r"\b1:4: error", str(e)) and "oscilx" in str(e),
              "CompileError with line:col: %s" % e)
        sess.defInstr("saw", "kmidi = p5\noutch 1, oscili:a(0.1, mtof:k(kmidi))")
        check(raises(ValueError, sess.sched, "saw", 0, 1, kfreq=60) is not None, "live: unknown parameter refused")
        sess.chnset("cut", 2.5)
        check(sess.chnget("cut") == 2.5, "live: chnset then chnget")
        check(raises(KeyError, sess.chnget, "nochannel") is not None, "live: chnget of a missing channel raises")
        ev = sess.sched("saw", 0, -1, kmidi=69)
        time.sleep(0.6)
        ev.set(kmidi=81)
        time.sleep(0.6)
        ev.automate("kmidi", (0, 81, 0.3, 69), delay=0.2)
        time.sleep(0.8)
        ev.stop()
        with sess.lock():
            a = sess.sched("saw", 0, 0.3, kmidi=60)
            b = sess.sched("saw", 0, 0.3, kmidi=64)
        check(sess.sync(), "/sync answered")
        time.sleep(0.5)
        check(sess.fails() == [], "no /fail replies")
        sess.client.send(osc.Message("/quit"))
        sess.close()
        try:
            o.wait(10)
        except subprocess.TimeoutExpired:
            pass
        text = open(evs).read() if os.path.exists(evs) else ""
        sl = [l for l in text.splitlines() if "/sched %d " % a.id in l or "/sched %d " % b.id in l]
        check(len(sl) == 2 and sl[0].split()[0] == sl[1].split()[0] and sl[0].startswith("@"),
              "lock(): both notes start on the same frame: %r" % sl)
        if os.path.exists(rec):
            y, sr = sf.read(rec, dtype="float64", always_2d=True)
            L = y[:, 0]
            nz = np.nonzero(np.abs(L) > 1e-6)[0]
            if len(nz):
                s0 = nz[0] / sr

                def f_at(t0, t1):
                    seg = L[int((s0 + t0) * sr):int((s0 + t1) * sr)]
                    return ftom(estimate_sr(seg, sr, mtof(69 if abs(t0 - 0.3) < 0.2 else 81)))
                m1, m2 = f_at(0.1, 0.5), f_at(0.7, 1.1)
                check(abs(m1 - 69) < 0.01 and abs(m2 - 81) < 0.01, "live: 4A then 5A after set: %.3f %.3f" % (m1, m2))
            else:
                check(False, "live recording is silent")
        else:
            check(False, "no live recording: %s" % open(log.name).read())
        start_tests(env)
    finally:
        for p in reversed(procs):
            stop(p)


def start_tests(env):
    """Session(start=True) against the private jackd (env names it), its errors,
    and examples/live_melody.py."""
    from ondes import Session
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)          # Session(start=True) passes os.environ on to ondes
    try:
        t0 = time.time()
        try:
            s2 = Session(start=True, port=None, args=["--no-connect"])
        except ConnectionError as e:
            s2 = None
            check(False, "Session(start=True) starts ondes: %s" % e)
        if s2 is not None:
            p = s2.proc
            check(p is not None and p.poll() is None and time.time() - t0 < 10, "ondes started and answers /sync")
            # a second one on the same port: refused with a clear error, ours untouched
            e = raises(ConnectionError, Session, start=True, port=s2.port)
            check(e is not None and "already in use" in str(e), "port taken: %s" % e)
            s2.defInstr("t", "kmidi = p5\noutch 1, oscili:a(0.1, mtof:k(kmidi))")
            s2.sched("t", 0, 0.1, kmidi=60)
            s2.sched("sine", 0, 0.1, kamp=0.1, kmidi=60, kpan=0.5)
            check(s2.sync() and s2.fails() == [], "the started ondes plays")
            s2.close()
            check(p.poll() is not None, "close() stops the ondes it started (status %r)" % p.poll())
            with Session(start=True, port=None, args=["--no-connect"]) as s3:
                p = s3.proc
            check(p.poll() is not None, "leaving the with block stops it")
        # a port held by another socket: ondes' own message
        k = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        k.bind(("127.0.0.1", 0))
        busy = k.getsockname()[1]
        e = raises(ConnectionError, Session, start=True, port=busy)
        k.close()
        check(e is not None and "cannot open the OSC server" in str(e), "port held: ondes' message: %s" % e)
        # stopped at interpreter exit
        code = ("import ondes, sys; s = ondes.Session(start=True, port=None, args=['--no-connect']); "
                "print(s.proc.pid); sys.stdout.flush()")
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30,
                           env=dict(os.environ, PYTHONPATH=os.path.join(SRC, "python")))
        pid = int(r.stdout.split()[0]) if r.returncode == 0 and r.stdout.split() else 0
        alive = True
        if pid:
            try:
                os.kill(pid, 0)
            except OSError:
                alive = False
        check(pid and not alive, "ondes stopped at interpreter exit (pid %r): %s" % (pid, r.stderr))
        # examples/live_melody.py, starting its own ondes on the private jackd
        sk = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sk.bind(("127.0.0.1", 0))
        port = sk.getsockname()[1]
        sk.close()
        r = subprocess.run([sys.executable, os.path.join(SRC, "examples", "live_melody.py"), "--start",
                            "--port", str(port), "--tempo", "600"], capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, PYTHONPATH=os.path.join(SRC, "python"), PYTHONDONTWRITEBYTECODE="1"))
        check(r.returncode == 0, "examples/live_melody.py --start plays without /fail: %s%s" % (r.stdout, r.stderr))
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    # no JACK server: ondes' own message
    e = raises(ConnectionError, Session, start=True, port=None,
               env=dict(os.environ, JACK_DEFAULT_SERVER="ondes-py-none-%d" % os.getpid(), JACK_NO_START_SERVER="1"))
    check(e is not None and "cannot connect to a JACK server" in str(e), "no JACK server: %s" % e)
    if e is not None:
        print("no JACK server: %s" % str(e).splitlines()[0])


def estimate_sr(seg, sr, guess):
    """Frequency of one sinusoid near guess (Hz) from upward zero crossings."""
    sgn = np.signbit(seg)
    idx = np.nonzero(sgn[:-1] & ~sgn[1:])[0]
    pos = idx + seg[idx] / (seg[idx] - seg[idx + 1])
    return (len(pos) - 1) / ((pos[-1] - pos[0]) / sr) if len(pos) > 2 else 0.0


live_tests()

finish()
