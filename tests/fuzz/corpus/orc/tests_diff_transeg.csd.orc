
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate
  kenv transeg 0, p4, 3, 0.9, p5, -4, 0.3, p6, 0, 0.3, 0.1, -2, 0.6, p7, 2, 0
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate
  aenv transeg 0, p4, 3, 0.9, p5, -4, 0.3, p6, 0, 0.3, 0, 0, 0.6, p7, 2, 0
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin
