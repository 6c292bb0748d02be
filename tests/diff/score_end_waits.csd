<CsoundSynthesizer>
; The end of the score waits for the notes instruments started: as in Csound
; 6.18 (Engine/musmon.c, the 'e' of the score's end), while any note with a
; finite p3 still plays, the performance goes on until the last one ends;
; then a held note stops.  Here the score ends at 1 s, and the phrase that
; instrument 2 schedules near its end rings on to 1.9 s, heard whole, with
; the held drone under it until then.
; difftest: sdr 120
; oscili in double precision; a phrase cut at the score's end fails by far.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 48
nchnls = 1
0dbfs = 1

instr 1                 ; p4 cps
  kenv linseg 0, 0.01, 1, p3 - 0.02, 1, 0.01, 0
  a1 oscili 0.2 * kenv, p4
  out a1
endin

instr 2                 ; a phrase, from near the score's end
  schedule 1, 0.8, 0.3, 440
  schedule 1, 1.05, 0.4, 550
  schedule 1, 1.4, 0.5, 660
endin

instr 3                 ; a held drone
  a1 oscili 0.05, 110
  out a1
endin
</CsInstruments>
<CsScore>
i 3 0 -1
i 2 0 1
</CsScore>
</CsoundSynthesizer>
