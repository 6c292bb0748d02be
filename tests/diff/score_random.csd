<CsoundSynthesizer>
; Random values in the score: y sets the seed, [~] draws a number from
; 0 to 1 inside [ ] expressions, '~' alone in a p-field a value between
; the instrument's previous and next notes.  Csound's score generator
; (Rand31 from seed 15937, then the y seed) must be reproduced draw for
; draw, in csound's order, for the pitches to match.  Also the [ ]
; operators with csound's own precedence: & | # % ^ @ @@.
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1
  aenv linseg 0, 0.01, 0.2, p3 - 0.02, 0.2, 0.01, 0
  a1 oscili aenv, p4, 1
  out a1
endin
</CsInstruments>
<CsScore>
f 1 0 8192 10 1 0.3
i 1 0 0.2 [200 + ~ * 400]
y 1234
i 1 0.25 0.2 [200 + ~ * 400]
i 1 0.5 0.2 [200 + [~ * 400]]
i 1 0.75 0.2 300
i 1 1 0.2 ~
i 1 1.25 0.2 ~
i 1 1.5 0.2 900
{ 4 K
i 1 [1.75 + $K * 0.25] 0.2 [100 * (1 + ~) * ($K + 2)]
}
i 1 3 0.2 [100 * (5 & 3 | 8)]
i 1 3.25 0.2 [100 * (6 # 3)]
i 1 3.5 0.2 [50 * (17 % 5) + 2 ^ 3 * 2 + @8 + @@8]
i 1 3.75 0.2 [1000 - 2 * 300 + 100]
e
</CsScore>
</CsoundSynthesizer>
