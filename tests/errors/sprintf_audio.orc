; expect: 10:6: 'sprintf': a-rate argument not allowed
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; sprintf formats i- and k-values and strings, not audio
instr 1
  asig oscili 0.5, 440
  Sa sprintf "%f %f", 1, asig
endin
