; expect: 5:12: Cannot set i-array at k-rate
instr 1
  iA[] init 4
  kndx = 1
  iA[kndx] = 3
endin
