; expect: 9:5: 'xin' has 1 output, but 'Mix' declares 2 inputs (ak)
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; the declaration says two inputs
opcode Mix, a, ak
ain xin
  xout ain
endop
