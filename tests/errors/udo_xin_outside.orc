; expect: 9:10: 'xin' is only allowed inside a user-defined opcode (opcode … endop)
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; xin belongs to opcode … endop
instr 1
  a1, k1 xin
  out a1
endin
