<CsoundSynthesizer>
; adsr and xadsr (envelopes fitted inside p3, not release-sensitive) in both
; rates.  Channel 1: the envelope itself (a-rate, or a k-rate one held over each
; block); channel 2: a sine at that amplitude.  With and without a delay, a
; note too short for its segments, starts off the block grid.
; Kept from Csound 6: a k-rate adsr spends one k-cycle on its (null and) delay
; segment even when idel is 0; an a-rate adsr skips the delay (its delay
; segment has no sample count) yet still takes it off the sustain; xadsr's
; sustain does not take the delay off; iatt <= 0 leaves adsr at 0.
; difftest: sdr 120
; Csound's adsrset1/xdsrset segment tables played by linseg/expseg: double
; arithmetic, so only float output rounding differs (~-140 dB).
; Measured ~150 dB (differences of one float LSB); 120 dB leaves margin while
; any change in segment counting (one sample or k-cycle) fails it.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; adsr, k-rate
  kenv adsr p4, p5, p6, p7, p8
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; adsr, a-rate
  aenv adsr p4, p5, p6, p7, p8
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 3                 ; xadsr, k-rate
  kenv xadsr p4, p5, p6, p7, p8
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 4                 ; xadsr, a-rate
  aenv xadsr p4, p5, p6, p7, p8
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 5                 ; adsr with iatt = 0: no setup, 0 throughout (a fresh instance)
  kenv adsr 0, 0.1, 0.5, 0.1
  aenv adsr 0, 0.1, 0.5, 0.1
  ak = kenv
  outs ak + 0.1, aenv + 0.1
endin
</CsInstruments>
<CsScore>
; ins start    dur   iatt   idec  islev irel  idel
i 1  0         0.6   0.05   0.1   0.6   0.2   0
i 1  0.65001   0.5   0.1    0.05  0.4   0.1   0.05
i 1  1.20003   0.2   0.1    0.1   0.5   0.1   0
i 2  1.50001   0.6   0.05   0.1   0.6   0.2   0
i 2  2.15001   0.5   0.1    0.05  0.4   0.1   0.05
i 2  2.70003   0.2   0.1    0.1   0.5   0.1   0
i 3  3.00001   0.6   0.05   0.1   0.6   0.2   0
i 3  3.65001   0.5   0.1    0.05  0.4   0.1   0.05
i 3  4.20003   0.2   0.1    0.1   0.5   0.1   0
i 4  4.50001   0.6   0.05   0.1   0.6   0.2   0
i 4  5.15001   0.5   0.1    0.05  0.4   0.1   0.05
i 4  5.70003   0.2   0.1    0.1   0.5   0.1   0
i 5  6.0       0.2
</CsScore>
</CsoundSynthesizer>
