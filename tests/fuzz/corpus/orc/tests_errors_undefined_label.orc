; expect: 8:18: undefined label 'nowhere'
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  if p4 > 0 goto nowhere
  out oscili:a(0.1, 440)
somewhere:
endin
