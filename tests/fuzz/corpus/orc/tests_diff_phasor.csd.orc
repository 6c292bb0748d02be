
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; a-rate, k frequency, iphs
  a1 phasor p4, p5
  outs a1 * 0.5, a1 * 0.5 - 0.25
endin

instr 2                 ; a-rate, a frequency (swept, through zero to negative)
  asw phasor 0.5
  afr = 211.3 - asw * 613.7
  a1 phasor afr
  outs a1 * 0.4, a1 * 0.4
endin

instr 3                 ; k-rate phasor as a ramp, and k frequency changing
  kph phasor p4, 0.75
  kf  = 100 + kph * 300
  a1 phasor kf
  aph upsamp kph
  outs a1 * 0.3, aph * 0.3
endin

instr 4                 ; negative k frequency, negative iphs (skipped), iphs 2.5 → 0.5
  a1 phasor -p4, -1
  a2 phasor p4, 2.5
  outs a1 * 0.3, a2 * 0.3
endin
