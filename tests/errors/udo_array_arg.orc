; expect: 9:1: 'xin': output 1 ('kin') must be k[]-rate, as 'Sum' declares its input 1 ('k[]'), not k-rate
; expect: 14:6: 'xout': argument 1 must be k-rate, as 'Last' declares its output 1 ('k'), got k[]-rate
; expect: 17:17: arrays of 'f' cannot be inputs of an opcode
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1
opcode Sum, k, k[]
kin xin
xout kin
endop
opcode Last, k, k[]
kin[] xin
xout kin
endop
; f-signals (and their arrays) are not UDO arguments in ondes
opcode Spec, k, f[]
xout 0
endop
