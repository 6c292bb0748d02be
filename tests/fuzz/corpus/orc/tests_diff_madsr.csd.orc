
sr = 48000
ksmps = 64
nchnls = 2
0dbfs = 1

instr 1                 ; madsr, k-rate
  kenv madsr p4, p5, p6, p7, p8
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; madsr, a-rate
  aenv madsr p4, p5, p6, p7, p8
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 3                 ; mxadsr, k-rate
  kenv mxadsr p4, p5, p6, p7, p8
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 4                 ; mxadsr, a-rate
  aenv mxadsr p4, p5, p6, p7, p8
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin
