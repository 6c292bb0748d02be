
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

; mono, k-rate amplitude: p4 amp, p5 kcps, p6 ibas, p7 imod1, p8 ibeg1, p9 iend1
instr 1
  a1 loscil p4, p5, 1, p6, p7, p8, p9
  outs a1, a1
endin

; mono, a-rate amplitude and a k-rate glide (+25 % over the note), forward loop
instr 2
  kph phasor 1 / p3
  aph phasor 5
  a1 loscil p4 * (1 - 0.6 * aph), p5 * (1 + 0.25 * kph), 1, p6, p7, p8, p9
  outs a1, -a1
endin

; stereo
instr 3
  aL, aR loscil p4, p5, 2, p6, p7, p8, p9
  outs aL, aR
endin

; sustain loop, then the release segment once the note is releasing:
; p10 imod2, p11 ibeg2, p12 iend2
instr 4
  xtratim 0.4
  a1 loscil p4, p5, 1, p6, p7, p8, p9, p10, p11, p12
  outs a1, a1
endin

; loscil3, mono and stereo (the stereo notes overlap, so each gets a fresh
; instance in Csound: its right channel before a mid-block start is not zeroed)
instr 5
  a1 loscil3 p4, p5, 1, p6, p7, p8, p9
  outs a1, a1
endin

instr 6
  aph phasor 3
  aL, aR loscil3 p4 * (0.4 + 0.6 * aph), p5, 2, p6, p7, p8, p9
  outs aL, aR
endin
