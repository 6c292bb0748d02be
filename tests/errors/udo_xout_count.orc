; expect: 10:3: 'xout' has 1 argument, but 'Two' declares 2 outputs (ak)
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; two outputs declared, one given
opcode Two, ak, a
ain xin
  xout ain
endop
