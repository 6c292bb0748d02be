
; release timing: csound rounds p2+p3 to the nearest k-cycle and starts the
; release there; score turnoffs (negative p1) act at the k-cycle start.
; difftest: sdr 120
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1
  out a(0.5)
endin
