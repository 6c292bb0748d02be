; expect: PERF ERROR in instr 1 (line 12): ##array_get: Array index 4 out of range (0,4) for dimension 1; note deleted
; note error
<CsoundSynthesizer>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1
  kArr[] fillarray 1, 2, 3, 4
  kndx line 0, p3, 8
  kv = kArr[kndx]
  printk 0.1, kv
endin
</CsInstruments>
<CsScore>
i1 0 1
</CsScore>
</CsoundSynthesizer>
