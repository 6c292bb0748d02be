
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate: kamp linen
  kenv linen p4, p5, p6, p7
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate, a-rate amplitude (a sine: linen as a VCA)
  asig oscili p4, 330
  a1 linen asig, p5, p6, p7
  outs a1, a1 * 0.5
endin

instr 3                 ; a-rate, k-rate amplitude (and a changing one)
  kamp line p4, p3, p4 * 0.5
  aenv linen kamp, p5, p6, p7
  a1 oscili 1, 550
  outs aenv, a1 * aenv
endin
