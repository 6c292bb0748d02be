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
; end frames: aligned, frac>=.5, frac<.5
i 1 0      0.2902494331  0.1
i 1 0.5    0.3           0.1
i 1 1.0    0.2999       0.1
</CsScore>
</CsoundSynthesizer>
