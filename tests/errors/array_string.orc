; expect: 3:3: string arrays are not supported yet
instr 1
  SNames[] init 3
endin
