
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

gisine  ftgen 0, 0, 4096, 10, 1                       ; 101
gisaw   ftgen 0, 0, 4096, 10, 1, 0.5, 0.333, 0.25, 0.2 ; 102 (rescaled to 1)
giraw   ftgen 7, 0, 2048, -10, 0.3, 0, 0.1             ; not rescaled
gienv   ftgen 0, 0, 1025, 7, 0, 100, 1, 600, 0.4, 324, 0  ; 103, extended guard point
gilen   = ftlen(gienv)

instr 1
  kenv tablei timeinsts() / p3 * gilen, gienv
  a1 oscili 0.6, p4, p5
  outs a1 * kenv, a1 * (1 - kenv) * 0.5
endin

; the table numbers themselves, as k-rate signals: 101, 102, 7, 103
instr 2
  a1 = (gisine + gisaw * 2 + giraw * 3 + gienv * 4) / 2000
  outs a1, -a1
endin
