; expect: 11:12: 'rireturn': too many arguments (at most 0)
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  a1 oscili 0.1, 440
  i1 = 0
here:
  rireturn 1
  out a1
endin
