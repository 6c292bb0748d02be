<CsoundSynthesizer>
; A legato duet on tied notes: a "phrase" instrument sends a melody as held
; notes of fractional instrument numbers (negative p3), each new note of the
; same voice tying to the held one — tival tells the lead to keep its
; oscillator phase and skip its attack, so the line glides from pitch to
; pitch without a click — and ends each voice with a negative p1.  A bass
; line is made by a sequencer with event_i, its defaults from pset, its
; count of p-fields from pcount; a pad is held with ihold and released by
; turnoff2.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                         ; the lead, one voice per fraction
  itie tival
  iph = (itie == 1 ? -1 : 0)
  if itie == 1 igoto tied
  kamp linseg 0, 0.04, 1
tied:
  kenv linsegr 1, 0.1, 1, 0.12, 0
  kcps = cpsmidinn(p4)
  a1 oscili 0.16 * kamp * kenv, kcps, 2, iph
  a1 butterlp a1, 2400
  ipan = frac(p1) * 5 - 0.5
  outs a1 * (1 - ipan), a1 * ipan
endin

instr phrase                    ; p4 voice (1 or 2), p5 first note, p6 step length
  iv = 1 + p4 / 10
  istep = p6
  event_i "i", iv, 0,         -1, p5
  event_i "i", iv, istep,     -1, p5 + 2
  event_i "i", iv, istep * 2, -1, p5 + 4
  event_i "i", iv, istep * 3, -1, p5 + 7
  event_i "i", iv, istep * 4, -1, p5 + 5
  event_i "i", -iv, istep * 5.5, 0
endin

instr 3                         ; bass: p4 note, p5 level, p6 cutoff (pset gives the defaults)
  pset 3, 0, 0.3, 36, 0.2, 700
  icnt pcount
  kenv linseg 0, 0.01, 1, p3 - 0.06, 0.7, 0.05, 0
  a1 vco2 p5 * kenv, cpsmidinn(p4)
  a1 moogladder a1, p6 + 50 * icnt, 0.2
  outs a1, a1
endin

instr seq                       ; eight bass notes, some with all their p-fields, some with pset's
  event_i "i", 3, 0,    0.3, 36
  event_i "i", 3, 0.4,  0.3, 43, 0.15
  event_i "i", 3, 0.8,  0.3, 41, 0.2, 1200
  event_i "i", 3, 1.2,  0.3, 36
  event_i "i", 3, 1.6,  0.3, 39, 0.25, 500
  event_i "i", 3, 2.0,  0.3, 43
  event_i "i", 3, 2.4,  0.3, 41, 0.18
  event_i "i", 3, 2.8,  0.5, 36
endin

instr 4                         ; a pad, held past its p3 by ihold
  ihold
  kenv linsegr 0, 0.3, 1, 0.4, 0
  a1 oscili 0.05 * kenv, cpsmidinn(p4)
  a2 oscili 0.05 * kenv, cpsmidinn(p4) * 1.005
  outs a1, a2
endin

instr padoff
  turnoff2 4, 0, 1
endin
</CsInstruments>
<CsScore>
f 2 0 8192 10 1 0.4 0.2 0.1 0.05
i "seq"    0    0
i "phrase" 0.2  0  1 60 0.3
i "phrase" 0.35 0  2 67 0.25
i "phrase" 2.2  0  1 62 0.2
i 4 0.1 0.5 48
i 4 0.6 0.5 55
i "padoff" 3.2 0.05
e 4
</CsScore>
</CsoundSynthesizer>
