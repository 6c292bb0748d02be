; expect: missing endin
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  out oscili:a(0.1, 440)

instr 2
  out oscili:a(0.1, 880)
endin
