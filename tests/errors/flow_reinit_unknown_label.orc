; expect: 12:10: undefined label 'nowhere'
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  a1 oscili 0.1, 440
  i1 = 0
here:
  timout 0, 0.1, here
  reinit nowhere
  out a1
endin
