<CsoundSynthesizer>
; tablei and table3: Csound's linear and cubic interpolating table readers at
; i-, k- and a-rate: normalised and raw indices, offsets, wrap and limit
; modes, the guard point (an extended-guard GEN 7 table, 1025 points), and
; the limit mode's habit of interpolating towards the guard point past the
; end of the table.
; difftest: sdr 120
; ondes' tables and audio are float where Csound's are double: expect about
; -120 dB of difference; anything algorithmic shows as far less.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 64
nchnls = 2
0dbfs = 1

; a-rate normalised index with an offset, wrap mode: a phase-shifted wave
instr 1
  aph phasor p4
  a1 tablei aph, 1, 1, 0.25, 1
  a2 table3 aph, 1, 1, 0.25, 1
  outs a1 * 0.3, a2 * 0.3
endin

; a-rate raw index sweeping past both ends of a 1024 (+ guard) table, limit mode
instr 2
  aph phasor p4
  a1 tablei aph * 1400 - 200, 2
  a2 table3 aph * 1400 - 200, 2
  outs a1 * 0.5, a2 * 0.5
endin

; k-rate reads of a non-power-of-two table (1000 points), wrapped, with the
; i-rate forms giving the amplitudes
instr 3
  i1 tablei 256.5, 1
  i2 table3 0.3, 1, 1
  kph phasor p4
  k1 tablei kph * 2500, 3, 0, 0, 1
  k2 table3 kph * 2500, 3, 0, 0, 1
  a1 = k1
  a2 = k2
  outs a1 * 0.4 * i1, a2 * 0.4 * i2
endin

; a table read as a waveform at audio rate with a k-rate interpolated envelope
instr 4
  kenv tablei timeinsts() / p3, 2, 1
  aph phasor p4
  asig tablei aph, 1, 1
  outs asig * kenv * 0.5, asig * kenv * 0.25
endin
</CsInstruments>
<CsScore>
f 1 0 1024 10 1 0 0.3 0 0.1
f 2 0 1025 7 0 300 1 424 0.2 301 -0.7
f 3 0 -1000 7 -1 250 1 750 -1
i 1 0      1.0   220
i 1 0.2503 0.6   331.7
i 2 1.0013 1.0   97.3
i 3 2.2    1.0   1.3
i 4 3.3003 1.0   437.3
</CsScore>
</CsoundSynthesizer>
