
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; adsr, k-rate
  kenv adsr p4, p5, p6, p7, p8
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; adsr, a-rate
  aenv adsr p4, p5, p6, p7, p8
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 3                 ; xadsr, k-rate
  kenv xadsr p4, p5, p6, p7, p8
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 4                 ; xadsr, a-rate
  aenv xadsr p4, p5, p6, p7, p8
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 5                 ; adsr with iatt = 0: no setup, 0 throughout (a fresh instance)
  kenv adsr 0, 0.1, 0.5, 0.1
  aenv adsr 0, 0.1, 0.5, 0.1
  ak = kenv
  outs ak + 0.1, aenv + 0.1
endin
