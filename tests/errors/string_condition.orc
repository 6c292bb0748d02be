; expect: 10:6: a condition cannot be a string
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; a string is no truth value: compare it with strcmp
instr 1
  Sa = "yes"
  if Sa then
    prints "yes\n"
  endif
endin
