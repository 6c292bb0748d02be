; expect: PERF ERROR in instr 1 (line 11): ##array_get: Array dimension 1 out of range for dimensions 2; note deleted
; note error
<CsoundSynthesizer>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1
  kM[][] init 2, 3
  kv = kM[1]
endin
</CsInstruments>
<CsScore>
i1 0 1
</CsScore>
</CsoundSynthesizer>
