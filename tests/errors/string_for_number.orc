; expect: 9:15: 'oscili': argument 1 must be a, k or i-rate, got S-rate
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; a string where oscili wants its amplitude
instr 1
  asig oscili "loud", 440
  out asig
endin
