<CsoundSynthesizer>
; linsegr (and expsegr) in both rates: the envelope holds at the end of its
; second-to-last segment until the note is released, then runs its last
; segment over the note's extra time.  Channel 1: the envelope itself (a-rate,
; or a k-rate one held over each block); channel 2: a sine at that amplitude.
; Releases after the sustain, during the attack, during the decay; two release
; opcodes with different release times in one instrument (each keeps its own
; length, the note lasts the longer); starts off the block grid.
; Every note's end (p2 + p3) falls in the second half of a k-cycle or on its
; start: Csound starts the release at the k-cycle boundary nearest to the end
; time, ondes' engine (for now) at the first boundary at or after it.
; difftest: sdr 120
; Csound's lsgrset/klnsegr/linsegr and xsgrset/kxpsegr/expsegr: double
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

instr 1                 ; k-rate linsegr
  kenv linsegr 0, 0.05, 0.9, 0.1, 0.5, p4, 0
  aenv = kenv
  a1 oscili kenv, 440
  outs aenv, a1
endin

instr 2                 ; a-rate linsegr
  aenv linsegr 0, 0.05, 0.9, 0.1, 0.5, p4, 0
  a1 oscili 0.5, 330
  outs aenv, a1 * aenv
endin

instr 3                 ; two releases: k-rate 0.3 s, a-rate p4
  kenv linsegr 0.1, 0.1, 0.6, 0.3, 0
  aenv linsegr 0, 0.02, 0.7, 0.1, 0.3, p4, 0
  ak = kenv
  outs ak, aenv
endin

instr 4                 ; expsegr, k-rate and a-rate
  kenv expsegr 0.001, 0.05, 0.8, 0.1, 0.3, p4, 0.001
  aenv expsegr 0.01, 0.02, 0.6, 0.2, 0.2, p4, 0.0001
  ak = kenv
  outs ak, aenv
endin
</CsInstruments>
<CsScore>
; ins start    dur     release
i 1  0         0.3002   0.2
i 1  0.60001   0.0303   0.1
i 1  1.00003   0.1      0.15
i 2  1.40001   0.3      0.2
i 2  1.80001   0.0305   0.1
i 2  2.20003   0.1      0.15
i 3  2.60001   0.3      0.1
i 3  3.20001   0.3002   0.5
i 4  3.90001   0.3004   0.2
i 4  4.40001   0.0304   0.1
</CsScore>
</CsoundSynthesizer>
