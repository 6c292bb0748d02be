<CsoundSynthesizer>
; expsega (an a-rate expseg counted in samples): rising and falling segments,
; a short one, negative values, a note longer than the segments (the last
; ratio goes on, as in Csound), starts off the block grid.  Channel 1: the
; envelope; channel 2: a sine at that amplitude.
; difftest: sdr 120
; Csound's xsgset2/expseg2: ratio (b/a)^(1/(dur·sr)) per sample, each segment
; from its own first point; double arithmetic, only float output rounding
; differs.
; Measured ~150 dB (differences of one float LSB); 120 dB leaves margin while
; any change in segment counting (one sample or k-cycle) fails it.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 64
nchnls = 2
0dbfs = 1

instr 1
  aenv expsega 0.001, p4, 0.9, 0.001, 0.5, p5, 0.2, p6, 0.002
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 2
  aenv expsega -0.02, 0.1, -0.7, 0.2, -0.3, 0.1, -0.2
  a1 oscili 0.5, 440
  outs aenv, a1 * aenv
endin
</CsInstruments>
<CsScore>
i 1  0         0.5    0.05   0.2    0.2
i 1  0.60001   0.41   0.1    0.1    0.2
i 2  1.10003   0.5
</CsScore>
</CsoundSynthesizer>
