
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

seed 98765

instr 1
  ir   random 0.1, 0.3
  k1   random -1, 1
  a1   random -ir, ir
  a2   upsamp k1
  outs a1, a2 * 0.5
endin
