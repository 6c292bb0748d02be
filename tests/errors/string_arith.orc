; expect: 10:10: a string cannot be used in arithmetic (strcat joins strings)
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; no + on strings: strcat joins them
instr 1
  Sa = "abc"
  ilen = Sa + 1
endin
