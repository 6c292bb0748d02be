<CsoundSynthesizer>
; Note starts and ends inside k-cycles at 44100 Hz, ksmps 100, as Csound 6.18
; --sample-accurate times them: a note starts in the k-cycle of its p2 at the
; offset (int)(p2 * sr) % ksmps ("i 1 0.582": frame 25666), except where p2 * sr
; falls a hair short of a k-cycle (0.7 * 44100 is 30869.999...: Csound adds
; half of 1/sr to that count of frames, so the note starts at 30969, in the
; next k-cycle, at offset 69); it plays (int)(p3 * sr) frames, cut in its last
; k-cycle, ceil((p2 + p3) * kr) - 1, or that whole k-cycle when they fill it.
; Steps of a constant (a table of ones): a start or an end a frame off is a
; click of 0.3 and fails by far.
; difftest: sdr 140
; difftest: length exact
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 100
nchnls = 1
0dbfs = 1

gione ftgen 1, 0, 16, -7, 1, 16, 1

instr 1                 ; p4 level
  a1 oscili p4, 0, gione
  out a1
endin
</CsInstruments>
<CsScore>
i 1 0.0311 0.25   0.3
i 1 0.1    0.2    0.05
i 1 0.582  0.25   0.1
i 1 0.7    0.2    0.2
i 1 1.1828 0.0531 0.15
i 1 1.8003 0.3217 0.25
i 1 0.90169 0.3246 0.07
i 1 1.313  0.228  0.12
i 1 2.5    0.00958 0.3
</CsScore>
</CsoundSynthesizer>
