; expect: 9:22: 'strcat': argument 2 must be S-rate, got i-rate
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; strcat joins strings: a number must be made one with sprintf
instr 1
  Sa strcat "take ", 1
endin
