
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate cutoff: constant, and swept every k-cycle
  asrc rand 0.5, 0.3, 1
  kcf  expon 50, p3, 15000
  a1   butterhp asrc, p4
  a2   buthp asrc, kcf
  outs a1, a2
endin

instr 2                 ; a-rate cutoff, and istor = 1
  asrc rand 0.5, 0.7
  acf  expon 12000, p3, 40
  a1   butterhp asrc, acf
  a2   butterhp asrc, 300, 1
  outs a1, a2
endin

instr 3                 ; the cutoff steps to 0 (pass-through) and back
  asrc rand 0.5, 0.11, 1
  kcf  = (timeinsts() < p3 * 0.5 ? 2000 : (timeinsts() < p3 * 0.7 ? 0 : 800))
  a1   butterhp asrc, kcf
  outs a1, a1
endin
