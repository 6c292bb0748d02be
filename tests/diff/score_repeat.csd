<CsoundSynthesizer>
; The r statement: the section up to its s plays again with the macro
; counting 0, 1, 2 (csound 6.18 starts at 0; the manual says 1), each
; repeat its own section; a second r ends the first.  The counter sets
; pitch and loudness, so a wrong count or section timing is heard.
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1
  aenv linseg 0, 0.01, p5, p3 - 0.02, p5, 0.01, 0
  a1 oscili aenv, p4, 1
  out a1
endin
</CsInstruments>
<CsScore>
f 1 0 8192 10 1 0.5 0.3
i 1 0 0.5 220 0.2
r 3 REP
i 1 0.25 0.4 [330 + $REP * 55] [0.1 + $REP * 0.05]
i 1 0.75 0.25 [440 * ($REP + 1)] 0.1
r 2 AGAIN
i 1 0 0.25 [660 - $AGAIN * 110] 0.2
s
i 1 0 0.5 550 0.2
e
</CsScore>
</CsoundSynthesizer>
