; expect: 4:8: 'kx' is not an array
instr 1
  kx = 1
  ky = kx[0]
endin
