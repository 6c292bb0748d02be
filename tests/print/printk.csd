<CsoundSynthesizer>
; printk: " i N time T: " + spaces + value every itime seconds (counted in
; k-cycles from the note's start); notes start inside blocks (sample
; accurate) so the time printed is their first block's; run by
; tests/run_print.sh.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 64
nchnls = 1
0dbfs = 1

instr 1
  kc timeinstk
  printk 0.02, kc
  printk 0, kc * 0.5 - 3, 5
  printk 0.0123, p4, 200
endin

instr 2
  kt timeinsts
  kk timek
  printk 0.1, kt
  printk 0.1, kk, 2
endin
</CsInstruments>
<CsScore>
i 1 0.0103 0.05 1.5
i 2 0.2    0.5
i 1 0.8004 0.03 -7.25
</CsScore>
</CsoundSynthesizer>
