; expect: 11:16: 'timout': argument 3 must be a label
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  a1 oscili 0.1, 440
  i1 = 0
here:
  timout 0, 1, 3
  out a1
endin
