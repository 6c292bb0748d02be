<CsoundSynthesizer>
; Plucked strings (pluck, two decay methods) sent to a global stereo
; ping-pong echo built from delayr/deltapi/delayw with a tone-filtered
; feedback path; the echo instrument runs for the whole piece.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 64
nchnls = 2
0dbfs = 1

gasend init 0

instr 1                         ; string: p4 pitch (pch), p5 amp, p6 method
  icps = cpspch(p4)
  a1 pluck p5, icps, icps, 0, p6
  aenv linen 1, 0.005, p3, 0.1
  a1 = a1 * aenv
  outs a1 * 0.7, a1 * 0.5
  gasend = gasend + a1 * 0.4
endin

instr 99                        ; ping-pong echo
  abufl delayr 1
  atapl deltapi 0.375
  abufr delayr 1
  atapr deltapi 0.25
  afb   tone atapr, 3000
  delayw gasend + afb * 0.45
  delayw atapl * 0.8
  outs atapl, atapr
  gasend = 0
endin
</CsInstruments>
<CsScore>
i99 0 6
i1 0.00 0.8 8.00 0.5 1
i1 0.25 0.8 8.04 0.5 1
i1 0.50 0.8 8.07 0.5 1
i1 0.75 0.8 9.00 0.5 1
i1 1.50 1.0 7.09 0.6 6
i1 1.75 1.0 8.00 0.6 6
i1 2.00 1.0 8.04 0.6 6
i1 3.00 1.5 7.07 0.6 1
i1 3.00 1.5 8.02 0.5 6
e
</CsScore>
</CsoundSynthesizer>
