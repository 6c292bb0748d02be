<CsoundSynthesizer>
; butterbp (second-order Butterworth band-pass) with centre frequency and
; bandwidth constant, k-rate swept and a-rate swept (every rate combination),
; on white noise from rand (fixed seed), notes starting mid-block; the alias
; butbp, istor = 1, and a bandwidth of 0 (Csound outputs silence for the block).
; difftest: sdr 110
; Same bilinear coefficients and direct-form-II recursion as Csound in double;
; the float input and float a-rate controls here leave ~-130 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate: constant, and both swept
  asrc rand 0.5, 0.3, 1
  kfo  expon 100, p3, 8000
  kbw  line 20, p3, 2000
  a1   butterbp asrc, p4, p4 * 0.2
  a2   butbp asrc, kfo, kbw
  outs a1, a2
endin

instr 2                 ; a-rate centre with k bandwidth, k centre with a-rate bandwidth
  asrc rand 0.5, 0.7
  afo  expon 9000, p3, 60
  abw  line 5, p3, 3000
  a1   butterbp asrc, afo, 200
  a2   butterbp asrc, 1200, abw, 1
  outs a1, a2
endin

instr 3                 ; both a-rate; and the bandwidth stepping to 0 and back
  asrc rand 0.5, 0.11, 1
  afo  expon 200, p3, 6000
  abw  expon 1000, p3, 30
  a1   butterbp asrc, afo, abw
  kbw  = (timeinsts() < p3 * 0.5 ? 400 : (timeinsts() < p3 * 0.7 ? 0 : 100))
  a2   butterbp asrc, 1000, kbw
  outs a1, a2
endin
</CsInstruments>
<CsScore>
i 1 0      1.0003 1000
i 1 1.1013 0.5    80
i 2 1.7003 1.2
i 3 3.0003 0.8
</CsScore>
</CsoundSynthesizer>
