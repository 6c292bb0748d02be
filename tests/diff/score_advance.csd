<CsoundSynthesizer>
; The a statement skips part of the performance: a 0 0 2 plays a section
; from its third second (notes starting inside the skip are dropped, the
; rest come 2 seconds earlier, the file is shorter); a second section
; plays whole after it.
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1
  aenv linseg 0, 0.01, 0.2, p3 - 0.02, 0.2, 0.01, 0
  a1 oscili aenv, p4, -1
  out a1
endin
</CsInstruments>
<CsScore>
a 0 0 2
i 1 0.5 1 220
i 1 1.5 0.25 330
i 1 2 1 440
i 1 2.5 1 550
i 1 3.75 0.5 660
s
i 1 0 1 770
i 1 0.5 1 880
e
</CsScore>
</CsoundSynthesizer>
