; expect: missing endif
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  if p4 > 0 then
    kamp = 0.2
  else
    kamp = 0.1
  out oscili:a(kamp, 440)
endin
