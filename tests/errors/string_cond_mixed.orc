; expect: 10:25: '?:' cannot choose between a string and a number
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; both branches of ?: must be strings, or both numbers
instr 1
  ix = p4
  Sa = (ix > 0 ? "on" : 0)
endin
