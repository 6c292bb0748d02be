<CsoundSynthesizer>
; math_casts.csd — the rate casts: i(k) reads a k variable at init (its init
; value, or 0 when only k-time code sets it), k(i) is set at init (Csound's
; k.i), k(a) and downsamp read the note's first active frame (the note starts
; mid-block here), downsamp's iwlen averages; run by tests/run_print.sh.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 16
nchnls = 1
0dbfs = 1

instr 1
  kx = k(5)
  ix = i(kx)
  ky init 3
  iy = i(ky)
  kz = 7
  iz = i(kz)
  a1 oscili 1, 1000
  kd downsamp a1, 8
  kd2 downsamp a1
  kd3 = k(a1)
  printf_i "@cast %g %g %g\n", 1, ix, iy, iz
  kc timeinstk
  printf "@ds %d %.6f %.6f %.6f\n", kc, kc, kd, kd2, kd3
endin
</CsInstruments>
<CsScore>
i 1 0.0001 0.002
</CsScore>
</CsoundSynthesizer>
