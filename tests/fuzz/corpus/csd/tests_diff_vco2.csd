<CsoundSynthesizer>
; vco2 (band-limited oscillator on Csound's pre-computed tables): sawtooth
; (imode 0) at low to very high frequencies and a sweep across the tables,
; PWM square (2) with a moving pulse width, saw/triangle/ramp (4), pulse
; (6), parabola (8), square (10), triangle (12), phase modulation (16),
; initial phase, inyx, a negative frequency.
; difftest: sdr 120
; Same tables (the same harmonic sums; ours by a double FFT, stored as
; float) and the same 31-bit integer phase as Csound: measured 147 dB.  The
; pulse widths and phases are computed in double (phasor, sin) so they match
; Csound's exactly: from a float table they would move the PWM edges by a
; few phase units (~105 dB), not an algorithm difference.
<CsOptions>
</CsOptions>
<CsInstruments>
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
</CsInstruments>
<CsScore>
; start and end times keep p2·sr and (p2+p3)·sr off block edges and their
; fractional frames below 0.5, where rounding and truncating to frames agree
i 1 0      0.3  110
i 1 0.3    0.3  1234.5
i 1 0.60007 0.3  5000
i 1 0.9    0.3  11025
i 1 1.2    0.3  13000
i 1 1.5    0.3  18000
i 2 1.8    2.0
i 3 3.9013 1.2  220
i 3 5.2    0.5  4000
i 4 5.8    1.2  330
i 4 7.1    0.5  3000
i 5 7.70007 0.3  200  6 0.004
i 5 8.1 0.3  2500 6 0.02
i 5 8.50007 0.3  300  8  0.3
i 5 8.90007 0.3  300  10 0.3
i 5 9.30007 0.3  6000 10 0.3
i 5 9.70007 0.3  300  12 0.3
i 5 10.1   0.3  10000 12 0.3
i 6 10.5   1.0  440
i 7 11.6   0.5  300
</CsScore>
</CsoundSynthesizer>
