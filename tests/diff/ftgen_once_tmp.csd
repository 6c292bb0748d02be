<CsoundSynthesizer>
; ftgenonce gives every note with the same arguments the same table (one
; number), ftgentmp's table goes when its note ends (so its number is free
; for the next note), ftfree frees a table now or at the note's end.  The
; numbers each note gets set its pitch; the tables' shapes its timbre.
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1    ; the same saw-like table for every note: made once
  ifn ftgenonce 0, 0, 2048, 10, 1, 0.5, 0.333, 0.25, 0.2
  aenv linseg 0, 0.01, 0.15, p3 - 0.02, 0.15, 0.01, 0
  a1 oscili aenv, p4 + (ifn - 100) * 5, ifn
  out a1
endin
instr 2    ; a table of its own, gone at the note's end
  ifn ftgentmp 0, 0, 1024, 7, -1, 512, 1, 512, -1
  aenv linseg 0, 0.01, 0.15, p3 - 0.02, 0.15, 0.01, 0
  a1 oscili aenv, p4 + (ifn - 100) * 5, ifn
  out a1
endin
instr 3    ; ftgen, then ftfree at the end (p5 = 1) or at once after reading it at init (p5 = 0)
  ifn ftgen 0, 0, 1024, 10, 1, 0, 0.5
  ival table 256, ifn
  ftfree ifn, p5
  aenv linseg 0, 0.01, 0.1, p3 - 0.02, 0.1, 0.01, 0
  a1 oscili aenv * ival, p4 + (ifn - 100) * 7, -1
  out a1
endin
</CsInstruments>
<CsScore>
i 1 0 0.4 220
i 1 0.5 0.4 220
i 2 0 0.3 330
i 2 0.5 0.3 330
i 2 0.6 0.3 440
i 3 1 0.3 550 1
i 3 1.4 0.3 550 0
i 3 1.5 0.3 660 0
i 1 1.8 0.4 275
e
</CsScore>
</CsoundSynthesizer>
