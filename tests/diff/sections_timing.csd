<CsoundSynthesizer>
; Sections as Csound 6.18 --sample-accurate times them: a section ends when its
; notes have (on the first k-cycle after the last one's end: 0.3 s at 44100 Hz,
; ksmps 32, is frame 13230, so the next section starts at 13248), or at its s
; time when that is later, read in the k-cycle the time falls in ("s 1" after a
; section begun at 13248: 57348, so k-cycle 1792, frame 57344, not 57376); the
; next section's p2 counts from there.  The notes' ends in later sections count
; from their section's start (its offtim, p2 + timeOffs + p3, rounded up to a
; k-cycle, then cut inside it).
; difftest: sdr 140
; difftest: length exact
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

gione ftgen 1, 0, 16, -7, 1, 16, 1

instr 1                 ; p4 level
  a1 oscili p4, 0, gione
  out a1
endin
</CsInstruments>
<CsScore>
i 1 0      0.3    0.2
s
i 1 0      0.2    0.25
i 1 0.0517 0.1234 0.1
s 1
i 1 0.1    0.2    0.3
i 1 0.3311 0.1017 0.15
s
i 1 0.0029 0.4441 0.12
e
</CsScore>
</CsoundSynthesizer>
