<CsoundSynthesizer>
; ftgen inside instruments: each note makes a GEN 10 table from its own
; p-fields at init (on the audio thread, from the real-time pool) and
; plays it.  The table number it gets (101, 102… as csound counts, after
; the header's) shifts the pitch, so numbering is heard too.
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1
gisine ftgen 0, 0, 8192, 10, 1
instr 1
  ifn ftgen 0, 0, 4096, 10, 1, p5, p6, 0.1
  aenv linseg 0, 0.01, 0.2, p3 - 0.02, 0.2, 0.01, 0
  a1 oscili aenv, p4 + (ifn - 100) * 3, ifn
  a2 oscili aenv * 0.3, p4 * 2, gisine
  out a1 + a2
endin
</CsInstruments>
<CsScore>
i 1 0 0.5 220 0.5 0.2
i 1 0.5 0.5 330 0 0.7
i 1 1 0.5 275 0.9 0
i 1 1.5 0.5 440 0.3 0.3
e
</CsScore>
</CsoundSynthesizer>
