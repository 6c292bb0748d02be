
; math.csd — pitch/amplitude conversions and math functions at i-, k- and
; a-rate, heard through oscillator frequencies and amplitudes.
; difftest: sdr 100
; Why 100 dB: values are computed in double as in Csound; the a-rate
; functions run on float signals, whose rounding sin/exp/tanh pass on.
sr = 48000
ksmps = 16
nchnls = 2
0dbfs = 1

instr 1   ; pitch conversions: cpspch, cpsmidinn (i), mtof (k), ftom and back
  ifreq1 = cpspch(p4)
  ifreq2 = cpsmidinn(p5)
  kmidi line p5, p3, p5 + 7
  kfreq3 = mtof:k(kmidi)
  kamp = ampdb(-12)
  a1 oscili kamp, ifreq1
  a2 oscili kamp, ifreq2 + kfreq3 * 0.25
  outs a1, a2
endin

instr 2   ; i- and k-rate math functions as amplitudes and frequencies
  kx line 0.1, p3, 0.9
  kamp = abs(sin(kx * 3)) * 0.3 + sqrt(kx) * 0.1 + tanh(kx) * 0.1
  kf = 200 + exp(kx * 2) * 50 + log(1 + kx) * 100 + pow(kx, 2) * 80
  kf = kf + int(kx * 10) * 10 + frac(kx * 10) * 10 + floor(kx * 7) + ceil(kx * 3) + round(kx * 5)
  kf = kf + min(kx, 0.5) * 20 + max(kx, 0.5) * 20 + cos(kx) * 5
  a1 oscili kamp, kf
  ia = (8.09 > 8 ? 0.2 : 0.1) + (2 ^ 3) / 100
  a2 oscili ia, 330 + (kx < 0.5 ? 10 : 20)
  outs a1, a2
endin

instr 3   ; a-rate functions
  a1 oscili 1, 110
  a2 = tanh(a1 * 3) * 0.3 + abs(a1) * 0.1 - exp(a1) * 0.05 + sqrt(abs(a1)) * 0.1
  ; (no floor/int at a-rate here: a float input crosses an integer a sample
  ; earlier or later than a double one, a 1/40 step: not an algorithm difference)
  a3 = sin(a1 * 2) * 0.2 + cos(a1) * 0.1 + ampdb(a1 * 6) * 0.1
  outs a2, a3
endin
