<CsoundSynthesizer>
; linen in its three forms: k-rate (k amplitude), a-rate with an a-rate
; amplitude, a-rate with a k-rate amplitude.  Rise and decay of various
; lengths, a zero rise and a zero decay, idur longer than p3 (the decay is cut
; off) and shorter (the decay goes on below zero, as Csound's does), notes
; starting off the block grid.
; difftest: sdr 120
; Csound's algorithm (ugens1.c lnnset/klinen, alnnset/linen): rise steps of
; 1/round(irise·rate), fall steps of 1/(idec·rate + 0.5), counted per k-cycle
; or per sample; double arithmetic, so only float output rounding differs.
; Measured ~150 dB (differences of one float LSB); 120 dB leaves margin while
; any change in segment counting (one sample or k-cycle) fails it.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate: kamp linen
  kenv linen p4, p5, p6, p7
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate, a-rate amplitude (a sine: linen as a VCA)
  asig oscili p4, 330
  a1 linen asig, p5, p6, p7
  outs a1, a1 * 0.5
endin

instr 3                 ; a-rate, k-rate amplitude (and a changing one)
  kamp line p4, p3, p4 * 0.5
  aenv linen kamp, p5, p6, p7
  a1 oscili 1, 550
  outs aenv, a1 * aenv
endin
</CsInstruments>
<CsScore>
; ins start    dur    amp   irise  idur   idec
i 1  0         0.5    0.8   0.1    0.5    0.2
i 1  0.55001   0.4    0.6   0      0.4    0.15
i 1  1.0003    0.3    0.7   0.05   0.35   0
i 1  1.40001   0.4    0.5   0.1    0.3    0.1
i 2  1.90001   0.5    0.8   0.1    0.5    0.2
i 2  2.45001   0.3    0.6   0      0.3    0.0001
i 2  2.80003   0.4    0.7   0.001  0.32   0.1
i 3  3.25001   0.5    0.8   0.2    0.5    0.25
i 3  3.8       0.3    0.6   0.05   0.6    0
</CsScore>
</CsoundSynthesizer>
