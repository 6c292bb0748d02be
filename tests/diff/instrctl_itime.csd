<CsoundSynthesizer>
; Instruments scheduling instruments at i-time: event_i and schedule, the
; instrument by number, by name and with a fraction (2.1), p2 = 0 (starts in
; the caller's own k-cycle, at its first frame, as Csound 6.18 does) and
; later ones, a held note (negative p3) that turnoff2_i ends, nstrnum, and
; schedule in the header (instr 0).  Every start falls on the block grid
; (48 kHz, ksmps 48: 1 ms blocks), where Csound and ondes place notes alike.
; difftest: sdr 120
; oscili and linseg in double precision; measured as float-LSB differences,
; while a note one k-cycle early or late fails by far.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 48
nchnls = 2
0dbfs = 1

instr 1                 ; a melody: five notes of "tone" from one note
  ibase = p4
  event_i "i", "tone", 0, 0.2, ibase, 0.2
  inum nstrnum "tone"
  event_i "i", inum, 0.25, 0.2, ibase * 5/4, 0.15
  schedule "tone", 0.5, 0.2, ibase * 3/2, 0.2
  schedule inum, 0.75, 0.3, ibase * 2, 0.1
  schedule inum + 0.5, 1.0, 0.3, ibase * 9/8, 0.1
endin

instr tone              ; by name (its number is nstrnum's)
  kenv linseg 0, 0.01, 1, p3 - 0.02, 1, 0.01, 0
  a1 oscili p5 * kenv, p4
  outs a1, a1 * 0.5
endin

instr 2                 ; held (negative p3), fraction kept in p1
  kenv linseg 0, 0.02, 1
  a1 oscili 0.1 * kenv, 220 + 100 * frac(p1)
  outs a1 * 0.3, a1
endin

instr 4                 ; starts two held notes, a later one ends them
  event_i "i", 2.1, 0, -1
  schedule 2.2, 0.1, -1
endin

instr 5
  turnoff2_i 2, 0, 0
endin

schedule 1, 0.002, 1.4, 440
</CsInstruments>
<CsScore>
i 1 0.5 0.01 330
i 4 2 0.01
i 5 2.6 0.01
e 3
</CsScore>
</CsoundSynthesizer>
