; expect: 8:18: unknown type 'x' in the opcode's input types...
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; x is no UDO type letter
opcode Bad, a, akx
ain, k1, k2 xin
xout ain
endop
