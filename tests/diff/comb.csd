<CsoundSynthesizer>
; comb, combinv and alpass: loop times in seconds and in samples (insmps),
; reverb times constant and swept at k-rate (the gain is recomputed when it
; changes), alpass's x-rate reverb time also at a-rate (read from the block's
; first frame), a reverb time so short comb's gain flushes to 0; on noise
; (rand, fixed seed); notes start and end mid-block (combinv runs the whole
; block as Csound does).
; difftest: sdr 120
; Same recirculation as Csound in double.  Measured 143.9 dB (the float
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
  krvt line 0.3, p3, 2
  a1   comb asrc, krvt, 0.0113
  a2   comb asrc, 1.5, 331, 0, 1      ; 331 samples
  a3   combinv asrc, krvt, 0.0071
  a4   alpass asrc, krvt, 0.0051
  artv oscili 0.5, 3
  artv = artv + 1
  a5   alpass asrc, artv, 0.0037
  a6   comb asrc, 0.0001, 0.01        ; gain below 1e-16: 0
  outs (a1 + a2 + a6) * 0.2, (a3 + a4 + a5) * 0.2
endin
</CsInstruments>
<CsScore>
i 1 0.0003 0.6
i 1 0.7107 0.4
</CsScore>
</CsoundSynthesizer>
