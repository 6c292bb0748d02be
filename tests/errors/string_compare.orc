; expect: 10:6: strings cannot be compared with '==': use strcmp (strcmp(S1, S2) == 0)
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; == compares numbers: strings go through strcmp
instr 1
  Sa = "abc"
  if Sa == "abc" then
    prints "equal\n"
  endif
endin
