<CsoundSynthesizer>
; linenr in its three forms (k-rate; a-rate with a-rate or k-rate amplitude):
; a linear rise, unity until the note is released, then a decay by iatdec over
; idec seconds of extra time.  A note shorter than its rise, a zero rise,
; starts off the block grid.  Channel 1: the envelope (or enveloped signal);
; channel 2: a sine at that amplitude.
; Kept from Csound 6: the a-rate rise lasts (int)(irise·sr) samples, and in
; the block where it ends the last rise factor is held to the end of the block.
; Every note's end (p2 + p3) falls in the second half of a k-cycle: Csound
; starts the release at the k-cycle boundary nearest to the end time, ondes'
; engine (for now) at the first boundary at or after it.
; difftest: sdr 120
; Csound's lnrset/klinenr, alnrset/linenr; double arithmetic, only float
; output rounding differs.
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
  kenv linenr p4, p5, p6, p7
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate, a-rate amplitude
  asig oscili p4, 330
  a1 linenr asig, p5, p6, p7
  outs a1, a1 * 0.5
endin

instr 3                 ; a-rate, k-rate amplitude
  aenv linenr p4, p5, p6, p7
  a1 oscili 1, 550
  outs aenv, a1 * aenv
endin
</CsInstruments>
<CsScore>
; ins start    dur      amp   irise  idec   iatdec
i 1  0         0.3002   0.8   0.1    0.2    0.01
i 1  0.60001   0.0506   0.6   0.1    0.1    0.001
i 2  1.00003   0.3002   0.8   0.05   0.2    0.01
i 2  1.50001   0.2006   0.6   0      0.1    0.05
i 3  1.90001   0.3006   0.7   0.1    0.3    0.001
i 3  2.50003   0.0802   0.6   0.1    0.1    0.01
</CsScore>
</CsoundSynthesizer>
