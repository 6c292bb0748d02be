
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate: constant, and both swept
  asrc rand 0.5, 0.3, 1
  kfo  expon 100, p3, 8000
  kbw  line 20, p3, 2000
  a1   butterbr asrc, p4, p4 * 0.2
  a2   butbr asrc, kfo, kbw
  outs a1, a2
endin

instr 2                 ; a-rate centre with k bandwidth, k centre with a-rate bandwidth
  asrc rand 0.5, 0.7
  afo  expon 9000, p3, 60
  abw  line 5, p3, 3000
  a1   butterbr asrc, afo, 200
  a2   butterbr asrc, 1200, abw, 1
  outs a1, a2
endin

instr 3                 ; both a-rate; and the bandwidth stepping to 0 and back
  asrc rand 0.5, 0.11, 1
  afo  expon 200, p3, 6000
  abw  expon 1000, p3, 30
  a1   butterbr asrc, afo, abw
  kbw  = (timeinsts() < p3 * 0.5 ? 400 : (timeinsts() < p3 * 0.7 ? 0 : 100))
  a2   butterbr asrc, 1000, kbw
  outs a1, a2
endin
