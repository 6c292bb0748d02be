<CsoundSynthesizer>
; printf and printf_i (Csound's sprintf_opcode_, OOps/str_ops.c): the format
; is cut at each conversion and each piece given to C's printf with one value
; (integer conversions rounded), %% is %, strings for %s; printf writes when
; ktrig changes to a positive value (printf_i: at i-time when itrig > 0); run by
; tests/run_print.sh.  Every line starts with "@".
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

printf_i "@header %d %s\n", 1, 42, "global"

instr 1
  printf_i "@i %d|%5.2f|%-6d|%+d|%x|%X|%o|%c|%e|%E|%g|%G|%u\n", 1, 3.7, p4, 2.5, -3.5, 255, 255, 8, 66, 1.5e-7, 12345.678, 1e20, 0.0001, 7
  printf_i "@pct 100%% and %d%%\n", 1, 50
  printf_i "@noargs %d %% kept\n", 1
  printf_i "@skipped %d\n", 0, 5
  printf_i "@neg %d\n", -1, 6
  Sname = "voice"
  printf_i "@str [%s] [%8s] [%-8s] %d\n", 1, Sname, "ab", "cd", p1
  printf_i "@round %d %d %d %d %i\n", 1, 0.5, 1.5, 2.5, -0.5, 3.49
  kt timeinsts
  kc timeinstk
  ; writes when the trigger changes to a positive value
  ktrig = int(kc / 3)
  printf "@k %d t=%.4f kc=%d\n", ktrig, ktrig, kt, kc
  ; a constant trigger: writes once, at the first k-cycle
  printf "@once %g\n", 1, kt
  ; a trigger that goes 0, 1, 0, 1 (odd k-cycles)
  kodd = kc % 2
  printf "@odd %d\n", kodd, kc
endin
</CsInstruments>
<CsScore>
i 1 0    0.01 440.5
i 1 0.5  0.005 -3
</CsScore>
</CsoundSynthesizer>
