<CsoundSynthesizer>
; Where notes end, as Csound 6.18 --sample-accurate times them (Engine/insert.c
; insert): (int)(p3 * sr) frames after the start, in the last k-cycle, which
; is k-cycle ceil((p2 + p3) * kr) - 1; when those frames fill that k-cycle
; exactly, the whole of it plays.  So "i 1 0.1 0.2" at 48000/48 plays to
; frame 14448, not 14400 (0.1 + 0.2 is 0.30000000000000004), while
; "i 1 0.7 0.2" ends on 43200; ends mid-block are truncated, not rounded
; (p3 0.3217: 15441 frames, not 15442).  The last note ends with
; the score and plays its whole last k-cycle too, as Csound performs every
; k-cycle that starts before the score's end.  A note with a release
; (linsegr) keeps its end rounded to a k-cycle.
; difftest: sdr 120
; difftest: length exact
; oscili in double precision; a note a frame or a k-cycle long or short fails by far.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 48
nchnls = 1
0dbfs = 1

instr 1                 ; p4 cps
  a1 oscili 0.3, p4
  out a1
endin

instr 2                 ; p4 cps, with a release
  kenv linsegr 1, p3, 1, 0.05, 0
  a1 oscili 0.2 * kenv, p4
  out a1
endin
</CsInstruments>
<CsScore>
i 1 0.1    0.2    440
i 1 0.7    0.2    550
i 1 0.0311 0.25   660
i 1 1.1    0.3    330
i 2 1.5    0.2    770
i 1 1.8003 0.3217 880
i 1 2.5    0.3    495
i 1 2.9    0.2    605
i 1 3.1    0.2    715
</CsScore>
</CsoundSynthesizer>
