<CsoundSynthesizer>
; turnoff2 heard: instr 2 stops instr 3's notes by mode (all, oldest,
; newest, exact fraction, held only), with release (linsegr's tail plays)
; and without; the notes are ordered as Csound's list (p1, then start).
; Csound 6.18's kperf quirk is heard too: when turnoff2 ends at once the
; note performing next, the notes after it (instr 9's steady tone) skip
; that k-cycle: a block of silence, as in Csound.
; difftest: sdr 100
; Oscillators as Csound's, in double: measured ~145 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1

instr 2                         ; at p4 seconds into the note: turnoff2 p5, p6, p7
  kt timeinsts
  ktrig init 1
  if kt >= p4 && ktrig == 1 then
    turnoff2 p5, p6, p7
    ktrig = 0
  endif
endin

instr 3                         ; p4 pitch; a release of 0.05 s
  kenv linsegr 0, 0.01, 1, 0.05, 0
  out oscili(0.08 * kenv, p4)
endin

instr 9                         ; a steady tone after the others
  out oscili(0.05, 110)
endin
</CsInstruments>
<CsScore>
i 9 0 4.5
; all, at once
i 3.1 0 -1 220
i 3.2 0.05 1 330
i 2 0 1 0.3 3 0 0
; oldest with release, then newest without (3.15 comes before 3.4 in the list)
i 3.4 0.5 -1 440
i 3.15 0.6 -1 550
i 3.3 0.7 -1 660
i 2 0.5 1 0.5 3 1 1
i 2 0.5 1 0.7 3 2 0
; exactly 3.4 with release; held ones only (3.6 lasts)
i 3.6 1.5 2 770
i 3.5 1.6 -1 880
i 2 1.5 1 0.5 3.4 4 1
i 2 1.5 1 0.8 3 8 0
; a note of instr 2 without an instrument to stop: p1 <= 0 does nothing
i 2 3.5 0.5 0.1 -3 0 0
</CsScore>
</CsoundSynthesizer>
