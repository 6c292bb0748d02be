
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; sawtooth, fixed frequency p4
  a1 vco2 0.3, p4
  outs a1, a1
endin

instr 2                 ; sawtooth swept 50 Hz → 15 kHz → 50 Hz: every table
  kph phasor 1 / p3
  kf  = 50 * 300 ^ (1 - abs(2 * kph - 1))
  a1 vco2 0.3, kf
  outs a1, a1
endin

instr 3                 ; PWM square: imode 2, pulse width moving 0.1 … 0.9
  klfo phasor 1.3
  kpw = 0.5 + 0.4 * sin(6.283185307 * klfo)
  a1 vco2 0.3, p4, 2, kpw
  outs a1, -a1
endin

instr 4                 ; saw / triangle / ramp: imode 4, kpw 0.02 … 0.98
  klfo phasor 0.9
  kpw = 0.5 + 0.48 * sin(6.283185307 * klfo)
  a1 vco2 0.3, p4, 4, kpw
  outs a1, a1
endin

instr 5                 ; the other waveforms, imode p5, at p4 Hz
  a1 vco2 p6, p4, p5
  outs a1, a1
endin

instr 6                 ; phase modulation (imode 16) with an initial phase 0.25 …
  klfo phasor 3.3
  kph = 0.3 * sin(6.283185307 * klfo)
  a1 vco2 0.3, p4, 16, 0, kph
  ; … and a triangle with kphs 0.25 at i-time, inyx 0.25 (half the harmonics)
  a2 vco2 0.3, p4 * 1.5, 12, 0, 0.25, 0.25
  outs a1, a2
endin

instr 7                 ; negative frequency, PWM with kpw 0.3 (fixed)
  a1 vco2 0.3, -p4, 2, 0.3
  outs a1, a1
endin
