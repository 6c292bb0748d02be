; expect: 10:25: 'oscili': argument 3 must be i-rate, got a-rate
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; oscili's table number is i-rate: an audio signal cannot go there
instr 1
  asig oscili 0.1, 440
  aout oscili 0.1, 440, asig
  out aout
endin
