; expect: 11:3: 'reinit' needs a label
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  a1 oscili 0.1, 440
  i1 = 0
here:
  reinit
  out a1
endin
