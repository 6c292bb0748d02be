; expect: 8:20: undefined variable 'kfreq'
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  aout oscili 0.1, kfreq
  out aout
endin
