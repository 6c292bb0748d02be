<CsoundSynthesizer>
; A subtractive bass line and chords: vco2 saws and PWM squares through
; moogladder and butterlp, shaped by linsegr and adsr, panned with pan2.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                         ; bass: p4 pitch (pch), p5 amp
  icps = cpspch(p4)
  kenv linsegr 0, 0.01, 1, 0.2, 0.6, 0.15, 0
  kcut expseg 3000, 0.25, 400, 1, 300
  asaw vco2 p5, icps
  asub vco2 p5 * 0.5, icps * 0.5, 10
  af   moogladder asaw + asub, kcut, 0.4
  al, ar pan2 af * kenv, 0.45
  outs al, ar
endin

instr 2                         ; chord voice: p4 pitch, p5 amp, p6 pan
  icps = cpspch(p4)
  kenv adsr 0.08, 0.2, 0.7, 0.4
  klfo oscili 0.2, 0.7
  apw  vco2 p5, icps, 2, 0.5 + klfo
  af   butterlp apw, 1800
  al, ar pan2 af * kenv, p6
  outs al, ar
endin
</CsInstruments>
<CsScore>
i1 0.00 0.4 6.00 0.5
i1 0.50 0.4 6.00 0.5
i1 1.00 0.4 6.03 0.5
i1 1.50 0.4 6.05 0.5
i1 2.00 0.4 6.07 0.5
i1 2.50 0.4 6.05 0.5
i1 3.00 0.8 5.10 0.5
i2 0.00 1.9 8.00 0.12 0.2
i2 0.00 1.9 8.03 0.12 0.5
i2 0.00 1.9 8.07 0.12 0.8
i2 2.00 1.9 7.10 0.12 0.3
i2 2.00 1.9 8.02 0.12 0.7
i2 2.00 1.9 8.05 0.12 0.5
e
</CsScore>
</CsoundSynthesizer>
