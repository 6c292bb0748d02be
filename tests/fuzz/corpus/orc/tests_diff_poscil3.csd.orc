
sr = 48000
ksmps = 64
nchnls = 2
0dbfs = 1

instr 1                 ; kk, default sine, then a 1000-point table
  a1 poscil3 0.4, p4, p5
  outs a1, a1
endin

instr 2                 ; ak: a-rate amplitude, iphs 0.3, table 2 (601 points)
  aph  phasor 1 / p3
  aenv = 0.4 - abs(aph * 0.8 - 0.4)
  a1 poscil3 aenv, p4, 2, 0.3
  outs a1, -a1
endin

instr 3                 ; ka: a-rate frequency, a smooth vibrato
  avib poscil 25, 6.3, 1
  a1 poscil3 0.3, p4 + avib, 2
  outs a1, a1 * 0.5
endin

instr 4                 ; aa, glide and decay, a 4096-point table
  aph  phasor 1 / p3
  aenv = 0.5 * (1 - aph)
  afr  = p4 * (1 + 2 * aph)
  a1 poscil3 aenv, afr, 3
  outs a1, a1
endin

instr 5                 ; k-rate poscil3 as an LFO, and a negative frequency
  klfo poscil3 0.2, 2.5, 1
  a1 poscil3 0.3 + klfo, -p4, 2
  outs a1, a1
endin

instr 6                 ; negative iphs (skipped), high frequency
  a1 poscil3 0.3, p4, 1, -1
  outs a1, a1
endin
