<CsoundSynthesizer>
; multitap with one tap and with four (times and gains at i-rate), on noise
; (rand, fixed seed) and on a sine; notes start and end mid-block.
; difftest: sdr 120
; Same taps as Csound, summed in double; the line only copies samples.
; Measured 144.8 dB (the float
; signals around it).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1
  asrc rand 0.2, 0.3, 1
  asin oscili 0.3, 220
  a1   multitap asrc, 0.01, 0.5
  a2   multitap asin, 0.0031, 0.7, 0.0173, -0.4, 0.0291, 0.3, 0.037, 0.2
  outs a1 + asrc * 0.5, a2
endin
</CsInstruments>
<CsScore>
i 1 0.0003 0.4
i 1 0.5107 0.3
</CsScore>
</CsoundSynthesizer>
