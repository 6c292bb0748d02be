
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; p4 amp, p5 kcps, p6 icps, p7 ifn, p8 imeth, p9 iparm1, p10 iparm2
instr 1
  a1 pluck p4, p5, p6, p7, p8, p9, p10
  out a1
endin

; a k-rate glide: kcps rises by 30 % over the note
instr 2
  kph phasor 1 / p3
  a1 pluck p4, p5 * (1 + 0.3 * kph), p6, p7, p8, p9, p10
  out a1
endin
