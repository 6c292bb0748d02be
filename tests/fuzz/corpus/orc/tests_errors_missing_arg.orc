; expect: 8:8: 'oscili': missing argument
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  aout oscili 0.1
  out aout
endin
