; expect: 9:10: 'subinstr': subinstr is not supported yet
sr = 48000
ksmps = 48
nchnls = 2
0dbfs = 1

; an instrument run as an opcode inside another note: not yet (it needs UDO sub-instances)
instr 1
  a1, a2 subinstr 2, 440
  outs a1, a2
endin
instr 2
  a1 oscili 0.1, p4
  outs a1, a1
endin
