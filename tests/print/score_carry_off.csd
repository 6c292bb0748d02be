<CsoundSynthesizer>
; The score's C statement (Csound 6.08+): C 0 switches the carry of missing
; p-fields after p3 off (pcount sees only what is written), p1-p3 are still
; carried, '.' still carries a p-field; C 1 switches carry on again.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  print p2, p3, pcount(), p4, p5
endin
</CsInstruments>
<CsScore>
i1 0 .5 100 7
i . + . 200
s
i1 0 .5 100 9
i . + .
C 0
i . . .
i . .
i .
i . . . . 5
C 1
i . .
e
</CsScore>
</CsoundSynthesizer>
