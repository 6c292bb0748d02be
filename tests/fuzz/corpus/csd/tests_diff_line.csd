<CsoundSynthesizer>
; line in both rates.  Channel 1: the envelope itself (a-rate, or a k-rate one
; held over each block); channel 2: a sine at that amplitude (oscili, k-rate
; amplitude) or times the a-rate line.  Notes start off the block grid, the
; line overshoots past idur (it never stops) and descends through zero.
; (Not tested: idur <= 0, where Csound skips its init and a reused instance
; goes on from the previous note's state; ondes gives 0.)
; difftest: sdr 120
; Csound's algorithm: a per-sample (a-rate) or per-k-cycle (k-rate) increment
; of (ib − ia)/idur/sr (×ksmps), accumulated in double; only float output
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

instr 1                 ; k-rate
  kenv line p4, p5, p6
  a1 oscili kenv, 440
  aenv = kenv
  outs aenv, a1
endin

instr 2                 ; a-rate
  aenv line p4, p5, p6
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin
</CsInstruments>
<CsScore>
i 1 0      0.5  0    0.3   0.5
i 1 0.6001 0.4  0.9  0.2   0.3
i 1 1.1    0.3  0.2  0.1   0.4
i 2 1.5003 0.5  0    0.25  0.4
i 2 2.1    0.6  0.8  1.0   0.1
i 2 2.8006 0.3  0.3  0.2  -0.2
</CsScore>
</CsoundSynthesizer>
