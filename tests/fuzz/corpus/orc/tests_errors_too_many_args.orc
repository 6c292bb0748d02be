; expect: 8:32: 'oscili': too many arguments
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  aout oscili 0.1, 440, -1, 0, 7
  out aout
endin
