
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; constant cutoff p4, resonance p5
  asrc rand 0.5, 0.3, 1
  a1   moogladder asrc, p4, p5
  outs a1, a1
endin

instr 2                 ; k-rate cutoff sweep, k-rate resonance sweep
  asrc rand 0.7, 0.7
  kcf  expon 100, p3, 10000
  kres line 0, p3, 0.9
  a1   moogladder asrc, kcf, kres
  a2   moogladder asrc, 10000 - kcf, 0.5
  outs a1, a2
endin

instr 3                 ; a-rate cutoff with k resonance; k cutoff with a-rate resonance
  asrc rand 0.5, 0.11, 1
  acf  expon 8000, p3, 80
  ares line 0.1, p3, 0.95
  a1   moogladder asrc, acf, 0.7
  a2   moogladder asrc, 1500, ares
  outs a1, a2
endin

instr 4                 ; both a-rate; and a negative k resonance (taken as 0)
  asrc rand 0.5, 0.4
  acf  expon 300, p3, 6000
  ares line 0.9, p3, 0.2
  a1   moogladder asrc, acf, ares
  a2   moogladder asrc, 2000, -0.5
  outs a1, a2
endin
