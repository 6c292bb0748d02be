<CsoundSynthesizer>
; random (Csound's engine-wide 32-bit LCG "holdrand", starting at 2345678
; unless `seed` sets it): i-, k- and a-rate, several instances drawing from
; the same generator in order, a note starting mid-block.
; difftest: sdr 120
; The generator and its order of use reproduced exactly; float output: ~-150 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1
  ir   random 0.1, 0.3
  k1   random -1, 1
  a1   random -ir, ir
  a2   upsamp k1
  outs a1, a2 * 0.5
endin
</CsInstruments>
<CsScore>
i 1 0      0.3
i 1 0.4013 0.3
</CsScore>
</CsoundSynthesizer>
