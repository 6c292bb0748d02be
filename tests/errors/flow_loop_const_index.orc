; expect: 11:11: 'loop_lt': the first argument must be a variable (the opcode changes it)
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  a1 oscili 0.1, 440
  i1 = 0
here:
  loop_lt 0, 1, 10, here
  out a1
endin
