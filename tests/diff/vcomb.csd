<CsoundSynthesizer>
; vcomb and valpass with the loop time at k-rate (swept) and at a-rate
; (modulated by a sine), in seconds and in samples (insmps), a loop time above
; imaxlpt (clamped), reverb time swept; on noise (rand, fixed seed); notes
; start and end mid-block (vcomb's a-rate loop reads frame n - offset, as
; Csound's pointer does).
; difftest: sdr 120
; Same recirculation as Csound in double; the a-rate loop time is truncated to
; whole samples, so its float rounding does not show.  Measured 143.9 dB (the float
; signals around it).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1
  asrc rand 0.1, 0.3, 1
  krvt line 0.5, p3, 1.5
  klpt line 0.002, p3, 0.03
  a1   vcomb asrc, krvt, klpt, 0.02    ; past 0.02: clamped
  a2   valpass asrc, krvt, klpt, 0.04
  alpt oscili 0.003, 2
  alpt = alpt + 0.008
  a3   vcomb asrc, 1, alpt, 0.02
  a4   valpass asrc, 1, alpt, 0.02
  a5   vcomb asrc, krvt, 217, 400, 0, 1
  outs (a1 + a3 + a5) * 0.2, (a2 + a4) * 0.2
endin
</CsInstruments>
<CsScore>
i 1 0.0003 0.5
i 1 0.6107 0.4
</CsScore>
</CsoundSynthesizer>
