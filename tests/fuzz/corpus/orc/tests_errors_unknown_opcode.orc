; expect: 8:8: unknown opcode 'oscilx'
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  aout oscilx 0.1, 440
  out aout
endin
