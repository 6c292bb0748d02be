
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1
  a1 noise p5, p4
  outs a1, a1
endin

instr 2                 ; beta from -0.5 to 0.5, a-rate amplitude
  kb   line -0.5, p3, 0.5
  aenv line 0.2, p3, 0.5
  a1 noise aenv, kb
  outs a1, a1
endin
