
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate linsegr
  kenv linsegr 0, 0.05, 0.9, 0.1, 0.5, p4, 0
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate linsegr
  aenv linsegr 0, 0.05, 0.9, 0.1, 0.5, p4, 0
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 3                 ; two releases: k-rate 0.3 s, a-rate p4
  kenv linsegr 0.1, 0.1, 0.6, 0.3, 0
  aenv linsegr 0, 0.02, 0.7, 0.1, 0.3, p4, 0
  ak = kenv
  outs ak, aenv
endin

instr 4                 ; expsegr, k-rate and a-rate
  kenv expsegr 0.001, 0.05, 0.8, 0.1, 0.3, p4, 0.001
  aenv expsegr 0.01, 0.02, 0.6, 0.2, 0.2, p4, 0.0001
  ak = kenv
  outs ak, aenv
endin
