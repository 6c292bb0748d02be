<CsoundSynthesizer>
; expseg in both rates.  Channel 1: the envelope itself (a-rate, or a k-rate one
; held over each block); channel 2: a sine at that amplitude.  Several
; segments, negative values, a note longer than the segments (Csound's last
; segment never ends: the curve goes on with its ratio), starts off the block
; grid.
; difftest: sdr 120
; Csound's algorithm (ugens1.c xsgset/kxpseg/expseg): per segment a ratio
; (b/a)^(1/(dur·kr)) or ^(1/(dur·sr)) over (int)(dur·rate + 0.5) steps, each
; segment starting again from its own first point; all in double, so only
; float output rounding differs (~-140 dB).
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
  kenv expseg 0.001, p4, 0.9, p5, 0.3, p6, 0.2, p7, 0.001
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate
  aenv expseg 0.001, p4, 0.9, p5, 0.3, p6, 0.2, p7, 0.001
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 3                 ; negative values, a segment shorter than a block; k and a
  kenv expseg -0.05, 0.2, -0.8, 0.001, -0.4, 0.1, -0.5
  aenv expseg -0.6, 0.001, -0.3, 0.15, -0.05, 0.1, -0.1
  ak = kenv
  outs ak, aenv
endin
</CsInstruments>
<CsScore>
i 1 0      0.5    0.05   0.1    0.2    0.15
i 1 0.55011 0.45  0.1    0.05   0.1    0.2
i 2 1.0003 0.5    0.05   0.1    0.2    0.15
i 2 1.55011 0.45  0.1    0.05   0.1    0.2
i 3 2.00011 0.33
i 3 2.40032 0.45
</CsScore>
</CsoundSynthesizer>
