<CsoundSynthesizer>
; Large GEN 9, 10 and 19 tables (2^18 points and a non-power-of-two size),
; which ondes sums by a re-seeded rotation recurrence rather than a sine per
; point per partial (src/engine/ftable.c): 32 harmonics, non-integer partials
; with phases, DC offsets; read straight out with tablei over a phasor, so
; the output is the tables themselves.
; difftest: sdr 110
; Csound's tables are double, ours float, and the recurrence's own error is
; near 1e-13: expect the float rounding alone, about -130 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

gih  ftgen 1, 0, 262144, 10, 1, 0.5, 0.333, 0.25, 0.2, 0.167, 0.143, 0.125, 0.111, 0.1, \
           0.091, 0.083, 0.077, 0.071, 0.067, 0.063, 0.059, 0.056, 0.053, 0.05, \
           0.048, 0.045, 0.043, 0.042, 0.04, 0.038, 0.037, 0.036, 0.034, 0.033, 0.032, 0.031
gip  ftgen 2, 0, 262144, 9, 1, 1, 0, 2.5, 0.5, 90, 7.25, 0.25, 33, 0.5, 0.3, 180
gid  ftgen 3, 0, -100003, 19, 1, 1, 0, 0.5, 3.5, 0.4, 45, -0.2

instr 1
  aphs phasor p4
  a1 tablei aphs, p5, 1
  outs a1 * 0.5, -a1 * 0.5
endin
</CsInstruments>
<CsScore>
i 1 0    0.5 3.1   1
i 1 0.5  0.5 2.3   2
i 1 1.0  0.5 1.7   3
</CsScore>
</CsoundSynthesizer>
