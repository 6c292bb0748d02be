
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; kk, default sine table
  a1 oscil 0.5, p4
  outs a1, a1
endin

instr 2                 ; ak: a-rate amplitude, table 1, iphs 0.25
  aph  phasor 1 / p3                ; a triangle envelope 0 → 0.4 → 0
  aenv = 0.4 - abs(aph * 0.8 - 0.4)
  a1 oscil aenv, p4, 1, 0.25
  outs a1, -a1
endin

instr 3                 ; ka: a-rate frequency (a stepped vibrato: whole Hz, exact in float)
  avib oscil 1, 5.5, 4
  a1 oscil 0.4, p4 + avib, 1
  outs a1, a1 * 0.5
endin

instr 4                 ; aa, table 3 (saw-ish), frequency glide
  aph  phasor 1 / p3
  aenv = 0.6 * (1 - aph)
  astep oscil 1, 1 / p3, 5            ; a staircase glide in whole Hz
  afr  = p4 + astep
  a1 oscil aenv, afr, 3
  outs a1, a1
endin

instr 5                 ; k-rate oscil as an LFO on amplitude
  klfo oscil 0.3, 3, 2
  a1 oscil 0.3 + klfo, p4, 1
  outs a1, a1
endin

instr 6                 ; iphs negative (skipped) and a changing k frequency
  kph phasor 1 / p3
  kf  = p4 * (1 - 0.5 * kph)
  a1 oscil 0.4, kf, 1, -1
  outs a1, a1
endin
