; expect: 9:6: 'xin': output 2 ('a2') must be k-rate, as 'Mix' declares its input 2 ('k'), not a-rate
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; the second input is declared k-rate
opcode Mix, a, ak
ain, a2 xin
  xout ain + a2
endop
