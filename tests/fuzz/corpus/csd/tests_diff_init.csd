<CsoundSynthesizer>
; init: i-time values for k- and a-rate variables, which then keep them
; until the note's code changes them (a k-rate decay, an a-rate variable
; nothing else writes); notes start inside blocks.
; difftest: sdr 120
; Plain arithmetic on the same values: expect no difference at all.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  ax init p4
  kx init 0.5
  a1 oscili 1, 330, -1
  out ax * kx + a1 * kx * 0.3
  kx = kx * 0.995
endin
</CsInstruments>
<CsScore>
i 1 0.0103 0.5 0.25
i 1 0.6003 0.3 -0.2
</CsScore>
</CsoundSynthesizer>
