; expect: 10:8: cannot assign a k-rate value to the string variable 'Sa' (use strcpyk or sprintfk)
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; = on strings runs at i-time (Csound 6.18): a k-value cannot be given to one
instr 1
  kx = 1
  Sa = kx
endin
