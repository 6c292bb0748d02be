<CsoundSynthesizer>
; atone (first-order high-pass, tone's complement) with a constant and a
; k-rate swept cutoff, on white noise from rand (fixed seed), notes starting
; mid-block, istor set.  Csound 6.18 has no a-rate-cutoff atone (its afilters.c
; entry is registered with the k-rate signature, so an a-rate cutoff does not
; compile), so there is none here either.
; difftest: sdr 110
; Same recursion and coefficients as Csound in double; float input here: ~-130 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1
  asrc rand 0.5, 0.3, 1
  kcf  expon 20, p3, 12000
  a1   atone asrc, p4
  a2   atone asrc, kcf
  outs a1, a2
endin

instr 2                 ; a low-frequency input: atone of a slow sine + noise, istor = 1
  asin oscili 0.4, 3
  anz  rand 0.1, 0.9
  a1   atone asin + anz, p4, 1
  outs a1, a1
endin
</CsInstruments>
<CsScore>
i 1 0      1.0003 1000
i 1 1.1013 0.5    5
i 2 1.7003 1.0    200
</CsScore>
</CsoundSynthesizer>
