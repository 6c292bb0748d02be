<CsoundSynthesizer>
; pitch_functions.csd — octave, semitone, cent and the cps/oct/pch/MIDI converters; A4 = 442
; moves the ones that depend on it.
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
A4 = 442
instr 1
  printf_i "@i %g octave=%.15g semitone=%.15g cent=%.15g cpsoct=%.15g\n", 1, p4, octave(p4), semitone(p4), cent(p4), cpsoct(p4)
  printf_i "@i %g cpspch=%.15g octpch=%.15g octcps=%.15g pchoct=%.15g\n", 1, p4, cpspch(p4), octpch(p4), octcps(p4), pchoct(p4)
  printf_i "@i %g octmidinn=%.15g pchmidinn=%.15g pchtom=%.15g mtof=%.15g\n", 1, p4, octmidinn(p4), pchmidinn(p4), pchtom(p4), mtof(p4)
  printf_i "@i %g ftom=%.15g\n", 1, p4, ftom(p4)
  kx init p4
  printf "@k %g octave=%.15g semitone=%.15g cent=%.15g cpsoct=%.15g\n", 1, kx, octave(kx), semitone(kx), cent(kx), cpsoct(kx)
  printf "@k %g cpspch=%.15g octpch=%.15g octcps=%.15g pchoct=%.15g\n", 1, kx, cpspch(kx), octpch(kx), octcps(kx), pchoct(kx)
  printf "@k %g octmidinn=%.15g pchmidinn=%.15g pchtom=%.15g mtof=%.15g\n", 1, kx, octmidinn(kx), pchmidinn(kx), pchtom(kx), mtof(kx)
  printf "@k %g ftom=%.15g\n", 1, kx, ftom(kx)
endin
</CsInstruments>
<CsScore>
i 1 0.0 0.05 -2.75
i 1 0.1 0.05 -1
i 1 0.2 0.05 0
i 1 0.3 0.05 0.3
i 1 0.4 0.05 1
i 1 0.5 0.05 4.123456
i 1 0.6 0.05 6.5
i 1 0.7 0.05 7.11
i 1 0.8 0.05 8.09
i 1 0.9 0.05 8.75
i 1 1.0 0.05 60
i 1 1.1 0.05 69
i 1 1.2 0.05 100
i 1 1.3 0.05 440
</CsScore>
</CsoundSynthesizer>
