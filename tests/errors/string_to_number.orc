; expect: 9:11: cannot assign a string to the k-rate variable 'kname'
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; a k-variable cannot hold text
instr 1
  kname = "loud"
endin
