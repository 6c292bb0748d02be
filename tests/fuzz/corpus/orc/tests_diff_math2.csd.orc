
; math2.csd — the remaining functions and table queries: trigonometric and
; hyperbolic, logarithms, pitch and amplitude conversions, signum, downsamp,
; tableiw, ftsr/ftchnls/nsamp, outs1.
; difftest: sdr 100
; Why 100 dB: every value is computed in double as in Csound and only the
; float audio rounds.
sr = 48000
ksmps = 16
nchnls = 2
0dbfs = 1

gisnd ftgen 1, 0, 0, 1, "../data/tone_stereo.wav", 0, 0, 0
gitab ftgen 2, 0, 16, -2, 0

instr 1
  ; i-rate conversions as frequencies
  if1 = cpsoct(8.75) + octpch(8.09) + pchoct(8.75) * 10
  if2 = octcps(440) * 20 + semitone(7) * 50 + cent(1200) * 30 + octave(1) * 40
  ia = dbamp(0.5) * 0.002 + log10(100) * 0.02 + log2(8) * 0.01
  ib = sininv(0.5) * 0.1 + cosinv(0.5) * 0.05 + taninv(1) * 0.05
  ic = sinh(0.5) * 0.1 + cosh(0.5) * 0.05 + tan(0.5) * 0.05 + signum(-3) * 0.01
  ix = ftsr(1) / 32000 * 0.1 + ftchnls(1) * 0.02 + nsamp(1) / 1000000
  tableiw 0.25, 3, 2
  iy table 3, 2
  a1 oscili ia + ib, if1
  a2 oscili ic + ix + iy * 0.1, if2
  outs a1, a2
endin

instr 2
  ; the same functions at k-rate, and downsamp of an a-rate signal
  kx line 0.1, p3, 0.9
  kf = 200 + sininv(kx) * 100 + cosinv(kx) * 50 + taninv(kx) * 80 + sinh(kx) * 40 + cosh(kx) * 30
  kf = kf + tan(kx) * 20 + log10(kx * 10) * 60 + log2(kx * 4) * 30 + semitone(kx * 12) * 20 + cent(kx * 100) * 10
  kamp = dbamp(kx * 0.1) * 0.01 + signum(kx - 0.5) * 0.05 + 0.2
  alfo oscili 0.1, 3
  kd downsamp alfo
  a1 oscili kamp + kd, kf
  outs1 a1
endin
