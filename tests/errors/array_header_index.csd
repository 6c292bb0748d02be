; expect: INIT ERROR in instr 0 (line 9): ##array_get: Array index 2 out of range (0,2) for dimension 1
<CsoundSynthesizer>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1
giA[] fillarray 1, 2
gi1 = giA[2]
instr 1
endin
</CsInstruments>
<CsScore>
i1 0 1
</CsScore>
</CsoundSynthesizer>
