#!/usr/bin/env python3
"""make_osc_seeds.py — writes the OSC fuzzing seeds (tests/fuzz/corpus/osc/) from doc/osc.md's commands.

Each seed is what fuzz_osc.c reads: UDP packets separated by "||||".
Run from anywhere: python3 tests/fuzz/make_osc_seeds.py
"""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "python"))
from ondes.osc import encode_message as M, encode_bundle as B  # noqa: E402

SEP = b"||||"
NOW = 3900000000.0 - 2208988800   # fuzz_osc.c's clock, as Unix seconds

seeds = {
    "sched_pos": [M("/sched", [1, 1, 0.0, 0.5, 0.3, 60.0, 0.5])],
    "sched_named": [M("/sched", [-1, "1", 0.0, -1.0, "kamp", 0.3, "kmidi", 69.0, "kpan", 0.5])],
    "sched_set_automate_stop": [
        M("/sched", [2, 1, 0.0, -1.0, 0.2, 60.0, 0.5]),
        M("/set", [2, "kmidi", 66.5]),
        M("/set", [2, "kmidi", 67.0, "delay", 0.01]),
        M("/set", [2, "p5", 61.0, "kamp", 0.1]),
        M("/automate", [2, "kmidi", 0.0, 66.0, 0.01, 72.0, "cos", "overtake"]),
        M("/automate", [2, "kamp", 0.0, 0.1, 0.001, 0.2, 0.002, 0.0, "expon(2)"]),
        M("/stop", [2, 0.001]),
        M("/kill", [2]),
    ],
    "instr_def": [
        M("/instr/def", ["x", "kamp = p4\nkmidi = p5\nasig vco2 kamp, mtof:k(kmidi)\nouts asig, asig"]),
        M("/sched", [3, "x", 0.0, 0.01, 0.2, 60.0]),
        M("/instr/def", ["x", "kamp = p4\nasig oscili kamp, 440\nouts asig, asig"]),
        M("/sched", [4, "x", 0.0, 0.01, "kamp", 0.1]),
    ],
    "instr_def_bad": [M("/instr/def", ["bad", "a1 oscilx 1, 440"]), M("/instr/def", ["bad", "if 1 then\n"])],
    "instr_load": [M("/instr/load", ["a.orc"]), M("/sched", [5, "lib", 0.0, 0.01, 0.2])],
    "library": [M("/sched", [-1, "sine", 0.0, 0.01, "kamp", 0.3, "kmidi", 69.0, "kpan", 0.5]),
                M("/sched", [-1, "pluck", 0.0, 0.01]), M("/sched", [-1, "nosuch", 0.0, 1.0])],
    "tables": [
        M("/table/gen", [2, 1024, 10, 1.0, 0.5]),
        M("/table/gen", [3, 0, 1, "a.wav", 0.0, 0.0, 0.0]),
        M("/table/read", [4, "a.wav"]),
        M("/table/read", [5, "a.wav", 1]),
        M("/sched", [6, "tab", 0.0, 0.01, 2, 1.0]),
        M("/sched", [7, "tab", 0.0, 0.01, 4, 0.5]),
        M("/table/free", [2]),
        M("/table/gen", [2, 256, 7, 0.0, 128, 1.0, 128, 0.0]),
        M("/table/read", [9, "/nonexistent.wav"]),
    ],
    "channels": [M("/chn/set", ["cutoff", 1000.0]), M("/chn/get", ["cutoff"]), M("/chn/get", ["nope"]),
                 M("/sched", [8, "chn", 0.0, 0.01, 100.0])],
    "score": [M("/score", ["i 1 0 0.01 0.2 60 0.5\ni 1 + . . 62\nf 5 0 256 10 1\ni \"chn\" 0 0.01 10\ne"])],
    "replies": [M("/notify", [1]), M("/sync", [42]), M("/status", []), M("/sched", [9, 1, 0.0, 0.001, 0.1, 60.0]),
                M("/sync", [43]), M("/notify", [0]), M("/quit", [])],
    "stopall": [M("/sched", [10, 1, 0.0, -1.0, 0.1, 60.0]), M("/stopall", []), M("/sched", [11, 1, 0.0, -1.0]),
                M("/panic", [])],
    "types": [M("/sched", [12, 1, 0.0, 0.01, 0.1, 60.0, True, False], types="iiddfdTF"),
              M("/sched", [13, 1, 0, 1, 0.1], types="hhhhf"),
              M("/sched", [14, 1, 0.0, 0.01, b"blob"], types="iiffb")],
    "nan_voice": [M("/sched", [15, "nan", 0.0, 0.01, 0.0]), M("/sched", [16, 1, 0.0, 0.01, 0.1, 60.0])],
    "too_many_voices": [M("/sched", [20 + i, 1, 0.0, -1.0, 0.01, 60.0 + i]) for i in range(12)] + [M("/stopall", [])],
    "bundle": [B(NOW + 0.001, [M("/sched", [30, 1, 0.0, 0.01, 0.2, 60.0, 0.0]),
                               M("/sched", [31, 1, 0.0, 0.01, 0.2, 64.0, 1.0])]),
               B(NOW - 10, [M("/sched", [32, 1, 0.0, 0.01, 0.1, 60.0])]),
               B(0, [B(NOW + 0.002, [M("/set", [30, "kamp", 0.1])]), M("/status", [])])],
    "bad_args": [M("/sched", [0, 1, 0.0, 1.0]), M("/sched", [1.5, 1, 0.0, 1.0]), M("/sched", [1, 1, -1.0, 1.0]),
                 M("/sched", [1]), M("/set", [99, "kmidi", 60.0]), M("/frob", []),
                 M("/sched", [1, 1, 0.0, 1.0] + [0.0] * 70), M("/automate", [1, "kamp", 1.0, 0.0, 0.0, 1.0])],
}

out = os.path.join(here, "corpus", "osc")
os.makedirs(out, exist_ok=True)
for name, packets in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(SEP.join(packets))
print("wrote %d seeds to %s" % (len(seeds), out))
