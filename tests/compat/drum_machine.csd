<CsoundSynthesizer>
; A drum pattern: a kick (sine with a falling expon pitch), a snare (seeded
; rand noise through butterbp plus a tone), hi-hats (rand through butterhp),
; each shaped with expseg.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 16
nchnls = 2
0dbfs = 1

instr 1                         ; kick: p4 amp
  kf   expon 160, 0.2, 45
  kenv expseg 1, 0.3, 0.001
  a1   oscili p4 * kenv, kf
  outs a1, a1
endin

instr 2                         ; snare: p4 amp
  an   rand 1, 0.42, 1
  ab   butterbp an, 1800, 1200
  kenv expseg 1, 0.18, 0.001
  at   oscili 0.4, 185
  kte  expseg 1, 0.06, 0.001
  a1 = (ab * kenv + at * kte) * p4
  outs a1 * 0.8, a1
endin

instr 3                         ; hi-hat: p4 amp, p5 decay
  an   rand 1, 0.77, 1
  ah   butterhp an, 7000
  kenv expseg 1, p5, 0.001
  a1 = ah * kenv * p4
  outs a1 * 0.6, a1 * 0.9
endin
</CsInstruments>
<CsScore>
i1 0.00 0.4 0.8
i3 0.00 0.1 0.3 0.05
i3 0.25 0.1 0.2 0.05
i2 0.50 0.3 0.6
i3 0.50 0.1 0.3 0.05
i3 0.75 0.3 0.2 0.25
i1 1.00 0.4 0.8
i1 1.25 0.4 0.6
i3 1.00 0.1 0.3 0.05
i3 1.25 0.1 0.2 0.05
i2 1.50 0.3 0.6
i3 1.50 0.1 0.3 0.05
i3 1.75 0.1 0.2 0.05
i1 2.00 0.4 0.8
i3 2.00 0.1 0.3 0.05
i3 2.25 0.1 0.2 0.05
i2 2.50 0.3 0.6
i2 2.875 0.3 0.4
i3 2.50 0.1 0.3 0.05
i3 2.75 0.3 0.2 0.25
e
</CsScore>
</CsoundSynthesizer>
