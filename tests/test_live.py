#!/usr/bin/env python3
"""test_live.py — ondes as a JACK client driven over OSC by Python's liblo (an OSC
implementation no one here wrote): replies and every /fail, redefinition while playing,
time-tagged bundles starting together to the frame, malformed packets, /quit, and the
JACK server going away.  Runs a private jackd with the dummy backend."""
import os
import signal
import socket
import subprocess
import sys
import time

import numpy as np
import soundfile as sf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402  (tests/checks.py, beside this file)
from livekit import (ONDES, RTCHECK, SR, Client, liblo, osc, env, free_port, kill_jacks, procs, start_jack,  # noqa: E402
                     start_ondes, tmp)


DATA = os.path.join(os.environ.get("srcdir") or os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    "tests", "data")


def freq(x, t0, t1):
    seg = x[int(t0 * SR):int(t1 * SR)]
    s = np.signbit(seg)
    idx = np.nonzero(s[:-1] & ~s[1:])[0]
    if len(idx) < 3:
        return 0.0
    pos = idx + seg[idx] / (seg[idx] - seg[idx + 1])
    return (len(pos) - 1) / ((pos[-1] - pos[0]) / SR)


try:
    start_jack()
    port = free_port()
    rec = os.path.join(tmp, "live.wav")
    # this session runs under the rtcheck probe: nothing the audio thread does may allocate, lock or write
    ondes, log = start_ondes(port, "--record", rec, "--tcp", rtcheck=True)
    c = Client(port)
    check(c.ready(), "ondes answers /sync after starting")
    # OSC listens on 127.0.0.1 only (not every interface) unless --bind says otherwise
    with open("/proc/net/udp") as f:
        local = [l.split()[1] for l in f.readlines()[1:] if l.split()[1].endswith(":%04X" % port)]
    check(local == ["0100007F:%04X" % port], "the OSC socket is bound to 127.0.0.1: %r" % local)

    # every refusal is a /fail naming the address and why
    def fail_of(path, *args):
        c.send(path, *args)
        r = c.wait_for("/fail", 2.0, lambda a: a[0] == path)
        return r[1] if r else None

    m = fail_of("/sched", 1, "nosuch", 0.0, 1.0)
    check(m and "unknown instrument 'nosuch'" in m, "unknown instrument: %r" % m)
    m = fail_of("/sched", 2, "sine", 0.0, 1.0, "kfreq", 3.0)
    check(m and "no parameter 'kfreq'" in m and "kmidi" in m, "unknown parameter: %r" % m)
    m = fail_of("/sched", "x", "sine", 0.0, 1.0)
    check(m and "event id" in m and "number" in m, "a string where the id belongs: %r" % m)
    m = fail_of("/sched", 3, "sine", "soon", 1.0)
    check(m and "delay" in m, "a string where the delay belongs: %r" % m)
    m = fail_of("/set", 77, "kmidi", 60.0)
    check(m and "no event with id 77" in m, "/set of an unknown id: %r" % m)
    m = fail_of("/instr/def", "broken", "kx = 1\na1 oscilx 1, 2\nout a1")
    check(m and m.startswith("2:4:") and "unknown opcode 'oscilx'" in m, "compile error with line:col: %r" % m)
    # every error of the code in one /fail, one a line, each with its line:col, nothing installed
    m = fail_of("/instr/def", "twice", "a1 oscilx 1, 2\nwv = 4\naz fof 1, 2\nout a1")
    check(m == "1:4: error: unknown opcode 'oscilx'\n"
          "2:1: error: variable 'wv': f- and w-rate variables are not supported\n"
          "3:4: error: unknown opcode 'fof'", "all the errors of /instr/def in its /fail: %r" % m)
    m = fail_of("/sched", 9, "twice", 0.0, 0.1)
    check(m and "unknown instrument 'twice'" in m, "code with errors is not installed: %r" % m)
    m = fail_of("/frobnicate", 1)
    check(m and "unknown command" in m, "unknown address: %r" % m)
    m = fail_of("/sched", 4, "sine", 0.0, 1.0, ("b", b"\x01\x02"))
    check(m and "OSC type 'b'" in m, "a blob argument: %r" % m)
    m = fail_of("/chn/get", "nochannel")
    check(m and "no such channel" in m, "/chn/get of a missing channel: %r" % m)

    # replies: /sched -1 gets an id, /instr/def is /done, /status.reply, channels
    c.send("/sched", -1, "sine", 0.0, 0.2, 0.1, 60.0, 0.5)
    r = c.wait_for("/sched/id")
    check(r is not None and r[0] >= 1, "/sched -1 answers /sched/id: %r" % (r,))
    c.send("/notify", 1)
    c.send("/sched", 5, "sine", 0.0, 0.1, 0.1, 60.0, 0.5)
    r = c.wait_for("/event/end", 3.0, lambda a: a[0] == 5)
    check(r is not None, "/event/end 5 after the note ends")
    c.send("/notify", 0)
    # a string p-field reaches the note under the rtcheck probe: compared, formatted, measured and
    # grown past a variable's own buffer (strcat from the pool), all without allocating
    c.send("/instr/def", "strp", 'S1 = p4\nif strcmp(S1, "file.wav") == 0 then\nchnset 7, "strp_seen"\nendif\n'
           'Sn sprintf "%s_%d", S1, 3\nSl = Sn\nicount = 0\nwhile icount < 40 do\nSl strcat Sl, "0123456789"\n'
           'icount += 1\nod\nchnset strlen(Sn) + strlen(Sl), "strp_len"')
    check(c.wait_for("/done", 3.0, lambda a: a[0] == "/instr/def") is not None, "/instr/def strp")
    c.send("/sched", 6, "strp", 0.0, 0.05, "file.wav")
    time.sleep(0.3)
    vals = {}
    for name in ("strp_seen", "strp_len"):
        c.send("/chn/get", name)
        r = c.wait_for("/chn", 2.0, lambda a, n=name: a[0] == n)
        vals[name] = r[1] if r else None
    check(vals == {"strp_seen": 7, "strp_len": 10 + 410}, "a string p-field by OSC read by the note: %r" % vals)
    m = fail_of("/stop", 5)
    check(m and "no event with id 5 is playing" in m, "/stop of an ended event: %r" % m)
    c.send("/chn/set", "speed", 2.5)
    c.send("/sync", 1)
    c.wait_for("/synced", 2.0, lambda a: a[0] == 1)
    c.send("/chn/get", "speed")
    r = c.wait_for("/chn")
    check(r is not None and r[0] == "speed" and abs(r[1] - 2.5) < 1e-9, "/chn/get: %r" % (r,))
    c.send("/status")
    r = c.wait_for("/status.reply")
    check(r is not None and len(r) >= 6 and r[4] == SR and r[5] == 64, "/status.reply: %r" % (r,))

    # OSC over TCP (--tcp): length-prefixed packets, replies on the same connection
    import struct

    def tcp_reply(sock):
        n = struct.unpack(">I", sock.recv(4, socket.MSG_WAITALL))[0]
        data = sock.recv(n, socket.MSG_WAITALL)
        return data[:data.index(b"\0")].decode(), data

    t = socket.create_connection(("127.0.0.1", port), timeout=3)
    for m in (osc.encode_message("/sched", [1, "nosuch", 0.0, 1.0]), osc.encode_message("/sync", [55])):
        t.sendall(struct.pack(">I", len(m)) + m)
    try:
        r1, d1 = tcp_reply(t)
        r2, d2 = tcp_reply(t)
        check(r1 == "/fail" and b"unknown instrument 'nosuch'" in d1 and r2 == "/synced",
              "OSC over TCP: /fail then /synced on the connection: %r %r" % (r1, r2))
    except (OSError, struct.error) as e:
        check(False, "OSC over TCP: %s" % e)
    t.close()

    # the other commands answer nothing on success: no /fail, and /sync after them comes back
    orc = os.path.join(tmp, "extra.orc")
    with open(orc, "w") as f:
        f.write("instr extra\n kamp = p4\n outch 2, oscili:a(kamp, 300)\nendin\n")
    wav = os.path.join(tmp, "snd.wav")
    sf.write(wav, (0.1 * np.sin(np.arange(4800) * 0.05)).astype("float32"), SR, subtype="FLOAT")
    c.got.clear()
    c.send("/instr/load", orc)
    check(c.wait_for("/done", 2.0, lambda a: a[0] == "/instr/load") is not None, "/done /instr/load")
    c.send("/sched", 30, "extra", 0.0, -1.0, 0.0)
    c.send("/table/read", 7, wav)
    check(c.wait_for("/done", 2.0, lambda a: a[0] == "/table/read") is not None, "/done /table/read")
    c.send("/table/free", 7)
    c.send("/score", 'i "extra" 0 0.05 0')
    c.send("/kill", 30)
    c.send("/sched", 31, "extra", 0.0, -1.0, 0.0)
    c.send("/sched", 32, "extra", 0.0, -1.0, 0.0)
    c.send("/stopall")
    c.send("/sched", 33, "extra", 0.0, -1.0, 0.0)
    c.send("/panic")
    c.send("/sync", 3)
    check(c.wait_for("/synced", 2.0, lambda a: a[0] == 3) is not None, "/synced after the other commands")
    fails = [a for p_, a in c.got if p_ == "/fail"]
    check(not fails, "no /fail for /instr/load, /table/read, /table/free, /score, /kill, /stopall, /panic: %r" % fails)
    m = fail_of("/table/read", 8, os.path.join(tmp, "missing.wav"))
    check(m and "missing.wav" in m, "/table/read of a missing file: %r" % m)
    c.send("/status")
    r = c.wait_for("/status.reply")
    check(r is not None and r[0] == 0, "no voice left after /stopall and /panic: %r" % (r,))

    # redefinition while playing: the old note keeps its definition, the new one gets the new code
    c.send("/instr/def", "tone", "kamp = p4\noutch 1, oscili:a(kamp, 440)")
    check(c.wait_for("/done", 2.0, lambda a: a[1] == "tone") is not None, "/done /instr/def tone")
    c.send("/sync", 2)
    c.wait_for("/synced", 2.0, lambda a: a[0] == 2)
    t_first = time.time()
    c.send("/sched", 10, "tone", 0.0, 1.5, 0.3)
    time.sleep(0.3)
    c.send("/instr/def", "tone", "kamp = p4\noutch 2, oscili:a(kamp, 880)")
    check(c.wait_for("/done", 2.0, lambda a: a[1] == "tone") is not None, "/done /instr/def tone (again)")
    c.send("/sched", 11, "tone", 0.0, 0.8, 0.3)

    # a time-tagged bundle: both notes start on the same frame, on two channels
    c.send("/instr/def", "ping", "ich = p4\noutch ich, oscili:a(0.25, 1000)")
    c.wait_for("/done", 2.0, lambda a: a[1] == "ping")
    b = liblo.Bundle(liblo.time() + 2.0, liblo.Message("/sched", 20, "ping", 0.0, 0.2, 1),
                     liblo.Message("/sched", 21, "ping", 0.0, 0.2, 2))
    c.srv.send(c.target, b)

    # malformed packets never crash it
    raw = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for pkt in [b"/sched\x00\x00", b"/sched\x00\x00,iis\x00\x00\x00\x00\x00\x00\x01",
                b"#bundle\x00" + b"\x00" * 8 + b"\x00\x00\x00\x40", b"/x\x00\x00,s\x00\x00" + b"A" * 60000,
                b"#bundle\x00" + b"\x00" * 8 + b"\x00\x00\x00\x14#bundle\x00" + b"\x00" * 12, b"\xff" * 7]:
        raw.sendto(pkt, ("127.0.0.1", port))
    time.sleep(3.0)
    check(c.ready(2.0) and ondes.poll() is None, "still alive and answering after malformed packets")

    # a burst: 10 000 /sched as fast as one client can send them, then /sync: every event is
    # accounted for, played (/event/end) or refused (/fail), none lost
    c.send("/instr/def", "blip", "kx = p4")
    c.wait_for("/done", 2.0, lambda a: a[1] == "blip")
    c.send("/notify", 1)
    c.got.clear()
    N = 10000
    # our own socket must hold 10 000 replies too (SO_RCVBUFFORCE as root, else what rmem_max allows)
    sock = socket.fromfd(c.srv.fileno(), socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, 33, 32 << 20)   # SO_RCVBUFFORCE
    except OSError:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 32 << 20)
    t0 = time.time()
    for i in range(N):
        c.send("/sched", 200000 + i, "blip", 0.0, 0.005, 1.0)
    t_send = time.time() - t0
    c.send("/sync", 7)
    synced = c.wait_for("/synced", 30.0, lambda a: a[0] == 7)
    ended, refused = set(), set()
    deadline = time.time() + 20
    while len(ended) + len(refused) < N and time.time() < deadline:
        for p_, a in c.got:
            if p_ == "/event/end" and 200000 <= a[0] < 200000 + N:
                ended.add(a[0])
            elif p_ == "/fail":
                refused.add(len(refused) + 1000000)   # a refusal carries no id: count them
        c.got.clear()
        c.srv.recv(20)
    t_all = time.time() - t0
    check(synced is not None, "/synced after the burst")
    check(len(ended) + len(refused) == N, "burst: %d played + %d refused of %d (%d unaccounted)"
          % (len(ended), len(refused), N, N - len(ended) - len(refused)))
    print("burst: %d /sched sent in %.3f s (%.0f msg/s); all accounted for in %.3f s: %d played, %d refused"
          % (N, t_send, N / t_send, t_all, len(ended), len(refused)), flush=True)
    c.send("/notify", 0)

    # the real-time pool under delay lines (issue 9): 300 overlapping notes, each
    # reserving a 2 s delayr line read at an a-rate time, their memory taken and
    # given back on the audio thread while the rtcheck probe watches it
    c.got.clear()
    # (their taps stay off the bus: the recording's checks below want the pings as the last sound)
    c.send("/instr/def", "dly", "asig oscili 0.0005, 300\nadel delayr 2\n"
           "atap deltapi 0.5 + oscili:a(0.3, 2)\ndelayw asig\nktap = k(atap)")
    check(c.wait_for("/done", 5.0) is not None, "the delay instrument compiles live")
    for i in range(300):
        c.send("/sched", 700000 + i, "dly", i * 0.001, 0.4)
    c.send("/sync", 4242)
    check(c.wait_for("/synced", 10.0, lambda a: a[0] == 4242) is not None, "/synced after the delay notes")
    time.sleep(0.8)   # they play out: 0.3 s of starts, 0.4 s each
    c.send("/sync", 4243)
    c.wait_for("/synced", 5.0, lambda a: a[0] == 4243)
    fails = [a for p, a in c.got if p == "/fail"]
    check(fails == [], "300 notes with 2 s delay lines, none refused: %r" % fails[:3])

    # tables made by notes (issue 10): ftgentmp, ftgenonce, ftgen + ftfree at the note's
    # end, 200 overlapping notes making and freeing them on the audio thread under the probe
    c.got.clear()
    c.send("/instr/def", "tabs", "itab ftgentmp 0, 0, 1024, 10, 1, 0.5\n"
           "ione ftgenonce 0, 0, 512, 7, 0, 512, 1\nifn ftgen 0, 0, 256, 10, 1\nftfree ifn, 1\n"
           "asig oscili 0, 300, itab\nktap = k(asig) + table:k(0.5, ione, 1) + table:k(0, ifn)")
    check(c.wait_for("/done", 5.0) is not None, "the table-making instrument compiles live")
    for i in range(200):
        c.send("/sched", 800000 + i, "tabs", i * 0.001, 0.1)
    c.send("/sync", 4244)
    check(c.wait_for("/synced", 10.0, lambda a: a[0] == 4244) is not None, "/synced after the table notes")
    time.sleep(0.4)
    c.send("/sync", 4245)
    c.wait_for("/synced", 5.0, lambda a: a[0] == 4245)
    fails = [a for p, a in c.got if p == "/fail"]
    check(fails == [], "200 notes making tables, none refused: %r" % fails[:3])

    # tables too big for the audio thread, one read from a sound file, and small GEN 33/34 ones
    # (their work grows with their source table), made by notes: the table worker makes them
    # while the note's init waits, under the probe (the audio thread neither allocates nor
    # reads the file); the note goes on once its table is there
    c.got.clear()
    c.send("/instr/def", "bigtab", "ifn ftgen 0, 0, 262144, 10, 1, 0.5, 0.3\n"
           "ione ftgenonce 0, 0, 131072, 7, 0, 131072, 1\n"
           'iwav ftgentmp 0, 0, 0, 1, "%s", 0, 0, 0\n'
           "isrc ftgentmp 0, 0, 8, -2, 1, 3, 0\ni33 ftgentmp 0, 0, 4096, -33, isrc, 1, 1, 0\n"
           "i34 ftgentmp 0, 0, 4096, -34, isrc, 1, 1, 0\n"
           'chnset ftlen(ifn) + ftlen(ione) + ftlen(iwav) + ftlen(i33) + ftlen(i34), "bigtab_len"\n'
           "asig poscil 0, 300, ifn\nktap = k(asig) + table:k(0.5, ione, 1) + table:k(100, iwav)\n"
           "ftfree ifn, 1" % os.path.join(DATA, "tone_mono.wav"))
    check(c.wait_for("/done", 5.0) is not None, "the big-table instrument compiles live")
    for i in range(3):
        c.send("/sched", 810000 + i, "bigtab", i * 0.01, 0.2)
    r, deadline = None, time.time() + 30   # the worker's time depends on the machine's load
    while r is None and time.time() < deadline:
        time.sleep(0.5)
        c.send("/chn/get", "bigtab_len")
        r = c.wait_for("/chn", 2.0, lambda a: a[0] == "bigtab_len")
    fails = [a for p, a in c.got if p == "/fail" and a[0] != "/chn/get"]
    check(fails == [] and r is not None and r[1] == 262144 + 131072 + 11025 + 2 * 4096,
          "notes making 2^18-point and sound-file tables on the worker: %r, fails %r" % (r, fails[:3]))

    c.send("/quit")
    try:
        rc = ondes.wait(5)
    except subprocess.TimeoutExpired:
        rc = None
    check(rc == 0, "/quit exits cleanly (rc %r): %s" % (rc, open(log).read()))
    if RTCHECK:
        import re
        m = re.search(r"rtcheck: (\d+) forbidden calls on the audio thread in (\d+) callbacks(.*)", open(log).read())
        check(m is not None and m.group(1) == "0" and int(m.group(2)) > 100,
              "the audio thread never allocated, locked or wrote: %s" % (m.group(0) if m else "no rtcheck report"))
    else:
        print("note: RTCHECK not set (ASan build): real-time safety probe not run")
    x, sr = sf.read(rec, always_2d=True)
    check(sr == SR and x.shape[1] == 2, "the recording: %d Hz, %d channels" % (sr, x.shape[1]))
    L, R = x[:, 0], x[:, 1]
    # the 440 Hz note on channel 1 played its full 1.5 s, untouched by the redefinition
    # (it is the only sound above 0.28 on channel 1: the sines are 0.1, the pings 0.25)
    nz = np.nonzero(np.abs(L) > 0.28)[0]
    if len(nz):
        on, off = nz[0] / SR, nz[-1] / SR
        check(1.4 < off - on < 1.55, "the 440 Hz note lasted %.3f s" % (off - on))
        check(abs(freq(L, on + 0.1, off - 0.1) - 440) < 0.5, "old definition kept: %.2f Hz" % freq(L, on + 0.1, off - 0.1))
    else:
        check(False, "no 440 Hz note in the recording")
    # the 880 Hz note on channel 2, from the new definition
    hi = np.nonzero(np.abs(R) > 0.2)[0]
    check(len(hi) > 0 and abs(freq(R, hi[0] / SR + 0.05, hi[0] / SR + 0.3) - 880) < 1.0,
          "new definition for the new note (880 Hz on channel 2)")
    # the bundle's two pings (1000 Hz, amplitude 0.25) start on one frame
    pl = np.nonzero(np.abs(L) > 0)[0]
    pr = np.nonzero(np.abs(R) > 0)[0]
    # the pings are the last sound on each channel: find where that last run of sound starts
    def last_run(sig):
        nz = np.nonzero(sig != 0)[0]
        gaps = np.nonzero(np.diff(nz) > 64)[0]
        start = nz[gaps[-1] + 1] if len(gaps) else nz[0]
        return start, nz[-1]
    sL, eL = last_run(L)
    sR, eR = last_run(R)
    check(sL == sR and eL == eR, "the bundle's notes start and end on one frame (%d-%d vs %d-%d)" % (sL, eL, sR, eR))
    check(abs((eL - sL + 1) - 0.2 * SR) <= 1, "each ping lasts 0.2 s (%d frames)" % (eL - sL + 1))

    # the JACK server going away: ondes says so and exits, no hang
    port2 = free_port()
    orc2 = os.path.join(tmp, "sr.orc")
    with open(orc2, "w") as f:
        f.write("sr = 44100\nnchnls = 2\n0dbfs = 1\ninstr 1\nendin\n")
    o2, log2 = start_ondes(port2, "--name", "ondes2", orc2, connect=True)
    c2 = Client(port2)
    check(c2.ready(), "second ondes answers")
    # outputs connected to the physical playback ports; JACK's rate rules, the orchestra's is a warning
    lsp = subprocess.run(["jack_lsp", "-c"], env=env, capture_output=True, text=True).stdout
    check("ondes2:out_1\n   system:playback_1" in lsp and "ondes2:out_2\n   system:playback_2" in lsp,
          "out_1/out_2 connected to system:playback_1/2: %s" % lsp)
    check("sr 44100 differs from JACK's 48000" in open(log2).read(), "sr warning: %s" % open(log2).read())
    for p in procs:
        if p.args[0] == "jackd" and p.poll() is None:
            p.send_signal(signal.SIGKILL)
            p.wait()
    try:
        rc2 = o2.wait(10)
    except subprocess.TimeoutExpired:
        rc2 = None
    out2 = open(log2).read()
    check(rc2 is not None and rc2 != 0 and "JACK server went away" in out2,
          "exits with a message when JACK dies (rc %r): %s" % (rc2, out2.strip()))

    # the promise: a live session recorded with --record-events renders offline to the same samples
    # as --record captured live, bit for bit, whatever JACK's period (100 is not a multiple of ksmps)
    for period in (100, 256):
        kill_jacks()
        start_jack(period)
        port3 = free_port()
        rec3, ev3 = os.path.join(tmp, "eq%d.wav" % period), os.path.join(tmp, "eq%d.events" % period)
        o3, log3 = start_ondes(port3, "--record", rec3, "--record-events", ev3)
        c3 = Client(port3)
        if not c3.ready():
            check(False, "period %d: ondes answers" % period)
            continue
        c3.send("/instr/def", "tone", "kamp = p4\nkmidi = p5\nasig = oscili:a(kamp, mtof:k(kmidi))\noutch 1, asig, 2, asig * 0.5")
        c3.wait_for("/done", 2.0)
        c3.send("/sched", 1, "tone", 0.0, -1.0, 0.2, 60.0)
        # an instrument that schedules instruments: its notes are not recorded (the
        # re-render's "arp" makes them again, on the same frames)
        c3.send("/instr/def", "arp", 'schedule "tone", 0.05, 0.1, 0.1, 67\nkc init 0\n'
                'if kc % 20 == 0 then\n  event "i", "tone", 0, 0.05, 0.1, 72 + kc / 20\nendif\nkc += 1')
        check(c3.wait_for("/done", 2.0, lambda a: a[1] == "arp") is not None,
              "period %d: an instrument using schedule and event compiles" % period)
        c3.send("/sched", 6, "arp", 0.0, 0.6)
        # score text and schedkwhennamed from an instrument: parsed on the audio thread, their notes
        # not recorded either (the re-render's "lines" makes them again on the same frames)
        c3.send("/instr/def", "lines", 'scoreline_i "i \\"tone\\" 0.0113 0.05 0.1 70\\ni \\"tone\\" 0.043 0.05 . 74"\n'
                'kc init 0\nscoreline "i \\"tone\\" 0.0031 0.02 0.05 77", (kc % 25 == 3 ? 1 : 0)\n'
                'schedkwhennamed (kc % 30 == 1 ? 1 : 0), 0, 2, "tone", 0.0027, 0.03, 0.1, 79\nkc += 1')
        check(c3.wait_for("/done", 2.0, lambda a: a[1] == "lines") is not None,
              "period %d: an instrument using scoreline and schedkwhennamed compiles" % period)
        c3.send("/sched", 7, "lines", 0.01, 0.5)
        # a note whose table the worker makes starts when it is there: the recording says how
        # many blocks that took (/table/wait), and the re-render waits as many
        c3.send("/instr/def", "bigtone", "ifn ftgen 0, 0, 262144, 10, 1, 0.5, 0.3, 0.2\n"
                'iwav ftgen 0, 0, 0, 1, "%s", 0, 0, 0\n'
                "asig poscil 0.1, 330, ifn\nawav loscil 0.1, 1, iwav, 1\noutch 2, asig + awav"
                % os.path.join(DATA, "tone_mono.wav"))
        c3.wait_for("/done", 2.0, lambda a: a[1] == "bigtone")
        c3.send("/sched", 8, "bigtone", 0.02, 0.4)
        time.sleep(0.13)
        c3.send("/sched", -1, "sine", 0.05, 0.7, 0.3, 67.0, 0.3)
        c3.send("/set", 1, "kmidi", 62.0)
        time.sleep(0.21)
        c3.send("/automate", 1, "kmidi", 0.0, 62.0, 0.5, 72.0, "cos")
        c3.send("/table/gen", 5, 1024, 10, 1, 0.5)
        time.sleep(0.17)
        c3.send("/instr/def", "tone", "kamp = p4\nkmidi = p5\nasig = vco2:a(kamp, mtof:k(kmidi))\n"
                "asig moogladder asig, 2000, 0.5\noutch 1, asig")
        c3.send("/sched", 3, "tone", 0.1, 0.5, 0.2, 48.0)
        c3.srv.send(c3.target, liblo.Bundle(liblo.time() + 0.3,
                    liblo.Message("/sched", 4, "saw", 0.0, 0.6, 0.2, 40.0, 800.0, 0.4, 0.5),
                    liblo.Message("/sched", 5, "pluck", 0.0, 0.6, 0.3, 64.0, 0.2)))
        time.sleep(0.5)
        c3.send("/stop", 1)
        time.sleep(0.8)
        c3.send("/quit")
        try:
            o3.wait(5)
        except subprocess.TimeoutExpired:
            pass
        scheds = [l for l in open(ev3) if "/sched " in l]
        check(len(scheds) == 8, "period %d: the notes instruments made are not recorded (%d /sched lines, want 8)"
              % (period, len(scheds)))
        waits = [l.split() for l in open(ev3) if "/table/wait " in l]
        check(len(waits) == 2 and all(int(w[4]) >= 1 for w in waits),
              "period %d: the two tables bigtone's note waited for are recorded: %r" % (period, waits))
        live, _ = sf.read(rec3, dtype="float32", always_2d=True)
        out3 = os.path.join(tmp, "re%d.wav" % period)
        r = subprocess.run([ONDES, "--render", out3, "--bits", "32f", "--duration", repr(len(live) / SR), ev3],
                           capture_output=True, text=True)
        check(r.returncode == 0, "period %d: the recorded event list renders: %s" % (period, r.stderr))
        if r.returncode == 0:
            off, _ = sf.read(out3, dtype="float32", always_2d=True)
            n = min(len(live), len(off))
            check(len(live) == len(off) and np.array_equal(live[:n], off[:n]) and np.abs(live).max() > 0.1,
                  "period %d: live recording and offline render are bit-identical (%d vs %d frames, max diff %g)"
                  % (period, len(live), len(off), float(np.abs(live[:n] - off[:n]).max()) if n else -1))
    # --render --freewheel: the same score through JACK's freewheel mode, the same samples as offline
    start_jack(256)
    demo = os.path.join(os.environ.get("srcdir", "."), "instruments", "demo.csd")
    fw, off = os.path.join(tmp, "fw.wav"), os.path.join(tmp, "off.wav")
    r1 = subprocess.run([ONDES, "--render", fw, "--freewheel", "--bits", "32f", demo], env=env, capture_output=True,
                        text=True, timeout=60)
    r2 = subprocess.run([ONDES, "--render", off, "--bits", "32f", "--sr", str(SR), demo], capture_output=True, text=True)
    check(r1.returncode == 0 and "freewheel" in r1.stderr, "--freewheel renders: %s" % r1.stderr.strip())
    if r1.returncode == 0 and r2.returncode == 0:
        a, _ = sf.read(fw, dtype="float32")
        b, _ = sf.read(off, dtype="float32")
        check(len(a) >= len(b) and np.array_equal(a[:len(b)], b) and not np.any(a[len(b):]),
              "freewheel render = offline render (%d and %d frames; the rest silence)" % (len(a), len(b)))
    kill_jacks()
finally:
    kill_jacks()

finish()
