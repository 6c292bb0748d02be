<CsoundSynthesizer>
; prints and printks: Csound's format escapes and printf conversions
; (values rounded for integer conversions, the last value reused once they
; run out, %% and %! and %n, ^^ and ~~); run by tests/run_print.sh.
; Every line starts with "@" so the script can tell them from other messages.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

prints "@header %d\n", 42

instr 1
  prints "@hello %d world %f and %5.2f\n", 3, 2.5, p4
  prints "@pct %% done %5.1f%%\n", 42.25
  prints "@tab\there%!semicolon%n"
  prints "@conv %c|%5d|%x|%X|%o|%e|%g|%-8.3f|\n", 65, 2.6, 255, 255, 8, 1.5, 2.5, 3.14159
  prints "@reuse %d %d %d\n", 7
  prints "@caret ^^ tilde ~~\n"
  prints "@round %d %d %d %d\n", 2.5, 3.5, -2.5, 0.49
  prints "@big %g %e %.10f\n", 1e20, -1.25e-7, 1/3
  prints "@str [%s] [%5s] %d\n", 1, 2, 3
  kt timeinsts
  printks "@ks %7.4f %d\n", 0.05, kt, 7
endin

instr 2
  kt timeinsts
  printks "@every %d\n", 0, kt * 1000
endin
</CsInstruments>
<CsScore>
i 1 0    0.2  440.5
i 1 0.5  0.01 3
i 2 0.7  0.01
</CsScore>
</CsoundSynthesizer>
