; expect: 9:17: 'pset': value 3 must be a constant
sr = 48000
ksmps = 48
nchnls = 1
0dbfs = 1

; pset's values are the instrument's defaults, known before any note: constants only
instr 1
  pset 1, 0, p3 * 2, 440
  a1 oscili 0.1, p4
  out a1
endin
