#!/usr/bin/env python3
"""test_queues.py — the queues between clients and the audio thread, live (issue 11, items 6–9 and 12):
every refusal of a burst answered and counted, with any number of clients; a /score queued whole or
not at all, each note on its recorded frame; control commands never locked out by notes waiting for
the future, refused commands never recorded, /panic clearing pending notes; /kill and /stop of a note
not yet begun; time tags and times beyond the horizon refused.  Runs a private dummy jackd
(tests/livekit.py); the offline checks need none."""
import os
import re
import socket
import struct
import subprocess
import sys
import time

import numpy as np
import soundfile as sf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402
from livekit import ONDES, SR, Client, fails, free_port, kill_jacks, osc, start_jack, start_ondes, status, tmp  # noqa: E402,E501

VOICES, REFUSED = 0, 6   # /status.reply fields


def drain(clients, quiet=1.0, limit=20.0):
    """Read every client's replies until none has had one for `quiet` seconds."""
    end, last = time.time() + limit, time.time()
    while time.time() < end and time.time() - last < quiet:
        got = False
        for c in clients:
            while c.srv.recv(0):
                got = True
        if got:
            last = time.time()
        else:
            time.sleep(0.01)


def refusals(fs):
    """How many refusals some /fails stand for (a coalesced one says 'and N more')."""
    n = 0
    for a in fs:
        m = re.search(r"and (\d+) more refusals", a[1])
        n += 1 + (int(m.group(1)) if m else 0)
    return n


def define(c, name, body):
    c.send("/instr/def", name, body)
    return c.wait_for("/done", 5.0, lambda a: a[1] == name) is not None


def sched(i, delay, dur, freq=220.0, amp=0.1):
    return osc.Message("/sched", i, "tone", float(delay), float(dur), float(amp), float(freq), types="isdddd")


def tcp_send(port, msgs):
    t = socket.create_connection(("127.0.0.1", port), timeout=5)
    for m in msgs:
        t.sendall(struct.pack(">I", len(m)) + m)
    return t


def tcp_replies(t, secs):
    """The replies on a TCP connection within secs: [(address, raw)]."""
    out, buf, end = [], b"", time.time() + secs
    t.settimeout(0.1)
    while time.time() < end:
        try:
            d = t.recv(65536)
            if not d:
                break
            buf += d
        except socket.timeout:
            pass
        while len(buf) >= 4 and len(buf) - 4 >= struct.unpack(">I", buf[:4])[0]:
            n = struct.unpack(">I", buf[:4])[0]
            pkt, buf = buf[4:4 + n], buf[4 + n:]
            out.append((pkt[:pkt.index(b"\0")].decode(), pkt))
    return out


def quit_and_compare(c, proc, rec, events, what):
    """/quit, then render the recorded event list offline: bit-identical to the live recording."""
    c.send("/quit")
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        check(False, "%s: ondes stops on /quit" % what)
        return
    live, _ = sf.read(rec, dtype="float32", always_2d=True)
    out = os.path.join(tmp, "re-%s.wav" % what.replace(" ", "_"))
    r = subprocess.run([ONDES, "--render", out, "--bits", "32f", "--duration", repr(len(live) / SR), events],
                       capture_output=True, text=True, timeout=120)
    check(r.returncode == 0, "%s: the recorded event list renders: %s" % (what, r.stderr[-300:]))
    if r.returncode == 0:
        off, _ = sf.read(out, dtype="float32", always_2d=True)
        n = min(len(live), len(off))
        check(len(live) == len(off) and np.array_equal(live[:n], off[:n]) and np.abs(live).max() > 0.01,
              "%s: the live recording and the re-render are bit-identical (%d vs %d frames, max diff %g, peak %g)"
              % (what, len(live), len(off), float(np.abs(live[:n] - off[:n]).max()) if n else -1,
                 float(np.abs(live).max()) if len(live) else 0))


# ---- offline: times beyond the horizon (24 h) are errors, not a render that never ends or an empty file
for sco, what in (("i 1 1e300 1\n", "a note at 1e300 s"), ("i 1 0 1\ne 1e300\n", "e at 1e300 s"),
                  ("i 1 700000 1\n", "a note at 700000 s (past a week)")):
    d = os.path.join(tmp, "h.csd")
    with open(d, "w") as f:
        f.write("<CsoundSynthesizer><CsInstruments>\nsr = 48000\nksmps = 32\nnchnls = 1\n0dbfs = 1\n"
                "instr 1\nout oscili(0.1, 440)\nendin\n</CsInstruments><CsScore>\n%s</CsScore>"
                "</CsoundSynthesizer>\n" % sco)
    out = os.path.join(tmp, "h.wav")
    if os.path.exists(out):
        os.unlink(out)
    try:
        r = subprocess.run([ONDES, "--render", out, d], capture_output=True, text=True, timeout=10)
        check(r.returncode != 0 and "horizon" in r.stderr,
              "%s: an error naming the horizon (rc %d): %s" % (what, r.returncode, r.stderr.strip()[-200:]))
    except subprocess.TimeoutExpired:
        check(False, "%s: an error at once, not a render of hours" % what)
for line, what in (('1e300 /sched 1 "sine" 0 1\n', "an event list's line at 1e300 s"),
                   ('@99999999999999 /sched 1 "sine" 0 1\n', "an event list's line at frame 1e14")):
    evf = os.path.join(tmp, "far.events")
    with open(evf, "w") as f:
        f.write(line)
    try:
        r = subprocess.run([ONDES, "--render", os.path.join(tmp, "e.wav"), evf], capture_output=True, text=True,
                           timeout=10)
        check(r.returncode != 0 and "far.events:1:1:" in r.stderr and "horizon" in r.stderr,
              "%s: an error at its line naming the horizon: %s" % (what, r.stderr.strip()[-200:]))
    except subprocess.TimeoutExpired:
        check(False, "%s: an error at once, not a render of years" % what)
try:
    r = subprocess.run([ONDES, "--render", os.path.join(tmp, "d.wav"), "--duration", "1e6", d], capture_output=True,
                       text=True, timeout=10)
    check(r.returncode != 0 and "604800" in r.stderr, "--duration 1e6: refused with its maximum: %s" % r.stderr.strip())
except subprocess.TimeoutExpired:
    check(False, "--duration 1e6: refused at once, not a render of days")

try:
    j = start_jack()

    # ---- item 6: 21 000 notes on one frame with 8 voices: every one of the 20 992 refusals answered, and counted
    port = free_port()
    ondes, log = start_ondes(port, "--voices", "8")
    a = Client(port)
    check(a.ready(), "ondes answers")
    check(define(a, "tone", "out oscili(p4, p5)\n"), "/instr/def tone")
    r0 = status(a)
    at = time.time() + 2.0
    N = 21000
    for k in range(0, N, 100):   # bundles of 100, all with one time tag: one frame
        a.send_raw(osc.encode_bundle(at, [sched(1 + i, 0, 0.05) for i in range(k, k + 100)]))
        while a.srv.recv(0):
            pass
    time.sleep(max(0, at - time.time()))
    end = time.time() + 30   # (a loaded machine may take a while to send 14 000 datagrams)
    while time.time() < end and refusals([x for p, x in a.got if p == "/fail"]) < N - 8:
        drain([a], quiet=0.2, limit=1.0)
    drain([a], quiet=0.5)
    fa = fails(a)
    n = refusals(fa)
    check(n == N - 8 and all(x[0] == "/sched" for x in fa),
          "%d notes on one frame, 8 voices: /fails answering %d refusals (want %d) in %d messages"
          % (N, n, N - 8, len(fa)))
    check(all("no free voice" in x[1] for x in fa), "each says why: %r" % (fa[-1:],))
    r1 = status(a)
    check(r0 and r1 and r1[REFUSED] - r0[REFUSED] == N - 8,
          "/status counts every refusal: %r → %r (want +%d)" % (r0 and r0[REFUSED], r1 and r1[REFUSED], N - 8))

    # ---- item 6: 80 clients, each refused later by the engine: each hears its own /fail
    for i in range(8):
        a.send("/sched", 50 + i, "tone", 0.0, -1.0, 0.01, 200.0)   # the pool: full, held
    a.send("/sync", 1)
    a.wait_for("/synced", 2.0)
    many = [Client(port) for _ in range(80)]
    for i, c in enumerate(many):
        c.send("/sched", 100 + i, "tone", 0.5, 0.1, 0.01, 300.0)
    time.sleep(0.8)
    drain(many, quiet=0.5)
    heard = [len(fails(c, lambda x: "no free voice" in x[1] and "event %d " % (100 + many.index(c)) in x[1]))
             for c in many]
    check(heard == [1] * 80, "80 clients, each note refused at its start: each client hears its own /fail "
          "(clients without one: %r)" % [i for i, h in enumerate(heard) if h != 1])
    for c in many:
        c.srv.free()
    a.send("/panic")

    # ---- item 9: /kill and /stop reach a note waiting to start: it never plays, and no /fail
    a.send("/sched", 900, "tone", 0.5, 0.3, 0.01, 300.0)
    a.send("/sched", 901, "tone", 0.5, 0.3, 0.01, 300.0)
    time.sleep(0.05)
    a.send("/kill", 900)
    a.send("/stop", 901)
    time.sleep(0.65)
    r = status(a)
    drain([a], quiet=0.2)
    f = fails(a)
    check(r and r[VOICES] == 0 and not f,
          "/kill and /stop of notes waiting to start cancel them: %r voices, fails %r" % (r and r[VOICES], f))
    a.send("/set", 900, "p4", 0.1)
    m = a.wait_for("/fail", 2.0, lambda x: x[0] == "/set")
    check(m is not None, "the cancelled note is gone (/set of it: %r)" % (m,))
    a.send("/quit")
    ondes.wait(10)

    # ---- item 8: 65 536 notes 1000 s ahead fill the queue; control commands still work, a refused
    # command is not recorded, /panic clears the pending notes
    port = free_port()
    ev8 = os.path.join(tmp, "full.events")
    ondes, log = start_ondes(port, "--voices", "8", "--record-events", ev8)
    a = Client(port)
    check(a.ready(), "ondes answers")
    check(define(a, "tone", "out oscili(p4, p5)\n"), "/instr/def tone")
    for k in range(0, 65536, 64):
        a.send_raw(osc.encode_bundle(osc.IMMEDIATELY, [sched(10000 + i, 1000, 0.1) for i in range(k, k + 64)]))
        if k % 4096 == 0:
            while a.srv.recv(0):
                pass
    a.send("/sync", 2)
    check(a.wait_for("/synced", 5.0, lambda x: x[0] == 2) is not None, "/sync answered with the queue full")
    drain([a], quiet=0.3)
    check(not fails(a), "65 536 pending notes: all taken")
    a.send("/sched", 5, "tone", 1000.0, 0.1, 0.1, 220.0)   # one more note for later: the queue is full
    m = a.wait_for("/fail", 2.0)
    check(m is not None and m[0] == "/sched" and "queue is full" in m[1], "a note beyond the queue: /fail %r" % (m,))
    r = status(a)
    check(r is not None, "/status answered with the queue full: %r" % (r,))
    a.send("/sched", 6, "tone", 0.0, 0.5, 0.05, 330.0)     # a note for now still plays
    time.sleep(0.1)
    r = status(a)
    check(r and r[VOICES] == 1, "a note for now plays with the queue full: %r" % (r,))
    a.send("/kill", 6)
    a.send("/kill", 10000)                                  # a pending one
    a.send("/stop", 10001)
    a.send("/sync", 3)
    check(a.wait_for("/synced", 2.0, lambda x: x[0] == 3) is not None and not fails(a),
          "/kill and /stop with the queue full, of playing and pending notes: no /fail (%r)" % fails(a))
    a.send("/panic")
    a.send("/sync", 4)
    a.wait_for("/synced", 2.0, lambda x: x[0] == 4)
    a.send("/sched", 7, "tone", 900.0, 0.1, 0.1, 220.0)    # /panic emptied the queue: room again
    a.send("/sync", 5)
    check(a.wait_for("/synced", 2.0, lambda x: x[0] == 5) is not None and not fails(a),
          "after /panic the pending notes are gone: a note for later is taken (%r)" % fails(a))
    a.send("/set", 10002, "p4", 0.1)
    m = a.wait_for("/fail", 2.0, lambda x: x[0] == "/set")
    check(m is not None, "a pending note /panic cleared is gone: /set of it fails: %r" % (m,))
    a.send("/quit")
    ondes.wait(15)
    lines = open(ev8).read().splitlines()
    check(not any(re.search(r"/sched 5 ", l) for l in lines) and any(re.search(r"/sched 7 ", l) for l in lines),
          "the refused /sched is not recorded, the taken one is")

    # ---- item 7: a /score is checked whole: an error on line 2 and nothing of it plays or is recorded;
    # a long /score (20 000 notes, TCP) is taken whole, every note on its recorded frame
    port = free_port()
    rec7, ev7 = os.path.join(tmp, "score.wav"), os.path.join(tmp, "score.events")
    ondes, log = start_ondes(port, "--voices", "1024", "--tcp", "--record", rec7, "--record-events", ev7)
    a = Client(port)
    check(a.ready(), "ondes answers")
    check(define(a, "tone", "out oscili(p4, p5)\n"), "/instr/def tone")
    a.send("/score", 'i "tone" 0 0.5 0.1 440\ni "nosuch" 0 0.5 0.1 440\n')
    m = a.wait_for("/fail", 2.0)
    time.sleep(0.1)
    r = status(a)
    check(m is not None and m[0] == "/score" and "nosuch" in m[1] and r and r[VOICES] == 0,
          "/score with an unknown instrument on line 2: /fail, and line 1 did not play: %r %r" % (m, r))
    # 600 statements at once (past 512), then 20 000 over TCP
    a.send("/score", "".join('i "tone" %g 0.05 0.0004 %d\n' % ((k % 7) * 0.001, 200 + k) for k in range(600)))
    big = "".join('i "tone" %.4f 0.004 0.001 %d\n' % (0.3 + k * 0.0001, 300 + k % 500) for k in range(20000))
    t = tcp_send(port, [osc.encode_message("/score", [big]), osc.encode_message("/sync", [77])])
    rep = tcp_replies(t, 5.0)
    t.close()
    check(("/synced", ) == tuple(x[0] for x in rep[:1]) and not any(x[0] == "/fail" for x in rep),
          "a /score of 20 000 notes over TCP: taken whole, no /fail (%r)" % [x[0] for x in rep[:3]])
    time.sleep(2.5)
    # pending notes cancelled by /kill, /stop and /panic: the re-render cancels the same ones
    a.send("/sched", 20, "tone", 0.3, 0.2, 0.1, 500.0)
    a.send("/sched", 21, "tone", 0.3, 0.2, 0.1, 600.0)
    a.send("/sched", 22, "tone", 0.4, 0.2, 0.1, 700.0)
    a.send("/sched", 23, "tone", 0.0, 1.0, 0.1, 800.0)
    a.send("/kill", 20)
    a.send("/stop", 21)
    time.sleep(0.1)
    a.send("/panic")
    a.send("/sched", 24, "tone", 0.2, 0.2, 0.1, 900.0)   # after the /panic: plays
    time.sleep(0.6)
    drain([a], quiet=0.2)
    f = fails(a)
    check(not f, "no /fail for the long scores and the cancelled notes: %r" % f[:3])
    ev = open(ev7).read()
    check(ev.count("/score") == 2, "the two scores taken are recorded, the refused one not (%d)" % ev.count("/score"))
    quit_and_compare(a, ondes, rec7, ev7, "long scores and cancelled notes")

    # ---- item 12: a time tag beyond the horizon (0xffffffff.ffffffff): /fail, not recorded
    port = free_port()
    ev12 = os.path.join(tmp, "far.events")
    ondes, log = start_ondes(port, "--record-events", ev12)
    a = Client(port)
    check(a.ready(), "ondes answers")
    far = b"#bundle\0" + struct.pack(">Q", 0xFFFFFFFFFFFFFFFF)
    msg = osc.encode_message("/sched", [1, "sine", 0.0, 0.1])
    a.send_raw(far + struct.pack(">i", len(msg)) + msg)
    m = a.wait_for("/fail", 2.0)
    check(m is not None and m[0] == "/sched" and "horizon" in m[1], "a time tag years ahead: /fail %r" % (m,))
    a.send("/sched", 2, "sine", 90000.0, 0.1)
    m = a.wait_for("/fail", 2.0)
    check(m is not None and "delay" in m[1], "a delay past the horizon: /fail %r" % (m,))
    a.send("/score", 'i "sine" 90000 0.1\n')
    m = a.wait_for("/fail", 2.0)
    check(m is not None and m[0] == "/score" and "horizon" in m[1], "a /score statement past the horizon: /fail %r" % (m,))
    a.send("/quit")
    ondes.wait(10)
    check("/sched" not in open(ev12).read() and "/score" not in open(ev12).read(), "none is recorded")
finally:
    kill_jacks()

finish()
