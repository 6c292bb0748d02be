
sr = 48000
ksmps = 64
nchnls = 2
0dbfs = 1

instr 1
  aenv expsega 0.001, p4, 0.9, 0.001, 0.5, p5, 0.2, p6, 0.002
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 2
  aenv expsega -0.02, 0.1, -0.7, 0.2, -0.3, 0.1, -0.2
  a1 oscili 0.5, 440
  outs aenv, a1 * aenv
endin
