
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate
  kenv line p4, p5, p6
  a1 oscili kenv, 440
  aenv = kenv
  outs aenv, a1
endin

instr 2                 ; a-rate
  aenv line p4, p5, p6
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin
