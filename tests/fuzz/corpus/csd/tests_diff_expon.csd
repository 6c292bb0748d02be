<CsoundSynthesizer>
; expon in both rates.  Channel 1: the envelope itself (a-rate, or a k-rate one
; held over each block); channel 2: a sine at that amplitude.  Rising and
; falling curves, negative values, notes longer than idur (the curve goes on
; with the same ratio), starts off the block grid.
; difftest: sdr 120
; Csound's algorithm: a constant ratio (ib/ia)^(1/(idur·sr)) per sample or
; ^(1/(idur·kr)) per k-cycle, multiplied in double; only float output rounding
; differs (~-140 dB).  (Not tested: idur <= 0, where Csound skips its init
; and a reused instance goes on from the previous note's state.)
; Measured ~150 dB (differences of one float LSB); 120 dB leaves margin while
; any change in segment counting (one sample or k-cycle) fails it.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 64
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate
  kenv expon p4, p5, p6
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate
  aenv expon p4, p5, p6
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin
</CsInstruments>
<CsScore>
i 1 0      0.46  0.001  0.45  0.8
i 1 0.60011 0.4   0.9    0.3   0.01
i 1 1.1    0.3  -0.5    0.5  -0.05
i 2 1.5003 0.5   0.0001 0.5   0.9
i 2 2.1    0.59  0.8    1.0   0.1
i 2 2.80061 0.3  -0.9    0.1  -0.2
</CsScore>
</CsoundSynthesizer>
