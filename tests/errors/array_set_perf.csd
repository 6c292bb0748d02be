; expect: PERF ERROR in instr 1 (line 12): ##array_set: Array index 5 out of range (0,5) for dimension 1; note deleted
; note error
<CsoundSynthesizer>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1
  kArr[] init 5
  kndx init 0
  kArr[kndx] = kndx * 2
  kndx += 1
endin
</CsInstruments>
<CsScore>
i1 0 1
</CsScore>
</CsoundSynthesizer>
