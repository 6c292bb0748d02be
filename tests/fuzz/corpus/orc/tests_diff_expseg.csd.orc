
sr = 48000
ksmps = 64
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate
  kenv expseg 0.001, p4, 0.9, p5, 0.3, p6, 0.2, p7, 0.001
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate
  aenv expseg 0.001, p4, 0.9, p5, 0.3, p6, 0.2, p7, 0.001
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 3                 ; negative values, a segment shorter than a block; k and a
  kenv expseg -0.05, 0.2, -0.8, 0.001, -0.4, 0.1, -0.5
  aenv expseg -0.6, 0.001, -0.3, 0.15, -0.05, 0.1, -0.1
  ak = kenv
  outs ak, aenv
endin
