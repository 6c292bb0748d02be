
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  ax init p4
  kx init 0.5
  a1 oscili 1, 330, -1
  out ax * kx + a1 * kx * 0.3
  kx = kx * 0.995
endin
