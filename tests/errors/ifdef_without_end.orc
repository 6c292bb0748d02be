; expect: 4:1: #ifdef without #end
#ifdef X
instr 1
