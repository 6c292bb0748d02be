
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  aout oscili kamp, 440
  out aout
endin
