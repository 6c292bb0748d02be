<CsoundSynthesizer>
; Named sections: m marks a section, n plays it again where it stands
; (ending a section there, as csound 6.18 does), x skips the rest of a
; section.  The verse plays three times, the chorus twice; the notes
; after x must stay silent.
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1
  aenv linseg 0, 0.01, 0.25, p3 - 0.02, 0.25, 0.01, 0
  a1 oscili aenv, p4, 1
  out a1
endin
instr 2
  aenv expseg 0.2, p3, 0.001
  a1 oscili aenv, p4, 1
  out a1
endin
</CsInstruments>
<CsScore>
f 1 0 8192 10 1
m verse
i 1 0 0.25 440
i 1 0.25 0.25 550
i 1 0.5 0.5 660
s
m chorus
i 2 0 0.5 220
i 2 0.5 0.5 [220 * 1.5]
s
i 1 0 0.5 880
x
i 1 0.5 0.5 990
i 2 0 1 110
s
n verse
n chorus
n verse
e
</CsScore>
</CsoundSynthesizer>
