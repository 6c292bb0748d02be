<CsoundSynthesizer>
; Additive bells (poscil on GEN 10 partial tables, expon decays) into a
; Schroeder reverb: four parallel combs and two alpasses in series.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

garev init 0

instr 1                         ; bell: p4 Hz, p5 amp
  kenv expon 1, p3, 0.001
  a1 poscil p5 * kenv, p4, 1
  a2 poscil p5 * 0.6 * kenv * kenv, p4 * 2.76, 1
  a3 poscil p5 * 0.3 * kenv * kenv * kenv, p4 * 5.4, 2
  amix = a1 + a2 + a3
  outs amix * 0.6, amix * 0.4
  garev = garev + amix * 0.3
endin

instr 90                        ; Schroeder reverb
  ac1 comb garev, 1.8, 0.0297
  ac2 comb garev, 1.8, 0.0371
  ac3 comb garev, 1.8, 0.0411
  ac4 comb garev, 1.8, 0.0437
  asum = (ac1 + ac2 + ac3 + ac4) * 0.25
  aa1 alpass asum, 0.09, 0.005
  aa2 alpass aa1, 0.03, 0.0017
  outs aa2, aa1
  garev = 0
endin
</CsInstruments>
<CsScore>
f1 0 8192 10 1
f2 0 8192 10 1 0.3 0.1
i90 0 6.5
i1 0.0 2.5 440 0.2
i1 0.4 2.5 660 0.15
i1 0.8 3.0 330 0.2
i1 1.6 2.0 880 0.1
i1 2.4 3.5 220 0.25
i1 3.0 2.0 523.25 0.15
e
</CsScore>
</CsoundSynthesizer>
