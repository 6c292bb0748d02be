; expect: 9:10: 'passign' cannot give 2 outputs of rates ia
sr = 48000
ksmps = 48
nchnls = 1
0dbfs = 1

; passign gives p-field values: i- or k-variables, not audio
instr 1
  ix, ax passign 4
  out ax
endin
