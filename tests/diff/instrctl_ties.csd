<CsoundSynthesizer>
; Fractional instrument numbers, held notes (negative p3) and ties, as
; Csound's insert_event makes them: an event whose p1 (fraction and all)
; equals a held note's continues that note.  Its init pass runs again with
; the new p-fields and tival reads 1: here the oscillator keeps its phase
; (iphs -1 on a tie) and an envelope skipped with igoto keeps its level, so a
; tie is heard as a change of pitch without a click.  A tie with a positive
; p3 ends the note p3 later (rounded to a k-cycle, as Csound times a tied
; note); a negative p1 ends the held note of that p1; ihold holds a note
; that was given a duration; turnon starts a held one; instr 15 skips its
; envelope's and oscillator's init with tigoto on a tie (a delay line's
; memory is reused, not taken again).
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 48
nchnls = 2
0dbfs = 1

instr 10
  itie tival
  iph = (itie == 1 ? -1 : 0)
  if itie == 1 igoto cont
  kenv linseg 0, 0.05, 1
cont:
  a1 oscili 0.2 * kenv, p4, -1, iph
  outs a1 * (frac(p1) * 5), a1 * (1 - frac(p1) * 3)
endin

instr 11                ; ihold: given 0.2 s, held until a negative p1 ends it
  ihold
  kenv linsegr 0, 0.01, 1, 0.03, 0
  a1 oscili 0.15 * kenv, p4
  outs a1 * 0.3, a1
endin

instr 12                ; turnon: held from 0.003 s later, ended by turnoff2
  turnon 13, 0.003
endin

instr 13
  a1 oscili 0.1, 330
  outs a1, a1
endin

instr 14
  turnoff2 13, 0, 0
endin

instr 15
  tigoto tied
  kenv linseg 0, 0.03, 1
  a1 oscili 0.15, p4, -1
tied:
  a2 oscili 0.15, p4, -1, -1
  adl delay a1 * kenv + a2 * 0, 0.05
  outs (a1 + adl * 0.5) * kenv, adl * kenv
endin
</CsInstruments>
<CsScore>
i 10.1 0    -1  440
i 10.2 0.1  -1  550
i 10.1 0.5  -1  660
i 10.2 0.7  -1  330
i 10.1 0.9  0.41 880
i -10.2 1.2 0
i 10.2 1.4  -1  220
i 10.2 1.6  0.3 247
i 11   0.2  0.2 500
i -11  1.0  0
i 12   1.3  0
i 14   1.8  0.1
i 15.1 0.2  -1  300
i 15.1 0.6  -1  450
i 15.1 0.9  0.5 375
e 2.2
</CsScore>
</CsoundSynthesizer>
