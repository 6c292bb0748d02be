<CsoundSynthesizer>
; phasor at a-rate (k and a frequency) and k-rate, with iphs set, skipped
; (negative) and with an integer part (truncated, with a warning), negative
; frequencies, and phasor driving table lookups as usual.
; difftest: sdr 110
; Same double phase as Csound; only the float output (and the a-rate
; frequency being float: its rounding drifts the phase by ~1e-6 in instr 2)
; differ: measured 120 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
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
</CsInstruments>
<CsScore>
; start and end times keep p2·sr and (p2+p3)·sr off block edges and their
; fractional frames below 0.5, where rounding and truncating to frames agree
i 1 0      0.5003 441 0
i 1 0.6013 0.5    1000.5 0.3
i 2 1.2    1.5003
i 3 2.8013 1.0    1.5
i 4 3.9    0.6023 123.4
</CsScore>
</CsoundSynthesizer>
