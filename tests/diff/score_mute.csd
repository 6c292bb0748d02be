<CsoundSynthesizer>
; The q statement mutes an instrument from a time on (notes already
; sounding play on; new ones are not started) and unmutes it later;
; a negative p1 turns a fractional-numbered held note off.
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1
  a1 oscili 0.15, p4, 1
  out a1
endin
instr 2
  aenv linseg 0, 0.01, 0.2, p3 - 0.02, 0.2, 0.01, 0
  a1 oscili aenv, p4, 1
  out a1
endin
</CsInstruments>
<CsScore>
f 1 0 8192 10 1 0.2
i 1.1 0 -1 220
i 1.2 0.5 -1 330
i -1.1 1 0
i 2 0 1.5 440
q 2 1 0
i 2 1.25 0.5 550
i 2 1.75 0.5 660
q 2 2 1
i 2 2.25 0.5 770
i -1.2 2.5 0
e 3
</CsScore>
</CsoundSynthesizer>
