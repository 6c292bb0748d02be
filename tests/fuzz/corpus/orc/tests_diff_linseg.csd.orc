
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate, attack / decay / sustain / release shape
  kenv linseg 0, p4, 0.9, p5, 0.4, p6, 0.4, p7, 0
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate, same shape
  aenv linseg 0, p4, 0.9, p5, 0.4, p6, 0.4, p7, 0
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 3                 ; k-rate: a jump, a very short segment, then held
  kenv linseg 0.2, 0.1, 0.7, 0, -0.3, 0.0005, 0.5, 0.05, 0.1
  aenv = kenv
  a1 oscili kenv, 550
  outs aenv, a1
endin

instr 4                 ; a-rate: the same
  aenv linseg 0.2, 0.1, 0.7, 0, -0.3, 0.0005, 0.5, 0.05, 0.1
  a1 oscili 0.5, 550
  outs aenv, a1 * aenv
endin

instr 5                 ; one segment, both rates summed (k: odd slope counts)
  kenv linseg 0.8, p4, -0.1
  aenv linseg -0.1, p4, 0.7
  ak = kenv
  outs ak, aenv
endin
