<CsoundSynthesizer>
; linseg in both rates.  Channel 1: the envelope itself (a-rate, or a k-rate one
; held over each block); channel 2: a sine at that amplitude.  Several segments,
; a zero-length one (a jump), segments shorter than a block, a note longer than
; the segments (the last value is held) and one shorter, starts off the block
; grid.
; difftest: sdr 120
; Csound's algorithm (ugens1.c lsgset/klnseg/linseg): whole k-cycle counts with
; klnseg's recomputed step in a segment's last 9 k-cycles, whole sample counts
; at a-rate, the null first segment; all in double, so only float output
; rounding differs (~-140 dB).
; Measured ~150 dB (differences of one float LSB); 120 dB leaves margin while
; any change in segment counting (one sample or k-cycle) fails it.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate, attack / decay / sustain / release shape
  kenv linseg 0, p4, 0.9, p5, 0.4, p6, 0.4, p7, 0
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate, same shape
  aenv linseg 0, p4, 0.9, p5, 0.4, p6, 0.4, p7, 0
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 3                 ; k-rate: a jump, a very short segment, then held
  kenv linseg 0.2, 0.1, 0.7, 0, -0.3, 0.0005, 0.5, 0.05, 0.1
  aenv = kenv
  a1 oscili kenv, 550
  outs aenv, a1
endin

instr 4                 ; a-rate: the same
  aenv linseg 0.2, 0.1, 0.7, 0, -0.3, 0.0005, 0.5, 0.05, 0.1
  a1 oscili 0.5, 550
  outs aenv, a1 * aenv
endin

instr 5                 ; one segment, both rates summed (k: odd slope counts)
  kenv linseg 0.8, p4, -0.1
  aenv linseg -0.1, p4, 0.7
  ak = kenv
  outs ak, aenv
endin
</CsInstruments>
<CsScore>
i 1 0      0.5    0.05   0.1    0.2    0.15
i 1 0.5501 0.4    0.1    0.05   0.2    0.2
i 2 1.0003 0.5    0.05   0.1    0.2    0.15
i 2 1.5501 0.4    0.1    0.05   0.2    0.2
i 3 2.0001 0.3
i 4 2.4003 0.3
i 5 2.8001 0.4    0.3333
i 5 3.3    0.2    0.0021
</CsScore>
</CsoundSynthesizer>
