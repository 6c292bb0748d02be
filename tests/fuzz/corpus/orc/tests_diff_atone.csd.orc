
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1
  asrc rand 0.5, 0.3, 1
  kcf  expon 20, p3, 12000
  a1   atone asrc, p4
  a2   atone asrc, kcf
  outs a1, a2
endin

instr 2                 ; a low-frequency input: atone of a slow sine + noise, istor = 1
  asin oscili 0.4, 3
  anz  rand 0.1, 0.9
  a1   atone asin + anz, p4, 1
  outs a1, a1
endin
