<CsoundSynthesizer>
; transeg in both rates: segments with curvature (type > 0: slow then fast,
; < 0: fast then slow, 0: straight), rising and falling, a zero-length one, a
; note longer than the segments (the last value is held), starts off the block
; grid.  Channel 1: the envelope itself (a-rate, or a k-rate one held over each
; block); channel 2: a sine at that amplitude.
; difftest: sdr 120
; Csound's trnset/ktrnseg/trnseg (OOps/pitch.c): val + c1·(1 − e^(alpha·i))
; recomputed from the segment start each step, so no drift; double arithmetic,
; only float output rounding differs.
; Measured ~150 dB (differences of one float LSB); 120 dB leaves margin while
; any change in segment counting (one sample or k-cycle) fails it.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate
  kenv transeg 0, p4, 3, 0.9, p5, -4, 0.3, p6, 0, 0.3, 0.1, -2, 0.6, p7, 2, 0
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate
  aenv transeg 0, p4, 3, 0.9, p5, -4, 0.3, p6, 0, 0.3, 0, 0, 0.6, p7, 2, 0
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin
</CsInstruments>
<CsScore>
; ins start    dur    att    dec    sus    rel
i 1  0         0.7    0.05   0.1    0.1    0.2
i 1  0.80001   0.8    0.1    0.05   0.1    0.15
i 2  1.70003   0.7    0.05   0.1    0.1    0.2
i 2  2.50001   0.8    0.1    0.05   0.1    0.15
</CsScore>
</CsoundSynthesizer>
