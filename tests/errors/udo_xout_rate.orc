; expect: 10:10: 'xout': argument 1 must be a-rate, as 'Half' declares its output 1 ('a'), got k-rate
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; the output is declared a-rate
opcode Half, a, k
kin xin
xout kin * 0.5
endop
