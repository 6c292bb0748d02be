<CsoundSynthesizer>
; The score's end, as Csound 6.18 --sample-accurate places it: "e 2.5" is read in
; the k-cycle its time falls in (2.5 * 44100 / 64 = 1722.6: the output is 1722
; k-cycles, 110208 frames, not 110250), once the notes with a finite p3 have
; ended; the held note (p3 = -1) stops there, its release (linsegr) not
; heard, as Csound stops it.  (score_end_waits: a note that outlasts the end.)
; difftest: sdr 140
; difftest: length exact
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 64
nchnls = 1
0dbfs = 1

gione ftgen 1, 0, 16, -7, 1, 16, 1

instr 1                 ; p4 level
  a1 oscili p4, 0, gione
  out a1
endin

instr 2                 ; held, with a release
  kenv linsegr 1, 1, 1, 0.3, 0
  a1 oscili 0.1 * kenv, 0, gione
  out a1
endin
</CsInstruments>
<CsScore>
i 2 0.5  -1
i 1 0.25 0.5   0.2
i 1 0.3  2.1   0.15
e 2.5
</CsScore>
</CsoundSynthesizer>
