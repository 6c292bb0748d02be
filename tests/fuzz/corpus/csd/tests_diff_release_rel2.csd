<CsoundSynthesizer>
<CsInstruments>
; release timing: csound rounds p2+p3 to the nearest k-cycle and starts the
; release there; score turnoffs (negative p1) act at the k-cycle start.
; difftest: sdr 120
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1
instr 1
  kenv linsegr 0, 0.05, 0.8, 0.1, 0.5, p4, 0
  aenv linsegr 0, 0.05, 0.8, 0.1, 0.5, p4, 0
  ak = kenv
  outs ak, aenv
endin
</CsInstruments>
<CsScore>
i 1.1 0     -1  0.1
i -1.1 0.3001 0
i 1.2 0.5   -1  0.1
i -1.2 0.8003 0
</CsScore>
</CsoundSynthesizer>
