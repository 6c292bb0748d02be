<CsoundSynthesizer>
; math_functions.csd — int, frac, round, floor, ceil, abs, exp, log…, trigonometric and
; hyperbolic functions, signum, powoftwo, logbtwo (its table, in and out of
; its [1/4, 4] range) on negative, zero, fractional and large values.
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
  printf_i "@i %g int=%.15g frac=%.15g round=%.15g floor=%.15g\n", 1, p4, int(p4), frac(p4), round(p4), floor(p4)
  printf_i "@i %g ceil=%.15g abs=%.15g exp=%.15g log=%.15g\n", 1, p4, ceil(p4), abs(p4), exp(p4), log(p4)
  printf_i "@i %g log10=%.15g log2=%.15g sqrt=%.15g sin=%.15g\n", 1, p4, log10(p4), log2(p4), sqrt(p4), sin(p4)
  printf_i "@i %g cos=%.15g tan=%.15g sininv=%.15g cosinv=%.15g\n", 1, p4, cos(p4), tan(p4), sininv(p4), cosinv(p4)
  printf_i "@i %g taninv=%.15g sinh=%.15g cosh=%.15g tanh=%.15g\n", 1, p4, taninv(p4), sinh(p4), cosh(p4), tanh(p4)
  printf_i "@i %g signum=%.15g powoftwo=%.15g logbtwo=%.15g\n", 1, p4, signum(p4), powoftwo(p4), logbtwo(p4)
  kx init p4
  printf "@k %g int=%.15g frac=%.15g round=%.15g floor=%.15g\n", 1, kx, int(kx), frac(kx), round(kx), floor(kx)
  printf "@k %g ceil=%.15g abs=%.15g exp=%.15g log=%.15g\n", 1, kx, ceil(kx), abs(kx), exp(kx), log(kx)
  printf "@k %g log10=%.15g log2=%.15g sqrt=%.15g sin=%.15g\n", 1, kx, log10(kx), log2(kx), sqrt(kx), sin(kx)
  printf "@k %g cos=%.15g tan=%.15g sininv=%.15g cosinv=%.15g\n", 1, kx, cos(kx), tan(kx), sininv(kx), cosinv(kx)
  printf "@k %g taninv=%.15g sinh=%.15g cosh=%.15g tanh=%.15g\n", 1, kx, taninv(kx), sinh(kx), cosh(kx), tanh(kx)
  printf "@k %g signum=%.15g powoftwo=%.15g logbtwo=%.15g\n", 1, kx, signum(kx), powoftwo(kx), logbtwo(kx)
endin
</CsInstruments>
<CsScore>
i 1 0.0 0.05 -2.75
i 1 0.1 0.05 -1
i 1 0.2 0.05 -0.5
i 1 0.3 0.05 0
i 1 0.4 0.05 0.3
i 1 0.5 0.05 1
i 1 0.6 0.05 2.5
i 1 0.7 0.05 7.11
i 1 0.8 0.05 8.09
i 1 0.9 0.05 100
i 1 1.0 0.05 3000000000
</CsScore>
</CsoundSynthesizer>
