
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; a-rate, k amplitude, 16-bit, default seed
  a1 rand 0.5
  a2 rand 0.3, p4
  outs a1, a2
endin

instr 2                 ; a-rate, 31-bit, seeds 0.5 and p4, with an offset
  a1 rand 0.5, 0.5, 1
  a2 rand 0.4, p4, 1, 0.1
  outs a1, a2
endin

instr 3                 ; a-rate amplitude (a ramp), both generators
  aenv phasor 1 / p3
  a1 rand aenv * 0.5, 0.7
  a2 rand aenv * 0.5, 0.7, 1
  outs a1, a2
endin

instr 4                 ; k-rate rand, both generators, seed 1 and 0
  k1 rand 0.5, 1
  k2 rand 0.5, 0, 1, -0.2
  a1 upsamp k1
  a2 upsamp k2
  outs a1, a2
endin
