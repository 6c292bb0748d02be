
sr = 48000
ksmps = 64
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate
  kenv expon p4, p5, p6
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate
  aenv expon p4, p5, p6
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin
