
; release timing: csound rounds p2+p3 to the nearest k-cycle and starts the
; release there; score turnoffs (negative p1) act at the k-cycle start.
; difftest: sdr 120
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1
instr 1
  kenv madsr 0.05, 0.1, 0.5, 0.2
  aenv mxadsr 0.05, 0.1, 0.5, 0.2, 0.01
  a2 madsr 0.05, 0.1, 0.5, 0.3
  k2 xadsr 0.05, 0.1, 0.5, 0.2
  a3 adsr 0.05, 0.1, 0.5, 0.2
  ak = kenv
  outs ak*0.3+a2*0.3+a3*0.3, aenv*0.5+k2*0.5
endin
