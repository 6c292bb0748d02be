#!/usr/bin/env python3
"""test_events.py — event lists end to end: /sched with names and positions, /set, /automate,
/stop with release, @FRAME stamps, string p-fields, the instruments library, note memory (--memory); checked by analysing
the rendered audio."""
import os
import sys

import numpy as np

SR = 48000
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, render  # noqa: E402  (tests/checks.py, beside this file)


def freq(x, t0, t1):
    """Frequency of a sine between t0 and t1 seconds, from zero crossings (interpolated)."""
    seg = x[int(t0 * SR):int(t1 * SR)]
    s = np.signbit(seg)
    idx = np.nonzero(s[:-1] & ~s[1:])[0]          # upward crossings
    frac = seg[idx] / (seg[idx] - seg[idx + 1])
    pos = idx + frac
    if len(pos) < 3:
        return 0.0
    return (len(pos) - 1) / ((pos[-1] - pos[0]) / SR)


def mtof(m):
    return 440.0 * 2 ** ((m - 69) / 12)


# /sched with named parameters, /set at a time, /stop with the release of linsegr
x, msg = render("""# a sine at A4, raised an octave at 1 s, stopped at 1.5 s
0     /sched 1 "sine" 0 -1 kamp 0.5 kmidi 69 kpan 0
1     /set 1 kmidi 81
1.5   /stop 1
""", "--duration", "2")
check(x is not None, "render failed: %s" % msg)
if x is not None:
    L = x[:, 0]
    check(abs(freq(L, 0.1, 0.9) - 440) < 0.05, "A4 before /set: %.3f Hz" % freq(L, 0.1, 0.9))
    check(abs(freq(L, 1.1, 1.45) - 880) < 0.1, "A5 after /set: %.3f Hz" % freq(L, 1.1, 1.45))
    check(L[0] == 0 and np.any(L[1:4] != 0), "the note starts on frame 0")
    nz = np.nonzero(np.abs(L) > 1e-7)[0]
    end = nz[-1] / SR
    check(1.5 <= end <= 1.5 + 0.05 + 32 / SR, "release ends 50 ms after /stop: last sound at %.4f s" % end)
    check(abs(np.max(np.abs(L[int(0.2 * SR):int(0.8 * SR)])) - 0.5) < 1e-3, "amplitude 0.5")

# positional p-fields and an @FRAME start, off the block grid
x, msg = render("""@24007 /sched 2 "sine" 0 0.5 0.25 60 1
""", "--duration", "1")
check(x is not None, "render failed: %s" % msg)
if x is not None:
    R = x[:, 1]
    nz = np.nonzero(R)[0]
    check(len(nz) > 0 and nz[0] in (24007, 24008), "starts at frame 24007: first sound at %s" % (nz[:1],))
    check(abs(freq(R, 0.6, 0.95) - mtof(60)) < 0.05, "C4 positional: %.3f" % freq(R, 0.6, 0.95))

# /automate: a linear glide of kmidi from 60 to 72 over 2 s
x, msg = render("""0 /sched 3 "sine" 0 3 kamp 0.5 kmidi 60 kpan 0
0 /automate 3 kmidi 0 60 2 72
""")
check(x is not None, "render failed: %s" % msg)
if x is not None:
    L = x[:, 0]
    f1 = freq(L, 0.95, 1.05)
    check(abs(f1 - mtof(66)) < 1.0, "glide midway at 66: %.2f (want %.2f)" % (f1, mtof(66)))
    f2 = freq(L, 2.3, 2.9)
    check(abs(f2 - mtof(72)) < 0.1, "glide ends at 72: %.2f" % f2)
    # the note ends at 3 s; its linsegr release (50 ms) runs on, as in Csound
    check(abs(len(L) / SR - 3.05) < 32 / SR + 1e-9, "the render lasts until the release ends: %.4f s" % (len(L) / SR))

# /table/read loads a sound file; the library's sampler plays it (mono file, stereo out)
wav = os.path.abspath(os.path.join(os.environ.get("srcdir", "."), "tests", "data", "tone_mono.wav"))
x, msg = render("""0 /table/read 1 "%s"
0 /sched 1 "sampler" 0 0.4 1 1 0.8 0.5
""" % wav)
check(x is not None and np.max(np.abs(x[:, 0])) > 0.05 and np.allclose(x[:, 0], x[:, 1]),
      "/table/read + sampler plays the file: %s" % msg.strip()[-200:])
_, msg = render("""0 /table/read 1 "/nonexistent/file.wav"
""")
check("t.events:1:" in msg and "file.wav" in msg, "/table/read of a missing file: %s" % msg.strip())

# /automate and /set of an event still waiting to start: they wait for it (times from when asked)
x, msg = render("""0 /sched 4 "sine" 1 2 kamp 0.5 kmidi 60 kpan 0
0 /automate 4 kmidi 0 60 2 72
0.5 /set 4 kamp 0.25
""")
check(x is not None, "render failed: %s" % msg)
if x is not None:
    L = x[:, 0]
    f = freq(L, 1.45, 1.55)
    check(abs(f - 440) < 3, "automation of a pending event, midway at 69: %.2f Hz" % f)
    check(abs(freq(L, 2.2, 2.9) - mtof(72)) < 0.2, "and at its end, 72")
    check(abs(np.max(np.abs(L[int(1.2 * SR):int(1.8 * SR)])) - 0.25) < 1e-3, "/set of a pending event: kamp 0.25")

# errors name the file, line and column
_, msg = render("""0 /sched 1 "sine" 0 1 kamp 0.5 kfreq 440
""")
check("t.events:1:" in msg and "no parameter 'kfreq'" in msg and "kmidi" in msg,
      "unknown parameter reported with position and the known names: %s" % msg.strip())
# named parameters (doc/osc.md): `kx init p5` and `ix = p6` are given by /sched,
# only `kx = p5` is changed by /set and /automate while the note plays
PDEF = '0 /instr/def "pt" "kx init p5\\nix = p6\\nky = p7\\nouts a(kx + ix + ky), a(0)"\n'
x, msg = render(PDEF + """0 /sched 1 "pt" 0 0.5 kx 0.25 ix 0.125 ky 0.0625
""")
check(x is not None and abs(x[100, 0] - 0.4375) < 1e-6,
      "/sched gives init and i-variable parameters by name: %s" % (x[100, 0] if x is not None else msg))
x, msg = render(PDEF + """0 /sched 1 "pt" 0 0.5 kx 0.25 ix 0 ky 0
0.1 /set 1 ky 0.5
""")
check(x is not None and abs(x[int(0.3 * SR), 0] - 0.75) < 1e-6, "/set of a k-rate parameter while playing")
for cmd in ("0.1 /set 1 kx 0.5", "0.1 /automate 1 ix 0 0 1 1"):
    _, msg = render(PDEF + '0 /sched 1 "pt" 0 0.5\n' + cmd + "\n")
    name = cmd.split()[3]
    check("t.events:3:" in msg and ("parameter '%s'" % name) in msg and "i-time" in msg and "ky" in msg
          and ("%s cannot" % cmd.split()[1]) in msg,
          "%s of an i-time parameter: %s" % (cmd.split()[1], msg.strip()))
_, msg = render("""0 /sched 1 "nosuch" 0 1
""")
check("t.events:1:" in msg and "unknown instrument 'nosuch'" in msg, "unknown instrument: %s" % msg.strip())
_, msg = render("""0 /sched 1 "sine" 0 1
zero /set 1 kmidi 3
""")
check("t.events:2:1:" in msg, "bad time: %s" % msg.strip())
_, msg = render("""0 /frobnicate 1
""")
check("t.events:1:3:" in msg and "unknown command" in msg, "unknown command: %s" % msg.strip())
_, msg = render("""0 /set 5 kmidi 60
""")
check("no event with id 5" in msg, "set on an unknown id: %s" % msg.strip())

# a voice that produces NaN or infinity is silenced and freed, named, and the rest plays on
x, msg = render("""0 /instr/def "bad" "asig = oscili:a(1, 440) / 0\n outch 1, asig"
0 /sched 1 "sine" 0 1 kamp 0.5 kmidi 69 kpan 0
0.5 /sched 2 "bad" 0 0.5
""")
check(x is not None, "render failed: %s" % msg)
if x is not None:
    check(np.all(np.isfinite(x)), "no NaN or infinity reaches the output")
    check("instr bad" in msg and "NaN or infinity" in msg, "the bad voice is named: %s" % msg.strip())
    check("voices silenced for NaN/inf: 1" in msg, "the report counts it")
    check(abs(freq(x[:, 0], 0.55, 0.95) - 440) < 0.05 and np.max(np.abs(x[int(0.6 * SR):int(0.9 * SR), 0])) > 0.49,
          "the sine plays on beside it")

# the master ceiling: a hard limit at 0 dBFS by default, --ceiling lowers it, clipped samples are counted
loud = """0 /instr/def "loud" "outch 1, oscili:a(4, 100)"
0 /sched 1 "loud" 0 0.5
"""
x, msg = render(loud)
check(x is not None and np.max(np.abs(x)) <= 1.0 and np.max(np.abs(x)) > 0.999, "clipped at 0 dBFS")
check("clipped samples: 0" not in msg and "clipped samples:" in msg, "clipped samples counted: %s" % msg)
x, msg = render(loud, "--ceiling", "-6")
lim = 10 ** (-6 / 20)
check(x is not None and abs(np.max(np.abs(x)) - lim) < 1e-6, "--ceiling -6 limits at %.4f" % lim)

# note memory: a 2-second delay line plays (pluck at 0.5 Hz keeps a 96000-point string, 768 KB; the old
# fixed 64 KiB per voice refused it): its noise comes back 2 s later, once smoothed by the two-point average
# (a correlation of 1/sqrt(2) with white noise), and at no shorter lag
string = '0 /instr/def "string" "a1 pluck 0.3, 0.5, 0.5, 0, 1\\n outch 1, a1"\n'
x, msg = render(string + '0 /sched 1 "string" 0 4.5\n')
check(x is not None and "INIT ERROR" not in msg, "a 2-second string starts: %s" % msg.strip())
if x is not None:
    def corr(t0, t1, lag):
        a, b = x[int(t0 * SR):int(t1 * SR), 0], x[int((t0 + lag) * SR):int((t1 + lag) * SR), 0]
        return float(np.dot(a, b) / np.sqrt(np.dot(a, a) * np.dot(b, b)))
    c2, c1 = corr(0.1, 1.9, 2.0), corr(0.1, 0.9, 1.0)
    check(np.max(np.abs(x[:, 0])) > 0.1 and abs(c2 - 0.707) < 0.05 and abs(c1) < 0.1,
          "the string's period is 2 s: correlation %.3f at 2 s, %.3f at 1 s" % (c2, c1))

# note memory exhausted (--memory 1, or /config memory 1): the second string is refused, named with the
# bytes it asked for and the pool, counted in the report; the first string and a sine play on
notes = string + """0 /sched 1 "string" 0 1
0 /sched 2 "sine" 0 1 kamp 0.5 kmidi 69 kpan 1
0.2 /sched 3 "string" 0 1
"""
for how, events, extra in (("--memory 1", notes, ("--memory", "1")), ("/config memory 1", "0 /config memory 1\n" + notes, ())):
    x, msg = render(events, *extra)
    check(x is not None and "instr string" in msg and "768008 bytes asked" in msg and "of 1.0 MB free" in msg
          and "notes refused (out of note memory: pool 1 MB" in msg and msg.count("bytes asked") == 1,
          "%s: the second string is refused, why said once: %s" % (how, msg.strip()))
    if x is not None:
        check(abs(freq(x[:, 1], 0.3, 0.9) - 440) < 0.05 and np.max(np.abs(x[int(0.3 * SR):int(0.9 * SR), 0])) > 0.05,
              "%s: the sine and the first string play on" % how)


# maxalloc and mute hold for /sched notes too, each refused one named with its reason
x, msg = render("""0 /instr/def "tone" "outch 1, oscili:a(p4, 440)"
0 /instr/def "limits" "maxalloc \\"tone\\", 2\nmute \\"tone\\", p4"
0 /sched 1 "limits" 0 0 1
0 /sched 2 "tone" 0 1 0.1
0 /sched 3 "tone" 0 1 0.1
0 /sched 4 "tone" 0.2 1 0.1
1.2 /sched 5 "limits" 0 0 0
1.3 /sched 6 "tone" 0 0.5 0.1
""", "--duration", "2")
check(x is not None, "render failed: %s" % msg)
if x is not None:
    L = x[:, 0]
    check(abs(np.max(np.abs(L[int(0.3 * SR):int(0.9 * SR)])) - 0.2) < 1e-3,
          "maxalloc 2: two notes sound, not three (peak %.4f)" % np.max(np.abs(L[int(0.3 * SR):int(0.9 * SR)])))
    check(np.max(np.abs(L[int(1.35 * SR):int(1.8 * SR)])) == 0, "a muted instrument's note is not heard")
    check("event 4 (instr tone): 2 notes of it play, its maxalloc; note dropped" in msg,
          "the note over maxalloc is refused with its reason: %s" % msg)
    check("event 6 (instr tone): the instrument is muted (mute); note dropped" in msg,
          "the muted note is refused with its reason: %s" % msg)

# string p-fields by position: quoted or a bare word that is no parameter's form; the text picks the pitch
# (strcmp); a bare word shaped like a parameter name that names none is refused, not taken as text
strorc = r"""0 /orc "instr pick\nkamp = p5\nS1 = p4\nif strcmp(S1, \"high\") == 0 then\nifreq = 880\nelseif strcmp(S1, \"mid.wav\") == 0 then\nifreq = 660\nelse\nifreq = 440\nendif\nouts oscili(kamp, ifreq), oscili(kamp, ifreq)\nendin"
"""
x, msg = render(strorc + """0 /sched 1 pick 0 0.5 "high" 0.5
0.5 /sched 2 pick 0 0.5 mid.wav 0.5
1 /sched 3 pick 0 0.5 "kick" kamp 0.5
""", "--duration", "1.5")
check(x is not None, "string p-fields: render failed: %s" % msg)
if x is not None:
    L = x[:, 0]
    for t0, t1, want in ((0.05, 0.45, 880), (0.55, 0.95, 660), (1.05, 1.45, 440)):
        check(abs(freq(L, t0, t1) - want) < 0.1, "string p-field picks %g Hz: %.3f" % (want, freq(L, t0, t1)))
# a string p-field by name (pN "text"), to a named instrument as to a numbered one; the last value
# given for a p-field wins; a parameter (an i- or k-variable) takes only a number
numorc = strorc.replace("instr pick", "instr 7")
for orc, ins in ((strorc, "pick"), (numorc, "7")):
    x, msg = render(orc + """0 /sched 1 %s 0 0.5 kamp 0.5 p4 "high"
0.5 /sched 2 %s 0 0.5 p4 "mid.wav" p5 0.5
1 /sched 3 %s 0 0.5 "high" 0.5 p4 "low"
""" % (ins, ins, ins), "--duration", "1.5")
    check(x is not None, "string p-fields by name (instr %s): render failed: %s" % (ins, msg))
    if x is not None:
        L = x[:, 0]
        for t0, t1, want in ((0.05, 0.45, 880), (0.55, 0.95, 660), (1.05, 1.45, 440)):
            check(abs(freq(L, t0, t1) - want) < 0.1,
                  "instr %s: string p-field by name picks %g Hz: %.3f" % (ins, want, freq(L, t0, t1)))
x, msg = render(strorc + '0 /sched 1 pick 0 0.5 kamp "loud"\n')
check(x is None and 'the parameter value must be a number, got "loud"' in msg,
      "a parameter given a string is refused: %s" % msg.strip())
x, msg = render(strorc + "0 /sched 1 pick 0 0.5 kick 0.5\n")
check(x is None and "instrument 'pick' has no parameter 'kick'" in msg,
      "a bare word shaped like a parameter name is a name: %s" % msg.strip())

finish()
