<CsoundSynthesizer>
<CsOptions>
</CsOptions>
<CsInstruments>
; S variables at i-time: =, init, strcpy, strcpyk, globals shared between
; instruments, a number given to a string (a strset index, else soundin.N),
; and prints / printks / printf / puts reading them.
sr = 44100
ksmps = 4410
nchnls = 1
0dbfs = 1

gSname = "global"
gSlater init "later"
strset 3, "three"

instr 1
  S1 = "hello"
  S2 = S1
  Sinit init "from init"
  prints "@ %s %s %s %s\n", S1, S2, gSname, Sinit
  S3 = 3
  S4 = 7
  prints "@ strset %s, number %s\n", S3, S4
  S5 strcpy "copied"
  S6 = strcpy(S5)
  puts S6, 1
  prints "@ a %s and %d and %5.2f\n", S5, 42, 3.14159
  Slong = "a string longer than the inline buffer of a variable: 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 end"
  Scopy = Slong
  prints "@ %s\n", Scopy
  gSname = "set by instr 1"
  kcnt init 0
  kcnt += 1
  Sk strcpyk S1
  printks "@ printks %s %d\n", 0, Sk, kcnt
  printf "@ printf %s %s %d\n", kcnt, S1, gSlater, kcnt
endin

instr 2
  prints "@ instr 2 sees %s\n", gSname
  Sempty = ""
  prints "@ empty [%s]\n", Sempty
endin
</CsInstruments>
<CsScore>
i 1 0 0.3
i 2 0.5 0.1
</CsScore>
</CsoundSynthesizer>
