
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate cutoff: constant, and swept (changes every k-cycle)
  asrc rand 0.5, 0.3, 1
  kcf  expon 40, p3, 8000
  a1   tone asrc, p4
  a2   tone asrc, kcf
  outs a1, a2
endin

instr 2                 ; a-rate cutoff, and istor = 1 (a fresh note starts at 0 anyway)
  asrc rand 0.5, 0.7
  acf  expon 10000, p3, 30
  a1   tone asrc, acf
  a2   tone asrc * 0.5, 500, 1
  outs a1, a2
endin
