; expect: 8:16: array arguments to user-defined opcodes are not supported yet
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; arrays are not in ondes yet
opcode Sum, k, k[]
xout 0
endop
