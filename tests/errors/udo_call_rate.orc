; expect: 15:11: 'Gain': argument 1 must be a-rate, got k-rate
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; Gain takes an audio signal
opcode Gain, a, ak
ain, kg xin
xout ain * kg
endop

instr 1
  k1 line 0, 1, 1
  a1 Gain k1, 0.5
  out a1
endin
