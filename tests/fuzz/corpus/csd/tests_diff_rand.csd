<CsoundSynthesizer>
; rand: a-rate with k and a amplitude, k-rate; 16-bit (default) and 31-bit
; generators; default seed (0.5), explicit seeds (0, 0.3, 1), ioffset; notes
; starting mid-block.
; difftest: sdr 120
; The generators are integer recurrences reproduced bit for bit, so the output
; matches Csound to the float rounding of the output: ~-150 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; a-rate, k amplitude, 16-bit, default seed
  a1 rand 0.5
  a2 rand 0.3, p4
  outs a1, a2
endin

instr 2                 ; a-rate, 31-bit, seeds 0.5 and p4, with an offset
  a1 rand 0.5, 0.5, 1
  a2 rand 0.4, p4, 1, 0.1
  outs a1, a2
endin

instr 3                 ; a-rate amplitude (a ramp), both generators
  aenv phasor 1 / p3
  a1 rand aenv * 0.5, 0.7
  a2 rand aenv * 0.5, 0.7, 1
  outs a1, a2
endin

instr 4                 ; k-rate rand, both generators, seed 1 and 0
  k1 rand 0.5, 1
  k2 rand 0.5, 0, 1, -0.2
  a1 upsamp k1
  a2 upsamp k2
  outs a1, a2
endin
</CsInstruments>
<CsScore>
i 1 0      0.5003 0.3
i 1 0.6013 0.4    0
i 2 1.1    0.5    0.123
i 2 1.7003 0.3    0
i 3 2.1    0.5
i 4 2.7003 0.5
</CsScore>
</CsoundSynthesizer>
