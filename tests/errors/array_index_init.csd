; expect: INIT ERROR in instr 2 (line 15): ##array_get: Array index 3 out of range (0,3) for dimension 1
; note error
<CsoundSynthesizer>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1
  iA[] fillarray 1, 2, 3
  print iA[2]
endin
instr 2
  iA[] fillarray 1, 2, 3
  ix = iA[3]
endin
</CsInstruments>
<CsScore>
i1 0 0.1
i2 0 0.1
</CsScore>
</CsoundSynthesizer>
