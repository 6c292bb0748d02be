<CsoundSynthesizer>
; metro: a trigger at kfreq per second (its phase advancing kfreq / kr each
; k-cycle), on the first k-cycle when its initial phase is 0, later when it
; is not; its frequency changed while it runs; each trigger makes a note
; with schedkwhen, so a trigger a k-cycle early or late is heard.
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                         ; p4 rate, p5 initial phase, p6 pitch
  kfreq line p4, p3, p4 * 3
  ktrig metro kfreq, p5
  schedkwhen ktrig, 0, 0, 2, 0, 0.03, p6
endin

instr 2
  kenv linseg 0, 0.005, 1, p3 - 0.01, 1, 0.005, 0
  a1 oscili 0.2 * kenv, p4
  outs a1, a1 * 0.5
endin
</CsInstruments>
<CsScore>
i 1 0    1.5 4   0    440
i 1 0.1  1.5 3.3 0.4  660
i 1 0.25 1.2 7   0.95 880
e 2
</CsScore>
</CsoundSynthesizer>
