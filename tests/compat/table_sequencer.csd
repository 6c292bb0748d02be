<CsoundSynthesizer>
; A step sequencer: a phasor walks a GEN -2 table of pitches (table, int),
; a lead plays them through reson with a swept centre, a second voice reads
; a GEN 7 wavetable with tablei, a GEN 5 table shapes its accents.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                         ; sequencer lead: p4 steps per second, p5 amp
  kph  phasor p4 / 8
  kstp = int(kph * 8)
  kpch table kstp, 2
  kcps = cpspch(kpch)
  kacc table kph, 3, 1
  asq  vco2 p5 * kacc, kcps, 10
  kcf  linseg 400, p3 / 2, 3000, p3 / 2, 600
  af   reson asq, kcf, kcf * 0.3, 1
  al, ar pan2 af, 0.3
  outs al, ar
endin

instr 2                         ; wavetable drone: p4 Hz, p5 amp
  aph  phasor p4
  a1   tablei aph, 4, 1
  kenv linen p5, 0.5, p3, 1
  al, ar pan2 a1 * kenv, 0.75
  outs al, ar
endin
</CsInstruments>
<CsScore>
f2 0 8 -2 8.00 8.03 8.07 8.10 9.00 8.10 8.07 8.03
f3 0 1024 5 1 1024 0.2
f4 0 4096 7 0 1024 1 2048 -1 1024 0
i1 0 4 4 0.3
i2 0 4.5 110 0.15
i2 2 2.5 164.81 0.1
e
</CsScore>
</CsoundSynthesizer>
