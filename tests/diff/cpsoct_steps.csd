<CsoundSynthesizer>
; cpsoct truncates the octave to Csound's 1/8192-octave step (aops.c casts
; oct * OCTRES to an integer); cpspch rounds it.  Octaves chosen between two
; steps: rounding instead of truncating moves the pitch by up to 1/8192
; octave, which over these notes drifts the phase far past the tolerance.
; Both at i- and k-rate (a glide through many steps).
; difftest: sdr 60
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  icps = cpsoct(p4)
  kcps = cpspch(p5)
  a1 oscili 0.4, icps
  a2 oscili 0.3, kcps
  out a1 + a2
endin

instr 2
  koct line p4, p3, p5
  a1 oscili 0.5, cpsoct(koct)
  out a1
endin
</CsInstruments>
<CsScore>
i 1 0 1.5 8.77 8.04
i 1 1.5 1.5 8.79 7.11
i 1 3 1.5 6.30 9.07
i 2 4.5 2 7.0 9.3
e
</CsScore>
</CsoundSynthesizer>
