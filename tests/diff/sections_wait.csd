<CsoundSynthesizer>
; A section waits for every note still playing before the next one starts,
; as Csound 6.18's sensevents does at an s: the notes an instrument scheduled
; (instr 2's, which outlasts the score's own notes of the section by 0.35 s)
; and the releases of notes with one (instr 3's linsegr, 0.0173 s past its
; p3); the next section's time 0 is the first k-cycle after they have ended,
; so its notes start later than the score alone says.
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

instr 2                 ; schedules a note that outlasts its section's notes
  schedule 1, 0.25, 0.4017, 0.1
endin

instr 3                 ; p4 level, with a release
  kenv linsegr 1, 1, 1, 0.0173, 0.5
  a1 oscili p4 * kenv, 0, gione
  out a1
endin
</CsInstruments>
<CsScore>
i 1 0      0.3    0.2
i 2 0      0.1
s
i 1 0.01   0.2    0.25
i 3 0.1    0.2617 0.15
s
i 1 0.0029 0.3441 0.12
i 3 0.2    0.1    0.3
e
</CsScore>
</CsoundSynthesizer>
