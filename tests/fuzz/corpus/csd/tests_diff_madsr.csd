<CsoundSynthesizer>
; madsr and mxadsr (release-sensitive ADSRs: the release segment runs after
; the note's end, over irel) in both rates.  Channel 1: the envelope itself
; (a-rate, or a k-rate one held over each block); channel 2: a sine at that
; amplitude.  With and without a delay, released after the sustain and during
; the attack or decay, starts off the block grid.
; Kept from Csound 6: madsr is an adsr segment table (delay, attack, decay, a
; sustain of p3 − idel − iatt − idec − irel that then holds, release) played
; by linsegr, so a k-rate madsr spends one k-cycle on its delay segment even
; when idel is 0 and an a-rate one skips the delay; mxadsr is an expsegr from
; 0.001 (delay idel + 0.001, attack iatt − 0.001, decay, release to 0.001).
; Every note's end (p2 + p3) falls in the second half of a k-cycle: Csound
; starts the release at the k-cycle boundary nearest to the end time, ondes'
; engine (for now) at the first boundary at or after it.
; difftest: sdr 120
; Double arithmetic as in Csound; only float output rounding differs.
; Measured ~150 dB (differences of one float LSB); 120 dB leaves margin while
; any change in segment counting (one sample or k-cycle) fails it.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 64
nchnls = 2
0dbfs = 1

instr 1                 ; madsr, k-rate
  kenv madsr p4, p5, p6, p7, p8
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; madsr, a-rate
  aenv madsr p4, p5, p6, p7, p8
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 3                 ; mxadsr, k-rate
  kenv mxadsr p4, p5, p6, p7, p8
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 4                 ; mxadsr, a-rate
  aenv mxadsr p4, p5, p6, p7, p8
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin
</CsInstruments>
<CsScore>
; ins start    dur      iatt  idec  islev irel  idel
i 1  0         0.4009   0.05  0.1   0.6   0.2   0
i 1  0.70001   0.3008   0.1   0.05  0.4   0.15  0.05
i 1  1.20003   0.0808   0.1   0.1   0.5   0.1   0
i 2  1.50001   0.4008   0.05  0.1   0.6   0.2   0
i 2  2.20001   0.3008   0.1   0.05  0.4   0.15  0.05
i 2  2.70003   0.0808   0.1   0.1   0.5   0.1   0
i 3  3.00001   0.4008   0.05  0.1   0.6   0.2   0
i 3  3.70001   0.3008   0.1   0.05  0.4   0.15  0.05
i 3  4.20003   0.1302   0.1   0.1   0.5   0.1   0
i 4  4.50001   0.4008   0.05  0.1   0.6   0.2   0
i 4  5.20001   0.3008   0.1   0.05  0.4   0.15  0.05
i 4  5.70003   0.1302   0.1   0.1   0.5   0.1   0
</CsScore>
</CsoundSynthesizer>
