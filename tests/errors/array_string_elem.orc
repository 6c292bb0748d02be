; expect: 4:13: an element of 'SArr' can only be given a string
instr 1
  SArr[] init 2
  SArr[0] = 5
endin
