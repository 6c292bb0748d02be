<CsoundSynthesizer>
; noise (white noise through a one-pole filter of coefficient kbeta) with
; beta 0 (white), 0.9 (low-passed), -0.7 (high-passed), beta moving, and an
; a-rate amplitude.  Csound 6.18 seeds its generator from the clock (even
; after `seed`), so only the statistics are compared.
; difftest: noise level 1 spectrum 3
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1
  a1 noise p5, p4
  outs a1, a1
endin

instr 2                 ; beta from -0.5 to 0.5, a-rate amplitude
  kb   line -0.5, p3, 0.5
  aenv line 0.2, p3, 0.5
  a1 noise aenv, kb
  outs a1, a1
endin
</CsInstruments>
<CsScore>
i 1 0 3 0 0.4
i 1 3 3 0.9 0.4
i 1 6 3 -0.7 0.1    ; (beta < 0 boosts the level: kept below 0dbfs, where ondes clips)
i 2 9 3
</CsScore>
</CsoundSynthesizer>
