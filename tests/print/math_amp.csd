<CsoundSynthesizer>
; math_amp.csd — the amplitude converters ampdb, dbamp, ampdbfs, dbfsamp and db
; (0dbfs = 1 here; Csound's LOG10D20 is 0.11512925 as written).
; Each function's value at i-rate (from p4) and at k-rate (from a k copy),
; printed with 15 digits and compared line by line with csound's by
; tests/run_print.sh.  Every line starts with "@".
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  printf_i "@i %g ampdb=%.15g dbamp=%.15g ampdbfs=%.15g dbfsamp=%.15g\n", 1, p4, ampdb(p4), dbamp(p4), ampdbfs(p4), dbfsamp(p4)
  printf_i "@i %g db=%.15g\n", 1, p4, db(p4)
  kx init p4
  printf "@k %g ampdb=%.15g dbamp=%.15g ampdbfs=%.15g dbfsamp=%.15g\n", 1, kx, ampdb(kx), dbamp(kx), ampdbfs(kx), dbfsamp(kx)
  printf "@k %g db=%.15g\n", 1, kx, db(kx)
endin
</CsInstruments>
<CsScore>
i 1 0.0 0.05 -96
i 1 0.1 0.05 -12
i 1 0.2 0.05 -6.0206
i 1 0.3 0.05 -0.5
i 1 0.4 0.05 0
i 1 0.5 0.05 0.5
i 1 0.6 0.05 1
i 1 0.7 0.05 6
i 1 0.8 0.05 90
</CsScore>
</CsoundSynthesizer>
